import { formatDutch, localDay } from '../schools/school-days.js';

/**
 * An anonymous report keeps only the school day it arrived on: a second-precise time could be
 * matched against who was at a Chromebook then.
 */
export function receivedAtFor(now: Date, anonymous: boolean): string {
  return anonymous ? localDay(now) : now.toISOString();
}

const HOUR_MS = 60 * 60 * 1000;

/**
 * The time an outbox row of a report keeps while its mail waits: for an anonymous report the whole
 * hour, never the second. Mails count as overdue from this time, so the 24-hour warning comes
 * at most an hour early; a sent mail leaves the outbox altogether (see deleteSentMail).
 */
export function queuedAtFor(now: Date, anonymous: boolean): Date {
  return anonymous ? new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS) : now;
}

/**
 * When a mail about an anonymous reporter's answer may leave: at the start of the next hour, with
 * every other such mail of that hour. Sent at once, its arrival in a colleague's mailbox would keep
 * the minute the answer was written, which the database forgets. A named reporter's answer keeps its
 * time anyway, so its mail leaves at once.
 */
export function sendAnswerMailFrom(now: Date, anonymous: boolean): Date {
  return anonymous ? new Date(queuedAtFor(now, true).getTime() + HOUR_MS) : now;
}

export function formatReceivedAt(now: Date, anonymous: boolean): string {
  return formatDutch(now, anonymous);
}
