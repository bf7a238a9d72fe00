// What the staff pages and the server agree on about a session, beside the answers' shapes.

/** Header that carries the session's CSRF token on every change. */
export const CSRF_HEADER = 'x-csrf-token';

/**
 * How far a session got: `full` may use the portal; `second-factor` still owes its TOTP code;
 * `totp-setup` belongs to a school that requires TOTP from someone who has not turned it on yet.
 */
export const STAFF_STAGES = ['full', 'second-factor', 'totp-setup'] as const;
export type StaffStage = (typeof STAFF_STAGES)[number];
