// The value lists of the POST /api/reports contract. No imports: the browser bundle shares this
// file with the server, so the form and the validation can never disagree.

export const ROLES = ['self', 'bystander', 'parent', 'other'] as const;
export const KINDS = ['physical', 'verbal', 'exclusion', 'belongings', 'cyber', 'threat', 'other'] as const;
export const PLACES = ['playground', 'classroom', 'corridor', 'gym', 'way_home', 'online', 'elsewhere'] as const;
export const PLATFORMS = ['whatsapp', 'tiktok', 'snapchat', 'instagram', 'youtube', 'facebook', 'game', 'other'] as const;
export const FREQUENCIES = ['once', 'sometimes', 'weekly', 'daily'] as const;
export const RECIPIENTS = ['default', 'vertrouwenspersoon'] as const;
/** "Sinds wanneer gebeurt het?": optional, for the school's picture of how long it has gone on. */
export const SINCE = ['today', 'this_week', 'few_weeks', 'longer'] as const;

/** How a report reached the school: through the form, or told to (or seen by) a staff member who recorded it. */
export const RECORDED_SOURCES = ['in_person', 'phone', 'letter', 'observation'] as const;
export const REPORT_SOURCES = ['form', ...RECORDED_SOURCES] as const;

/** The protocol's "Signalen van pesten": parents tick them in the form, staff when they record a report. */
export const SIGNALS = [
  'alone',
  'youngerChildren',
  'blamed',
  'gossip',
  'remarks',
  'mistakes',
  'avoidsSchool',
  'irritable',
  'staysInside',
  'belongings',
  'threatsOnline',
] as const;

export type Role = (typeof ROLES)[number];
export type Kind = (typeof KINDS)[number];
export type Place = (typeof PLACES)[number];
export type Platform = (typeof PLATFORMS)[number];
export type Frequency = (typeof FREQUENCIES)[number];
export type Recipients = (typeof RECIPIENTS)[number];
export type Since = (typeof SINCE)[number];
export type RecordedSource = (typeof RECORDED_SOURCES)[number];
export type ReportSource = (typeof REPORT_SOURCES)[number];
export type Signal = (typeof SIGNALS)[number];
