// Who sees the school year (whether the contact table is confirmed, the school's days off) in the
// staff portal: shared by the server, which enforces it, and the staff pages, which show the way there.

/** The directeur confirms and changes; the anti-pestcoördinator reads. */
export const SCHOOL_YEAR_READER_ROLES = ['directeur', 'anti-pestcoordinator'] as const;

export function readsSchoolYear(roles: readonly string[]): boolean {
  return SCHOOL_YEAR_READER_ROLES.some((role) => roles.includes(role));
}
