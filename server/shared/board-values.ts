// Values of the board admin area that the browser shows and the server checks. No imports: the
// browser bundle reads this file as it is.

/** The regions of the national school holidays (noord, midden, zuid). */
export const HOLIDAY_REGIONS = ['noord', 'midden', 'zuid'] as const;
export type HolidayRegion = (typeof HOLIDAY_REGIONS)[number];

/** What each contact role is called on screen. */
export const CONTACT_ROLE_LABELS = {
  'anti-pestcoordinator': 'Anti-pestcoördinator',
  vertrouwenspersoon: 'Vertrouwenspersoon',
  ib: "Intern begeleider (IB'er)",
  directeur: 'Directeur',
  mt: 'MT-lid',
  orthopedagoog: 'Orthopedagoog',
  'schoolmaatschappelijk-werker': 'Schoolmaatschappelijk werker',
  aandachtsfunctionaris: 'Aandachtsfunctionaris (Meldcode)',
} as const;

/** Where a board admin's login link points; the token follows as the URL fragment, as for staff. */
export const BOARD_LOGIN_LINK_PATH = '/beheer/login';
