// Dates as Dutch staff read them. Anonymous reports carry only a day; others a timestamp.
const TIME_ZONE = 'Europe/Amsterdam';
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
  if (/^\d{4}-\d{2}-\d{2}$/.test(stored)) return dayFormat.format(new Date(`${stored}T12:00:00Z`));
  return dayTimeFormat.format(new Date(stored));
}
