// The school's contact table as the information page shows it: names and roles only
// (GET /api/schools/<slug> never sends an e-mail address).
import { CONTACT_ROLES, type ContactRole } from '../../../server/shared/contact-roles';
import { pageSchool } from '../report/page-school';

export { CONTACT_ROLES, type ContactRole };

export interface PublicContact {
  name: string;
  roles: ContactRole[];
}

export interface PublicSchool {
  name: string;
  contacts: PublicContact[];
}

function isPublicSchool(body: unknown): body is PublicSchool {
  const school = body as PublicSchool;
  return (
    typeof school === 'object' &&
    school !== null &&
    typeof school.name === 'string' &&
    Array.isArray(school.contacts) &&
    school.contacts.every((contact) => typeof contact.name === 'string' && Array.isArray(contact.roles))
  );
}

let cached: Promise<PublicSchool> | undefined;

/** Fetched once per page; a failure is not cached, so the next visit tries again. */
export function loadSchool(): Promise<PublicSchool> {
  const url = `/api/schools/${pageSchool() ?? 'default'}`;
  cached ??= fetch(url, { credentials: 'omit' })
    .then(async (response) => {
      const body: unknown = await response.json();
      if (!response.ok || !isPublicSchool(body)) throw new Error(`GET ${url}: HTTP ${response.status}`);
      const known: readonly string[] = CONTACT_ROLES;
      return {
        name: body.name,
        contacts: body.contacts.map((contact) => ({
          name: contact.name,
          roles: contact.roles.filter((role): role is ContactRole => known.includes(role)),
        })),
      };
    })
    .catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
  return cached;
}
