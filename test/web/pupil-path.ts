// Every string a pupil meets on the way from the first screen to the receipt, in one language.
// Pure (no DOM): test/readability.test.ts scores the Dutch ones with LIX. The screens' words come
// from report/flow.ts, the very function the form renders from; the rest is the page around them.
import { MAX_DESCRIPTION_LENGTH } from '../../server/shared/limits';
import { emptyDraft, type ReportDraft } from '../../web/src/report/draft';
import { stepText, stepsFor } from '../../web/src/report/flow';
import type { Role } from '../../web/src/report/options';
import type { InfoMessages, Messages } from '../../web/src/i18n/catalog';
import { format, plural } from '../../web/src/i18n/format';

/** The pupil's paths: it happens to me, I see it happen, and "iets anders". Parents are adults. */
export const PUPIL_ROLES: readonly Role[] = ['self', 'bystander', 'other'];

function stringsIn(section: object): string[] {
  return Object.values(section).filter((value): value is string => typeof value === 'string');
}

/** The words on the screens of one role's path, with the online screens shown. */
export function screenTexts(m: Messages, role: Role): string[] {
  const draft: ReportDraft = { ...emptyDraft(), role, kinds: ['cyber'], places: ['online'] };
  return stepsFor(draft).flatMap((step) => {
    const text = stepText(step, draft, m);
    return [text.title, text.hint, ...text.options.map((option) => option.label)];
  });
}

/** The screens of every pupil path plus what surrounds them on every page, without duplicates. */
export function pupilPathTexts(m: Messages): string[] {
  const steps = stepsFor({ role: 'self', kinds: ['cyber'], places: [] }).length;
  const around = [
    m.intro.title,
    m.intro.lead,
    m.intro.anonymous,
    ...stringsIn(m.help),
    m.afraid.yesNote,
    ...stringsIn(m.exit),
    format(m.flow.progress, { step: 3, total: steps }),
    ...stringsIn(m.flow),
    ...stringsIn(m.readAloud),
    format(m.counter, { left: MAX_DESCRIPTION_LENGTH / 10 }),
    m.pickMore,
    m.identity.name,
    m.identity.group.pupil,
    m.identity.groupNone,
    format(m.identity.groupOption, { group: '5' }),
    m.identity.email,
    m.identity.emailHint,
    m.names.target,
    m.names.perpetrators,
    m.summary.change,
    m.summary.empty,
    plural(m.summary.pictures, 2),
    m.send.button,
    m.send.sending,
    m.errors.summary,
    m.errors.description,
    m.errors.network,
    m.screenshots.remove,
    m.info.nav,
    ...stringsIn(m.info.topics),
    m.info.back,
    ...stringsIn(m.receipt),
  ];
  const all = [...PUPIL_ROLES.flatMap((role) => screenTexts(m, role)), ...around];
  return [...new Set(all.map((text) => text.trim()).filter((text) => text !== ''))];
}

/** The information pages a pupil reads (the parents' page is for adults), from a language's <code>.info.json. */
export function pupilInfoTexts(info: InfoMessages): string[] {
  const { pesten, social, contacts } = info;
  return [
    pesten.title,
    pesten.lead,
    pesten.caption,
    pesten.question,
    pesten.plagen,
    pesten.pesten,
    ...pesten.rows.flatMap((row) => [row.question, row.plagen, row.pesten]),
    pesten.notYourFault,
    pesten.askHelp,
    pesten.helpOthers,
    social.title,
    social.lead,
    ...social.rules,
    social.report,
    contacts.title,
    contacts.lead,
    contacts.name,
    contacts.role,
    contacts.failed,
    ...Object.values(contacts.roles),
    contacts.outside,
  ];
}
