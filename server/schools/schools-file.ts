// The shape of a schools file (SCHOOLS_FILE, or the shipped default), in zod: each school and its
// contact table. Its own module, so the shipped default can be typed by it without importing config.
import { z } from 'zod';
import { CONTACT_ROLES } from '../shared/contact-roles.js';

export const Contact = z.object({
  name: z.string().trim().min(1),
  email: z.email(),
  roles: z.array(z.enum(CONTACT_ROLES)).min(1),
  note: z.string().optional(),
});
export type Contact = z.infer<typeof Contact>;

export const School = z
  .object({
    slug: z.string().regex(/^[a-z0-9-]{2,40}$/, 'lowercase letters, digits and dashes'),
    name: z.string().trim().min(1),
    board: z.string().optional(),
    /** Opt-in: notification mails carry the report's content instead of only a link. */
    fullNotificationMail: z.boolean().default(false),
    /** Every portal user of this school must log in with a TOTP code as second factor (RFC 6238). */
    requireTotp: z.boolean().default(false),
    /** Staff may ask for a login link by mail; a school that signs in through OIDC_ISSUER may switch it off. */
    loginLink: z.boolean().default(true),
    contacts: z.array(Contact).min(1),
  })
  .refine((school) => school.contacts.some((c) => c.roles.includes('vertrouwenspersoon')), {
    message: 'needs a contact with role vertrouwenspersoon',
    path: ['contacts'],
  })
  .refine((school) => school.contacts.some((c) => c.roles.includes('anti-pestcoordinator')), {
    message: 'needs a contact with role anti-pestcoordinator',
    path: ['contacts'],
  });
export type School = z.infer<typeof School>;

export const SchoolsFileSchema = z
  .object({
    defaultSchool: z.string(),
    schools: z.array(School).min(1),
  })
  .refine((file) => file.schools.some((s) => s.slug === file.defaultSchool), {
    message: 'must be the slug of one of the schools',
    path: ['defaultSchool'],
  })
  .refine((file) => new Set(file.schools.map((s) => s.slug)).size === file.schools.length, {
    message: 'slugs must be unique',
    path: ['schools'],
  });
export type SchoolsFile = z.input<typeof SchoolsFileSchema>;
