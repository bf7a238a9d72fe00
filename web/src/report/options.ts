// The values of the POST /api/reports contract (see PRODUCT.md), as the browser sends them. The
// contract's own lists come from the file the server validates with, so the two never disagree.
import { FREQUENCIES, SINCE, type Role } from '../../../server/shared/report-options';

export {
  FREQUENCIES,
  KINDS,
  PLACES,
  PLATFORMS,
  RECIPIENTS,
  ROLES,
  SIGNALS,
  type Frequency,
  type Kind,
  type Place,
  type Platform,
  type Recipients,
  type Role,
  type Since,
  type Signal,
} from '../../../server/shared/report-options';
export const GROUPS = ['1', '2', '3', '4', '5', '6', '7', '8'] as const;

/** The seed's four plagen/pesten questions; the fourth (af en toe of vaak) is the frequency. */
export const QUESTIONS = ['equal', 'sameTarget', 'hurtful'] as const;
/** An answer to a question; `unknown` ("weet ik niet") is not sent, like no answer. */
export const ANSWERS = ['yes', 'no', 'unknown'] as const;
/** "Hoe vaak?" with "weet ik niet", which is not sent. */
export const FREQUENCY_ANSWERS = [...FREQUENCIES, 'unknown'] as const;
/** "Sinds wanneer?" with "weet ik niet", which is not sent. */
export const SINCE_ANSWERS = [...SINCE, 'unknown'] as const;

/** Screenshot types the server accepts (it checks the content again). */
export const SCREENSHOT_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;

export type FrequencyAnswer = (typeof FREQUENCY_ANSWERS)[number];
export type SinceAnswer = (typeof SINCE_ANSWERS)[number];
export type Group = (typeof GROUPS)[number];
export type Question = (typeof QUESTIONS)[number];
export type Answer = (typeof ANSWERS)[number];

/** Keeps the values that belong to `list`, typed as its members. */
export function pick<const T extends readonly string[]>(list: T, values: readonly string[]): T[number][] {
  return values.filter((value): value is T[number] => list.includes(value));
}

/** Whose words a question uses: the reporter's own ("bij jou") or about someone else ("bij dat kind"). */
export type Voice = 'self' | 'other';
export const voiceOf = (role: Role | undefined): Voice => (role === 'self' || role === undefined ? 'self' : 'other');
