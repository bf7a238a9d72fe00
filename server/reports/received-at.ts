const SCHOOL_TIME_ZONE = 'Europe/Amsterdam';

const dayFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: SCHOOL_TIME_ZONE, dateStyle: 'short' });
const longDay = new Intl.DateTimeFormat('nl-NL', { timeZone: SCHOOL_TIME_ZONE, dateStyle: 'long' });
const longDayAndTime = new Intl.DateTimeFormat('nl-NL', {
  timeZone: SCHOOL_TIME_ZONE,
  dateStyle: 'long',
  timeStyle: 'short',
});

/**
 * An anonymous report keeps only the school day it arrived on: a second-precise time could be
 * matched against who was at a Chromebook then.
 */
export function receivedAtFor(now: Date, anonymous: boolean): string {
  return anonymous ? dayFormat.format(now) : now.toISOString();
}

export function formatReceivedAt(now: Date, anonymous: boolean): string {
  return (anonymous ? longDay : longDayAndTime).format(now);
}
