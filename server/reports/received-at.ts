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

export function formatReceivedAt(now: Date, anonymous: boolean): string {
  return formatDutch(now, anonymous);
}
