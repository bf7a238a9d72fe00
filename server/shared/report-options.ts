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

export type Role = (typeof ROLES)[number];
export type Kind = (typeof KINDS)[number];
export type Place = (typeof PLACES)[number];
export type Platform = (typeof PLATFORMS)[number];
export type Frequency = (typeof FREQUENCIES)[number];
export type Recipients = (typeof RECIPIENTS)[number];
export type Since = (typeof SINCE)[number];
