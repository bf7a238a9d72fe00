import { z } from 'zod';
import {
  MAX_DESCRIPTION_LENGTH,
  MAX_EMAIL_LENGTH,
  MAX_SHORT_TEXT_LENGTH,
  MAX_SUBMISSION_KEY_LENGTH,
  MIN_SUBMISSION_KEY_LENGTH,
} from '../shared/limits.js';

import { oneLine } from '../../templates/plain-text.js';
import { FREQUENCIES, KINDS, PLACES, PLATFORMS, RECIPIENTS, ROLES, SINCE } from '../shared/report-options.js';
import { LANGUAGES } from '../shared/languages.js';
import { messageKey } from '../shared/server-messages.js';

// Bidirectional overrides can make a name read backwards in the staff portal; other control
// characters are invisible. Newlines and tabs stay: children write in paragraphs.
const INVISIBLE_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g;

/** Text as people type it, without invisible characters, trimmed, at most `max` characters. */
export function visibleText(max: number, tooLong: string) {
  return z
    .string({ error: messageKey('input.text') })
    // Browsers send line breaks in forms as CRLF; count and store them as one character, as typed.
    .transform((value) => value.replace(/\r\n?/g, '\n').replace(INVISIBLE_CONTROLS, '').trim())
    .pipe(z.string().max(max, tooLong));
}

/** A short field (name, who it happens to, who does it) is one line: line breaks become spaces. */
function optionalLine(max: number, tooLong: string) {
  return visibleText(max, tooLong)
    .transform((value) => oneLine(value))
    .transform((value) => (value === '' ? undefined : value))
    .optional();
}

// Multipart sends every value as text; JSON sends real booleans. Both are accepted.
export const yesNo = z.union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')], {
  error: messageKey('input.yesNo'),
});

/** A `language` field of a reporter's request (report, follow-up). */
export const reporterLanguage = z.enum(LANGUAGES, { error: messageKey('input.language') });

export function choiceList<T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z
    .array(z.enum(values, { error: message }), { error: message })
    .max(values.length, message)
    .transform((list) => [...new Set(list)])
    .default([]);
}

const group = z
  .union([z.number(), z.string().trim().regex(/^\d+$/).transform(Number)], {
    error: messageKey('input.group'),
  })
  .pipe(z.number().int().min(1, messageKey('input.group')).max(8, messageKey('input.group')));

/** The form's fields; ReportBody adds the check across them. Staff recording a report reuse them too. */
export const ReportFields = z.object({
  school: z.string().trim().min(1).max(40).optional(),
  role: z.enum(ROLES, { error: messageKey('report.role') }),
  anonymous: yesNo.default(true),
  name: optionalLine(MAX_SHORT_TEXT_LENGTH, messageKey('report.nameTooLong')),
  group: group.optional(),
  email: z
    .string({ error: messageKey('report.email') })
    .trim()
    .max(MAX_EMAIL_LENGTH, messageKey('report.emailTooLong'))
    .transform((value) => (value === '' ? undefined : value))
    .pipe(z.email(messageKey('report.email')).optional())
    .optional(),
  /** Required, except in a report sent at once from the danger screen (urgent): see the check below. */
  description: visibleText(
    MAX_DESCRIPTION_LENGTH,
    messageKey('report.descriptionTooLong'),
  ).default(''),
  kinds: choiceList(KINDS, messageKey('report.kinds')),
  places: choiceList(PLACES, messageKey('report.places')),
  platforms: choiceList(PLATFORMS, messageKey('report.platforms')),
  frequency: z.enum(FREQUENCIES, { error: messageKey('report.frequency') }).optional(),
  since: z.enum(SINCE, { error: messageKey('report.since') }).optional(),
  equal: yesNo.optional(),
  sameTarget: yesNo.optional(),
  hurtful: yesNo.optional(),
  target: optionalLine(MAX_SHORT_TEXT_LENGTH, messageKey('report.lineTooLong')),
  perpetrators: optionalLine(MAX_SHORT_TEXT_LENGTH, messageKey('report.lineTooLong')),
  recipients: z.enum(RECIPIENTS, { error: messageKey('report.recipients') }).default('default'),
  /**
   * "Ben je nu in gevaar?" answered yes (older forms asked "in gevaar of bang om naar school te
   * gaan?" in one question; their yes is read the same way). Staff see it first, 112 is on screen.
   */
  urgent: yesNo.default(false),
  /** "Ben je bang om naar school te gaan?": urgent for the school too, without the 112 panel. */
  afraidOfSchool: yesNo.optional(),
  /** A named reporter with an e-mail address may ask for a mail, without content, when the school answers. */
  notifyOnAnswer: yesNo.default(false),
  /** The form's language: the answer's messages, what staff see and mails to a named reporter. Absent: Dutch. */
  language: reporterLanguage.default('nl'),
});

const missingStory = (body: { description?: unknown; urgent?: unknown }, urgentMayOmit: boolean) =>
  body.description === '' && !(urgentMayOmit && body.urgent === true);

/**
 * The check that a story was told, as arguments for .refine(). `urgentMayOmit`: "Stuur nu" on the
 * danger screen sends what is filled in at once, so there the story may be empty. Checked also when
 * other fields are wrong, so every message comes back in one answer.
 */
export function storyRequired(
  urgentMayOmit: boolean,
): [(body: { description: string; urgent: boolean }) => boolean, { path: string[]; message: string; when: (payload: z.core.ParsePayload) => boolean }] {
  return [
    (body: { description: string; urgent: boolean }) => !missingStory(body, urgentMayOmit),
    {
      path: ['description'],
      message: messageKey('report.descriptionMissing'),
      when: (payload: z.core.ParsePayload) => missingStory(payload.value as { description?: unknown; urgent?: unknown }, urgentMayOmit),
    },
  ];
}

/**
 * The reporter's page's random key for one report (or one answer at /volgen), the same on every try of
 * it: a try whose answer was lost and that is sent again is not stored twice, and a report gets the
 * first receipt back (server/reports/repeated-submissions.ts).
 */
export const submissionKey = z
  .string({ error: messageKey('report.submission') })
  .regex(/^[A-Za-z0-9_-]*$/, messageKey('report.submission'))
  .min(MIN_SUBMISSION_KEY_LENGTH, messageKey('report.submission'))
  .max(MAX_SUBMISSION_KEY_LENGTH, messageKey('report.submission'));

export const ReportBody = ReportFields.extend({ submission: submissionKey.optional() }).refine(...storyRequired(true));

/** The report's answers: the submission key is the route's, not the report's. */
export type ReportInput = Omit<z.output<typeof ReportBody>, 'submission'>;

/** Fields that arrive as lists; in multipart they may repeat or carry a `[]` suffix. */
export const LIST_FIELDS = ['kinds', 'places', 'platforms'] as const;
