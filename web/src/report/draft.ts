// What the reporter has filled in so far, which parts of the form apply, and the request it becomes.
import { MAX_DESCRIPTION_LENGTH } from '../../../server/shared/limits';
import { SIGNAL_LABELS } from '../../../server/shared/signal-labels';
import type { Messages } from '../i18n/catalog';
import { format } from '../i18n/format';
import type {
  Answer,
  FrequencyAnswer,
  Group,
  Kind,
  Place,
  Platform,
  Question,
  Recipients,
  Role,
  Signal,
  SinceAnswer,
} from './options';

export interface ReportDraft {
  role: Role | undefined;
  /** "Ben je nu in gevaar?": undefined until answered; `true` marks it urgent and shows 112. */
  urgent: boolean | undefined;
  /** "Ben je bang om naar school te gaan?": undefined until answered; `true` is urgent for the school. */
  afraidOfSchool: boolean | undefined;
  signals: Signal[];
  kinds: Kind[];
  description: string;
  places: Place[];
  frequency: FrequencyAnswer | undefined;
  /** "Sinds wanneer gebeurt het?"; "weet ik niet" is not sent. */
  since: SinceAnswer | undefined;
  answers: Partial<Record<Question, Answer>>;
  target: string;
  perpetrators: string;
  platforms: Platform[];
  screenshots: File[];
  anonymous: boolean;
  name: string;
  group: Group | '';
  email: string;
  /** Only with a name and an e-mail address: a mail without content when the school writes back. */
  notifyOnAnswer: boolean;
  recipients: Recipients;
  /**
   * A random key sent with every try of this report: when the answer to a stored report is lost on the
   * way (a bad network) and it is sent again, the server gives the first receipt back, not a second report.
   */
  submission: string;
}

/** Contract fields a message can belong to (server `fields` keys, and the browser's own checks). */
export type ReportField =
  | 'role'
  | 'description'
  | 'kinds'
  | 'places'
  | 'frequency'
  | 'since'
  | Question
  | 'target'
  | 'perpetrators'
  | 'platforms'
  | 'screenshots'
  | 'anonymous'
  | 'name'
  | 'group'
  | 'email'
  | 'notifyOnAnswer'
  | 'recipients'
  | 'urgent'
  | 'afraidOfSchool';

export type FieldErrors = Partial<Record<ReportField, string>>;

/** What a form part changed: the detail of its `draft-change` event. */
export type DraftPatch = Partial<ReportDraft>;

/** Bubbles (within the form's shadow root) up to the form that holds the draft. */
export function draftChange(patch: DraftPatch): CustomEvent<DraftPatch> {
  return new CustomEvent<DraftPatch>('draft-change', { detail: patch, bubbles: true });
}

declare global {
  interface HTMLElementEventMap {
    'draft-change': CustomEvent<DraftPatch>;
  }
}

const REPORT_FIELDS: readonly ReportField[] = [
  'role', 'description', 'kinds', 'places', 'frequency', 'equal', 'sameTarget', 'hurtful', 'target',
  'perpetrators', 'platforms', 'screenshots', 'anonymous', 'name', 'group', 'email', 'notifyOnAnswer', 'recipients', 'urgent',
  'afraidOfSchool', 'since',
];

export function emptyDraft(): ReportDraft {
  return {
    role: undefined,
    urgent: undefined,
    afraidOfSchool: undefined,
    signals: [],
    kinds: [],
    description: '',
    places: [],
    frequency: undefined,
    since: undefined,
    answers: {},
    target: '',
    perpetrators: '',
    platforms: [],
    screenshots: [],
    anonymous: true,
    name: '',
    group: '',
    email: '',
    notifyOnAnswer: false,
    recipients: 'default',
    submission: newSubmissionKey(),
  };
}

/**
 * The key sent with every try of one report or one answer at /volgen (the server stores a repeated try
 * once): 128 random bits in base64url (22 characters); getRandomValues works on plain http too.
 */
export function newSubmissionKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export const showsSignals = (draft: Pick<ReportDraft, 'role'>): boolean => draft.role === 'parent';
export const showsTarget = (draft: Pick<ReportDraft, 'role'>): boolean => draft.role !== 'self';
export const showsOnline = (draft: Pick<ReportDraft, 'kinds' | 'places'>): boolean =>
  draft.kinds.includes('cyber') || draft.places.includes('online');

/** What the parent's ticked signals are headed with in the description the school reads. */
const SIGNALS_HEADING = 'Signalen';

/**
 * The contract has no field for a parent's signals, so they travel at the end of the description.
 * Always in Dutch, in the protocol's words staff read (server/shared/signal-labels.ts), whatever language
 * the page is in: the school reads them next to its own protocol.
 */
function signalsText(draft: ReportDraft): string {
  if (!showsSignals(draft) || draft.signals.length === 0) return '';
  return `\n\n${SIGNALS_HEADING}: ${draft.signals.map((signal) => SIGNAL_LABELS[signal]).join('; ')}.`;
}

/** The screenshots that go with the report, in the order sent: none when the online screens are hidden. */
export function sentScreenshots(draft: ReportDraft): readonly File[] {
  return showsOnline(draft) ? draft.screenshots : [];
}

/** Characters left for the reporter's own words once the signals are appended. */
export function descriptionLimit(draft: ReportDraft): number {
  return MAX_DESCRIPTION_LENGTH - signalsText(draft).length;
}

/** The browser's own checks before sending; the server checks everything again. */
export function validateDraft(draft: ReportDraft, m: Messages): FieldErrors {
  const errors: FieldErrors = {};
  if (!draft.role) errors.role = m.errors.role;
  const limit = descriptionLimit(draft);
  // Only a child in danger may send without a story ("Stuur nu"), as the server allows.
  if (draft.description.trim() === '' && !draft.urgent) errors.description = m.errors.description;
  else if (draft.description.length > limit) errors.description = format(m.errors.descriptionTooLong, { max: limit });
  return errors;
}

/** Server `fields` keys may carry a path (`kinds.0`, `kinds[]`): each message goes to its field. */
export function toFieldErrors(fields: Record<string, string>): FieldErrors {
  const errors: FieldErrors = {};
  for (const [key, message] of Object.entries(fields)) {
    const field = REPORT_FIELDS.find((name) => name === key.split(/[.[]/)[0]);
    if (field && !errors[field]) errors[field] = message;
  }
  return errors;
}

/**
 * The server names a refused screenshot as `screenshots.<index>` (in the order sent): each message
 * goes to that file, so the picker can show it beside the file's name.
 */
export function screenshotErrors(fields: Record<string, string>, sent: readonly File[]): Map<File, string> {
  const errors = new Map<File, string>();
  for (const [key, message] of Object.entries(fields)) {
    const file = sent[Number(/^screenshots\.(\d+)$/.exec(key)?.[1] ?? NaN)];
    if (file) errors.set(file, message);
  }
  return errors;
}

/** The multipart body of POST /api/reports. Parts of the form that are hidden are not sent. */
export function toFormData(draft: ReportDraft): FormData {
  const data = new FormData();
  const text = (field: string, value: string): void => {
    if (value.trim() !== '') data.append(field, value.trim());
  };
  const list = (field: string, values: readonly string[]): void => {
    for (const value of values) data.append(field, value);
  };

  if (draft.role) data.append('role', draft.role);
  data.append('description', draft.description.trim() + signalsText(draft));
  list('kinds', draft.kinds);
  list('places', draft.places);
  if (draft.frequency && draft.frequency !== 'unknown') data.append('frequency', draft.frequency);
  if (draft.since && draft.since !== 'unknown') data.append('since', draft.since);
  for (const [question, answer] of Object.entries(draft.answers)) {
    if (answer !== 'unknown') data.append(question, String(answer === 'yes'));
  }
  if (showsTarget(draft)) text('target', draft.target);
  text('perpetrators', draft.perpetrators);
  if (showsOnline(draft)) {
    list('platforms', draft.platforms);
    for (const file of sentScreenshots(draft)) data.append('screenshots', file, file.name);
  }
  data.append('anonymous', String(draft.anonymous));
  if (!draft.anonymous) {
    text('name', draft.name);
    text('group', draft.group);
    text('email', draft.email);
    if (draft.email.trim() !== '') data.append('notifyOnAnswer', String(draft.notifyOnAnswer));
  }
  data.append('recipients', draft.recipients);
  data.append('urgent', String(draft.urgent === true));
  if (draft.afraidOfSchool !== undefined) data.append('afraidOfSchool', String(draft.afraidOfSchool));
  data.append('submission', draft.submission);
  return data;
}
