import { z } from 'zod';
import { MAX_SCHOOL_RETENTION_MONTHS, MIN_SCHOOL_RETENTION_MONTHS, SCHOOL_TEXT_MAX } from '../shared/limits.js';
import { HOLIDAY_REGIONS } from '../shared/board-values.js';
import { CONTACT_ROLES, type ContactRole } from '../shared/contact-roles.js';

// One schema for a school and its contact table, used for the schools file at start and for every
// change a board admin makes: the same rules, the same Dutch message per field.

/**
 * Objects refuse keys they do not know (a typo such as requireTOTP would otherwise be dropped);
 * the schools file's start-up message names the key in English instead of this text.
 */
const strictObject = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.strictObject(shape, { error: (issue) => (issue.code === 'unrecognized_keys' ? 'Dit veld kennen we niet.' : undefined) });

const text = (missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .max(SCHOOL_TEXT_MAX, `Gebruik hoogstens ${SCHOOL_TEXT_MAX} tekens.`);

export const ContactName = text('Vul een naam in.');
export const ContactEmail = z.email({ error: 'Vul een geldig e-mailadres in, zoals naam@school.nl.' });
export const ContactRoles = z
  .array(z.enum(CONTACT_ROLES, { error: 'Kies een rol uit de lijst.' }), { error: 'Kies minstens één rol.' })
  .min(1, 'Kies minstens één rol.');
export const ContactNote = z.string({ error: 'Een notitie is tekst.' }).trim().max(SCHOOL_TEXT_MAX, `Gebruik hoogstens ${SCHOOL_TEXT_MAX} tekens.`);

export const Contact = strictObject({
  name: ContactName,
  email: ContactEmail,
  roles: ContactRoles,
  note: ContactNote.optional(),
});
export type Contact = z.infer<typeof Contact>;

/**
 * Slugs the portal's own addresses use: /api/schools/default is the default school, so a school
 * called "default" could never be opened at its own address.
 */
export const RESERVED_SCHOOL_SLUGS: readonly string[] = ['default'];

export const SchoolSlug = z
  .string({ error: 'Vul een korte naam voor het adres in.' })
  .regex(/^[a-z0-9-]{2,40}$/, 'Gebruik 2 tot 40 kleine letters, cijfers of streepjes, zoals de-linde.')
  .refine((slug) => !RESERVED_SCHOOL_SLUGS.includes(slug), 'Dit adres gebruikt klikvrij zelf. Kies een ander, zoals de-linde.');
export const SchoolName = text('Vul de naam van de school in.');

/** What a board may set per school besides its name; a later option (say sign-in) is one more field. */
export const SchoolOptions = strictObject({
  /** Opt-in: notification mails carry the report's content instead of only a link. */
  fullNotificationMail: z.boolean({ error: 'Kies aan of uit.' }).default(false),
  /** Every portal user of this school must log in with a TOTP code as second factor (RFC 6238). */
  requireTotp: z.boolean({ error: 'Kies aan of uit.' }).default(false),
  /** Months a closed case is kept; null: the installation's RETENTION_MONTHS. */
  retentionMonths: z
    .number({ error: 'Vul een aantal maanden in.' })
    .int('Vul een heel aantal maanden in.')
    .min(MIN_SCHOOL_RETENTION_MONTHS, `Minstens ${MIN_SCHOOL_RETENTION_MONTHS} maand.`)
    .max(MAX_SCHOOL_RETENTION_MONTHS, `Hoogstens ${MAX_SCHOOL_RETENTION_MONTHS} maanden.`)
    .nullable()
    .default(null),
  holidayRegion: z.enum(HOLIDAY_REGIONS, { error: 'Kies noord, midden of zuid.' }).nullable().default(null),
  /** Staff may ask for a login link by mail; a school that signs in through OIDC_ISSUER may switch it off. */
  loginLink: z.boolean({ error: 'Kies aan of uit.' }).default(true),
});
export type SchoolOptions = z.infer<typeof SchoolOptions>;

const VP_MISSING = 'De school heeft een vertrouwenspersoon nodig.';
const APC_MISSING = 'De school heeft een anti-pestcoördinator nodig.';

/** The roles every contact table must keep: otherwise a report would reach nobody. */
export function missingRequiredRole(contacts: ReadonlyArray<{ roles: readonly ContactRole[] }>): string | undefined {
  if (!contacts.some((contact) => contact.roles.includes('vertrouwenspersoon'))) return VP_MISSING;
  if (!contacts.some((contact) => contact.roles.includes('anti-pestcoordinator'))) return APC_MISSING;
  return undefined;
}

export const School = z
  .strictObject({
    slug: SchoolSlug,
    name: SchoolName,
    board: z
      .string({ error: 'Schrijf de naam van het bestuur als tekst.' })
      .trim()
      .max(SCHOOL_TEXT_MAX, `Gebruik hoogstens ${SCHOOL_TEXT_MAX} tekens.`)
      .optional(),
    ...SchoolOptions.shape,
    contacts: z.array(Contact, { error: 'Geef de lijst met contactpersonen.' }).min(1, 'Voeg minstens één contactpersoon toe.'),
  })
  .superRefine((school, ctx) => {
    const missing = missingRequiredRole(school.contacts);
    if (missing) ctx.addIssue({ code: 'custom', message: missing, path: ['contacts'] });
  });
export type School = z.infer<typeof School>;

/** Two schools of one name (spacing and capitals aside) could not be told apart in a list, a school switcher or a mail. */
export function sameSchoolName(a: string, b: string): boolean {
  const plain = (name: string) => name.replace(/\s+/g, ' ').trim().toLowerCase();
  return plain(a) === plain(b);
}

/** The first board admins, as a schools file may name them. */
export const BoardAdminEntry = strictObject({ name: ContactName, email: ContactEmail });

export const SchoolsFileSchema = z
  .strictObject({
    defaultSchool: SchoolSlug,
    boardAdmins: z.array(BoardAdminEntry).default([]),
    schools: z.array(School).min(1, 'Geef minstens één school.'),
  })
  .refine((file) => file.schools.some((s) => s.slug === file.defaultSchool), {
    message: 'Dit moet het adres (slug) van een van de scholen zijn.',
    path: ['defaultSchool'],
  })
  .superRefine((file, context) => {
    // Named at the second school with the slug: in a board's file of thirty schools, which one to change.
    const seen = new Set<string>();
    file.schools.forEach((school, index) => {
      if (seen.has(school.slug)) {
        context.addIssue({ code: 'custom', path: ['schools', index, 'slug'], message: `Elke school heeft een eigen adres (slug) nodig: ${school.slug} staat er al eerder in.` });
      }
      seen.add(school.slug);
      if (file.schools.slice(0, index).some((other) => sameSchoolName(other.name, school.name))) {
        context.addIssue({ code: 'custom', path: ['schools', index, 'name'], message: `Elke school heeft een eigen naam nodig: ${school.name} staat er al eerder in.` });
      }
    });
  });
export type SchoolsFile = z.input<typeof SchoolsFileSchema>;
export type ParsedSchoolsFile = z.output<typeof SchoolsFileSchema>;
