// Dutch words for the report's stored values, for the staff pages and the Parnassys summary.
// Pure data (no Node imports): web/src/staff imports it too.

export const ROLE_LABELS: Record<string, string> = {
  self: 'Leerling die het zelf meemaakt',
  bystander: 'Leerling die het ziet gebeuren',
  parent: 'Ouder of verzorger',
  other: 'Iemand anders',
};

export const KIND_LABELS: Record<string, string> = {
  physical: 'Lichamelijk (slaan, schoppen, duwen)',
  verbal: 'Met woorden (schelden, uitlachen)',
  exclusion: 'Buitensluiten',
  belongings: 'Spullen (afpakken, kapotmaken)',
  cyber: 'Online (cyberpesten)',
  threat: 'Bedreigen',
  other: 'Iets anders',
};

export const PLACE_LABELS: Record<string, string> = {
  playground: 'Plein',
  classroom: 'Klas',
  corridor: 'Gang',
  gym: 'Gym',
  way_home: 'Onderweg',
  online: 'Online',
  elsewhere: 'Ergens anders',
};

export const PLATFORM_LABELS: Record<string, string> = {
  whatsapp: 'WhatsApp',
  tiktok: 'TikTok',
  snapchat: 'Snapchat',
  instagram: 'Instagram',
  youtube: 'YouTube',
  facebook: 'Facebook',
  game: 'Een game',
  other: 'Iets anders',
};

export const FREQUENCY_LABELS: Record<string, string> = {
  once: 'Eén keer',
  sometimes: 'Soms',
  weekly: 'Elke week',
  daily: 'Elke dag',
};

export const SINCE_LABELS: Record<string, string> = {
  today: 'Vandaag',
  this_week: 'Deze week',
  few_weeks: 'Een paar weken',
  longer: 'Langer',
};

export const INDICATION_LABELS: Record<string, string> = {
  pesten: 'Pesten',
  plagen: 'Plagen',
  onduidelijk: 'Nog onduidelijk',
};

export const STATUS_LABELS: Record<string, string> = {
  new: 'Nieuw',
  open: 'In behandeling',
  closed: 'Afgesloten',
};

export function labelsOf(map: Record<string, string>, values: readonly string[]): string {
  return values.length === 0 ? 'niet ingevuld' : values.map((value) => map[value] ?? value).join(', ');
}

/**
 * Why a report is urgent, for the case page and the Parnassys summary: the two answers apart, or
 * both unknown (null) for a report from before the form asked them apart.
 */
export function urgencyText(report: { inDanger: boolean | null; afraidOfSchool: boolean | null }): string {
  if (report.inDanger === null && report.afraidOfSchool === null) {
    return 'de melder gaf aan in gevaar te zijn of bang om naar school te gaan';
  }
  const reasons = [
    ...(report.inDanger ? ['nu in gevaar te zijn'] : []),
    ...(report.afraidOfSchool ? ['bang te zijn om naar school te gaan'] : []),
  ];
  return `de melder gaf aan ${reasons.join(' en ')}`;
}

export const SOURCE_LABELS: Record<string, string> = {
  form: 'Via het meldformulier',
  in_person: 'Persoonlijk verteld',
  phone: 'Telefonisch',
  letter: 'Per brief',
  observation: 'Zelf gezien',
};

export { SIGNAL_LABELS } from './signal-labels.js';
