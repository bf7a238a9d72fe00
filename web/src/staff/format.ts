// Dates as Dutch staff read them. Anonymous reports carry only a day; others a timestamp.
import { isBareDay, SCHOOL_TIME_ZONE as TIME_ZONE } from '../../../server/shared/school-time';

const dayFormat = new Intl.DateTimeFormat('nl-NL', { timeZone: TIME_ZONE, day: 'numeric', month: 'short', year: 'numeric' });
const dayTimeFormat = new Intl.DateTimeFormat('nl-NL', {
  timeZone: TIME_ZONE,
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

export function formatWhen(stored: string): string {
  if (isBareDay(stored)) return dayFormat.format(new Date(`${stored}T12:00:00Z`));
  return dayTimeFormat.format(new Date(stored));
}

const names = new Intl.ListFormat('nl-NL', { type: 'conjunction' });

/** "Yvonne de Bruin", "Mees Jansen en Karim Haddou": colleagues' names in a running sentence. */
export function formatNames(list: readonly string[]): string {
  return names.format(list);
}
