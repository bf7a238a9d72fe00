// The guided report: which screens a draft needs, in which order, and the words on each screen.
// Pure (no DOM): the report form renders from it, the speaker button reads it aloud, and
// test/readability.test.ts measures the same words.
import { MAX_SCREENSHOT_BYTES, MAX_SCREENSHOTS } from '../../../server/shared/limits';
import type { Messages } from '../i18n/catalog';
import { format, isolateName, plural } from '../i18n/format';
import { showsOnline, showsSignals, showsTarget, type ReportDraft } from './draft';
import {
  ANSWERS,
  FREQUENCY_ANSWERS,
  KINDS,
  PLACES,
  PLATFORMS,
  RECIPIENTS,
  ROLES,
  SIGNALS,
  SINCE_ANSWERS,
  voiceOf,
  type Question,
} from './options';

export const STEP_IDS = [
  'role',
  'danger',
  'afraid',
  'signals',
  'kinds',
  'places',
  'platforms',
  'screenshots',
  'frequency',
  'since',
  'equal',
  'sameTarget',
  'hurtful',
  'description',
  'names',
  'identity',
  'recipients',
  'summary',
] as const;
export type StepId = (typeof STEP_IDS)[number];

/**
 * Screens that cannot be skipped: who you are, and what happened (the contract requires both),
 * except that a child in danger may leave the story empty, as the server allows.
 */
export function isRequired(step: StepId, draft: Pick<ReportDraft, 'urgent'>): boolean {
  return step === 'role' || (step === 'description' && draft.urgent !== true);
}

type FlowDraft = Pick<ReportDraft, 'role' | 'kinds' | 'places'>;

/** The screens this draft goes through. Answers on earlier screens add or drop later ones. */
export function stepsFor(draft: FlowDraft): StepId[] {
  return STEP_IDS.filter((step) => {
    if (step === 'signals') return showsSignals(draft);
    if (step === 'platforms' || step === 'screenshots') return showsOnline(draft);
    return true;
  });
}

export interface StepOption {
  value: string;
  label: string;
}

/** Everything a screen says: its question, a short help line, the answers (or field labels). */
export interface StepText {
  title: string;
  hint: string;
  options: StepOption[];
}

function options<T extends string>(values: readonly T[], labels: Record<T, string>): StepOption[] {
  return values.map((value) => ({ value, label: labels[value] }));
}

export function questionText(question: Question, draft: Pick<ReportDraft, 'role'>, m: Messages) {
  return m.questions[question][voiceOf(draft.role)];
}

/** The words of one screen for this draft, in the language of `m`. */
export function stepText(step: StepId, draft: ReportDraft | FlowDraft, m: Messages): StepText {
  switch (step) {
    case 'role':
      return { title: m.role.legend, hint: m.role.hint, options: options(ROLES, m.role.options) };
    case 'danger':
    case 'afraid': {
      const words = m[step];
      const legend = draft.role === 'parent' ? words.legend.parent : words.legend[voiceOf(draft.role)];
      return { title: legend, hint: '', options: [{ value: 'yes', label: words.yes }, { value: 'no', label: words.no }] };
    }
    case 'signals':
      return { title: m.signals.legend, hint: m.signals.hint, options: options(SIGNALS, m.signals.options) };
    case 'kinds':
      return { title: m.kinds.legend, hint: m.pickMore, options: options(KINDS, m.kinds.options) };
    case 'places':
      return { title: m.places.legend, hint: m.pickMore, options: options(PLACES, m.places.options) };
    case 'platforms':
      return { title: m.platforms.legend, hint: m.pickMore, options: options(PLATFORMS, m.platforms.options) };
    case 'screenshots':
      return {
        title: m.screenshots.title,
        hint: m.screenshots.intro,
        options: [
          { value: 'label', label: m.screenshots.label },
          { value: 'rules', label: format(m.screenshots.hint, { max: MAX_SCREENSHOTS, megabytes: MAX_SCREENSHOT_BYTES / (1024 * 1024) }) },
          { value: 'pick', label: m.screenshots.pick },
        ],
      };
    case 'frequency':
      return {
        title: m.frequency.legend,
        hint: '',
        options: options(FREQUENCY_ANSWERS, { ...m.frequency.options, unknown: m.questions.unknown }),
      };
    case 'since':
      return {
        title: m.since.legend,
        hint: '',
        options: options(SINCE_ANSWERS, { ...m.since.options, unknown: m.questions.unknown }),
      };
    case 'equal':
    case 'sameTarget':
    case 'hurtful': {
      const text = questionText(step, draft, m);
      return {
        title: text.legend,
        hint: text.hint,
        options: options(ANSWERS, { yes: text.yes, no: text.no, unknown: m.questions.unknown }),
      };
    }
    case 'description':
      return { title: m.description.label, hint: m.description.hint, options: [] };
    case 'names':
      return {
        title: m.names.legend,
        hint: m.names.hint,
        options: [
          ...(showsTarget(draft) ? [{ value: 'target', label: m.names.target }] : []),
          { value: 'perpetrators', label: m.names.perpetrators },
        ],
      };
    case 'identity':
      return {
        title: m.identity.legend,
        hint: m.identity.hint,
        options: [
          { value: 'anonymous', label: m.identity.anonymous },
          { value: 'named', label: m.identity.named },
        ],
      };
    case 'recipients':
      return { title: m.recipients.legend, hint: m.recipients.hint, options: options(RECIPIENTS, m.recipients.options) };
    case 'summary':
      return { title: m.summary.title, hint: m.summary.hint, options: [] };
  }
}

/** What the speaker button says: the question, its help line, then each answer. */
export function spokenText(text: StepText): string {
  const end = (sentence: string): string => (/[.?!:…]$/.test(sentence) ? sentence : `${sentence}.`);
  return [text.title, text.hint, ...text.options.map((option) => option.label)]
    .filter((part) => part.trim() !== '')
    .map(end)
    .join(' ');
}

/** The answer as the summary shows it, or '' when nothing was chosen or typed. */
export function answerText(step: StepId, draft: ReportDraft, m: Messages): string {
  const label = (value: string | undefined): string =>
    stepText(step, draft, m).options.find((option) => option.value === value)?.label ?? '';
  const list = (values: readonly string[]): string => values.map((value) => label(value)).join(', ');
  const yesNoLabel = (value: boolean | undefined): string => (value === undefined ? '' : label(value ? 'yes' : 'no'));
  switch (step) {
    case 'role':
      return label(draft.role);
    case 'danger':
      return yesNoLabel(draft.urgent);
    case 'afraid':
      return yesNoLabel(draft.afraidOfSchool);
    case 'signals':
      return list(draft.signals);
    case 'kinds':
      return list(draft.kinds);
    case 'places':
      return list(draft.places);
    case 'platforms':
      return list(draft.platforms);
    case 'screenshots':
      return draft.screenshots.length ? plural(m.summary.pictures, draft.screenshots.length) : '';
    case 'frequency':
      return label(draft.frequency);
    case 'since':
      return label(draft.since);
    case 'equal':
    case 'sameTarget':
    case 'hurtful':
      return label(draft.answers[step]);
    case 'description':
      return draft.description.trim();
    case 'names':
      return [showsTarget(draft) ? draft.target.trim() : '', draft.perpetrators.trim()]
        .filter(Boolean)
        .join(' / ');
    case 'identity': {
      if (draft.anonymous) return m.identity.anonymous;
      // All of it, the address too: a parent checks here where the school's mail will go.
      const email = draft.email.trim();
      const details = [draft.name.trim(), draft.group && format(m.identity.groupOption, { group: draft.group }), email && isolateName(email)];
      return [m.identity.named, details.filter(Boolean).join(', ')].filter(Boolean).join(': ');
    }
    case 'recipients':
      return label(draft.recipients);
    case 'summary':
      return '';
  }
}
