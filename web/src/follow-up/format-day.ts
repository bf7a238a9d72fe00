import type { Language } from '../i18n/index';

const SCHOOL_TIME_ZONE = 'Europe/Amsterdam';
const LOCALES: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };
const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The day of a message, in words ("14 maart 2025"). The server sends a bare day for an anonymous
 * reporter's own messages and a date-time for the school's: both show as the school's calendar day.
 */
export function formatDay(at: string, language: Language): string {
  const dayOnly = DAY_ONLY.test(at);
  const date = new Date(dayOnly ? `${at}T00:00:00Z` : at);
  if (Number.isNaN(date.getTime())) return at;
  return new Intl.DateTimeFormat(LOCALES[language], {
    dateStyle: 'long',
    timeZone: dayOnly ? 'UTC' : SCHOOL_TIME_ZONE,
  }).format(date);
}
