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
