// The roles a school contact can have. No imports: the browser bundle shares this file with the
// server (web/src/info/school.ts), so the information page knows exactly the roles the config allows.

export const CONTACT_ROLES = [
  'anti-pestcoordinator',
  'vertrouwenspersoon',
  'ib',
  'directeur',
  'mt',
  'orthopedagoog',
  'schoolmaatschappelijk-werker',
  // The Meldcode huiselijk geweld en kindermishandeling's coordinator: sees only the cases marked for it.
  'aandachtsfunctionaris',
] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];
