import type { ContactRole } from '../shared/contact-roles.js';
import type { Contact, School } from '../schools/schools-file.js';

/** Contacts holding any of the roles, each address once (addresses compare case-insensitively). */
export function contactsWithRoles(school: School, roles: readonly ContactRole[]): Contact[] {
  const seen = new Set<string>();
  return school.contacts.filter((contact) => {
    const address = contact.email.toLowerCase();
    if (!contact.roles.some((role) => roles.includes(role)) || seen.has(address)) return false;
    seen.add(address);
    return true;
  });
}

/** Who hears of a new report: the anti-pestcoördinators and vertrouwenspersonen, or the VP only. */
export function newReportRecipients(school: School, recipients: 'default' | 'vertrouwenspersoon'): Contact[] {
  return contactsWithRoles(
    school,
    recipients === 'vertrouwenspersoon' ? ['vertrouwenspersoon'] : ['anti-pestcoordinator', 'vertrouwenspersoon'],
  );
}
