import { z } from 'zod';
import {
  MAX_DESCRIPTION_LENGTH,
  MAX_EMAIL_LENGTH,
  MAX_SHORT_TEXT_LENGTH,
} from '../shared/limits.js';

import { oneLine } from '../../templates/plain-text.js';
import { FREQUENCIES, KINDS, PLACES, PLATFORMS, RECIPIENTS, ROLES, SINCE } from '../shared/report-options.js';

// Bidirectional overrides can make a name read backwards in the staff portal; other control
// characters are invisible. Newlines and tabs stay: children write in paragraphs.
const INVISIBLE_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g;

/** Text as people type it, without invisible characters, trimmed, at most `max` characters. */
export function visibleText(max: number, tooLong: string) {
  return z
    .string({ error: 'Dit moet tekst zijn.' })
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
const yesNo = z.union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')], {
  error: 'Kies ja of nee.',
});

function choiceList<T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z
    .array(z.enum(values, { error: message }), { error: message })
    .max(values.length, message)
    .transform((list) => [...new Set(list)])
    .default([]);
}

const group = z
  .union([z.number(), z.string().trim().regex(/^\d+$/).transform(Number)], {
    error: 'Kies een groep van 1 tot en met 8.',
  })
  .pipe(z.number().int().min(1, 'Kies een groep van 1 tot en met 8.').max(8, 'Kies een groep van 1 tot en met 8.'));

export const ReportBody = z.object({
  school: z.string().trim().min(1).max(40).optional(),
  role: z.enum(ROLES, { error: 'Kies wie je bent.' }),
  anonymous: yesNo.default(true),
  name: optionalLine(MAX_SHORT_TEXT_LENGTH, `Je naam mag niet langer zijn dan ${MAX_SHORT_TEXT_LENGTH} tekens.`),
  group: group.optional(),
  email: z
    .string({ error: 'Dit is geen goed e-mailadres.' })
    .trim()
    .max(MAX_EMAIL_LENGTH, 'Dit e-mailadres is te lang.')
    .transform((value) => (value === '' ? undefined : value))
    .pipe(z.email('Dit is geen goed e-mailadres.').optional())
    .optional(),
  /** Required, except in a report sent at once from the danger screen (urgent): see the check below. */
  description: visibleText(
    MAX_DESCRIPTION_LENGTH,
    `Je verhaal is te lang. Het mag ${MAX_DESCRIPTION_LENGTH} tekens zijn.`,
  ).default(''),
  kinds: choiceList(KINDS, 'Kies wat er gebeurd is uit de lijst.'),
  places: choiceList(PLACES, 'Kies waar het gebeurt uit de lijst.'),
  platforms: choiceList(PLATFORMS, 'Kies een app of spel uit de lijst.'),
  frequency: z.enum(FREQUENCIES, { error: 'Kies hoe vaak het gebeurt.' }).optional(),
  since: z.enum(SINCE, { error: 'Kies sinds wanneer het gebeurt.' }).optional(),
  equal: yesNo.optional(),
  sameTarget: yesNo.optional(),
  hurtful: yesNo.optional(),
  target: optionalLine(MAX_SHORT_TEXT_LENGTH, `Dit mag niet langer zijn dan ${MAX_SHORT_TEXT_LENGTH} tekens.`),
  perpetrators: optionalLine(
    MAX_SHORT_TEXT_LENGTH,
    `Dit mag niet langer zijn dan ${MAX_SHORT_TEXT_LENGTH} tekens.`,
  ),
  recipients: z.enum(RECIPIENTS, { error: 'Kies wie je melding mag lezen.' }).default('default'),
  /**
   * "Ben je nu in gevaar?" answered yes (older forms asked "in gevaar of bang om naar school te
   * gaan?" in one question; their yes is read the same way). Staff see it first, 112 is on screen.
   */
  urgent: yesNo.default(false),
  /** "Ben je bang om naar school te gaan?": urgent for the school too, without the 112 panel. */
  afraidOfSchool: yesNo.optional(),
  /** A named reporter with an e-mail address may ask for a mail, without content, when the school answers. */
  notifyOnAnswer: yesNo.default(false),
})
  // "Stuur nu" on the danger screen sends what is filled in at once: then the story may be empty.
  // Checked also when other fields are wrong, so every message comes back in one answer.
  .refine((body) => body.description !== '' || body.urgent === true, {
    path: ['description'],
    message: 'Vertel wat er gebeurd is.',
    when: (payload) => {
      const body = payload.value as { description?: unknown; urgent?: unknown };
      return body.description === '' && body.urgent !== true;
    },
  });

export type ReportInput = z.output<typeof ReportBody>;

/** Fields that arrive as lists; in multipart they may repeat or carry a `[]` suffix. */
export const LIST_FIELDS = ['kinds', 'places', 'platforms'] as const;
