import { isBareDay, SCHOOL_TIME_ZONE } from '../../../server/shared/school-time';
import { LOCALES } from '../../../server/shared/languages';
import type { Language } from '../i18n/index';


/**
 * The day of a message, in words ("14 maart 2025"). The server sends a bare day for an anonymous
 * reporter's own messages and a date-time for the school's: both show as the school's calendar day.
 */
export function formatDay(at: string, language: Language): string {
  const dayOnly = isBareDay(at);
  const date = new Date(dayOnly ? `${at}T00:00:00Z` : at);
  if (Number.isNaN(date.getTime())) return at;
  return new Intl.DateTimeFormat(LOCALES[language], {
    dateStyle: 'long',
    timeZone: dayOnly ? 'UTC' : SCHOOL_TIME_ZONE,
  }).format(date);
}
