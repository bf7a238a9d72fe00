// What the benchmarks send: a report as a pupil fills it in, text only.
import { randomBytes } from 'node:crypto';

/** A realistic, fully filled-in anonymous report (about 0.9 KB of JSON). */
export const REPORT_BODY = {
  role: 'bystander',
  anonymous: true,
  description:
    'In de pauze op het plein pakken twee jongens uit groep 7 steeds de pet van een meisje uit groep 5 af. ' +
    'Ze gooien hem over naar elkaar en lachen als ze huilt. Gisteren duwden ze haar ook tegen het hek. ' +
    'In de klassenapp sturen ze daarna stickers met haar gezicht erop. Ze durft het zelf niet te zeggen, ' +
    'want dan wordt het erger. Het gebeurt bijna elke dag, vooral bij het voetbalveld achter de school.',
  kinds: ['physical', 'verbal', 'belongings', 'cyber'],
  places: ['playground', 'online'],
  platforms: ['whatsapp'],
  frequency: 'daily',
  equal: false,
  sameTarget: true,
  hurtful: true,
  target: 'een meisje uit groep 5',
  perpetrators: 'twee jongens uit groep 7',
  recipients: 'default',
} as const;

/** The same answers as multipart form fields, in the order the browser sends them. */
export function reportFormFields(): Array<[string, string]> {
  const fields: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(REPORT_BODY)) {
    if (Array.isArray(value)) for (const item of value as readonly string[]) fields.push([name, item]);
    else fields.push([name, String(value)]);
  }
  return fields;
}

/**
 * The report row the floors INSERT for one request (benchmarks 1 and 7): the columns of FLOOR_COLUMNS, in order,
 * from the parsed body, with a fresh receipt hash, as the app would store it without sealing.
 */
export const FLOOR_COLUMNS = [
  'school', 'receipt_hash', 'role', 'anonymous', 'description', 'kinds', 'places', 'platforms', 'frequency', 'equal',
  'same_target', 'hurtful', 'target', 'perpetrators', 'recipients', 'indication', 'received_at',
] as const;

export function floorRowValues(body: typeof REPORT_BODY): Array<string | number> {
  return [
    'kopakker',
    randomBytes(32).toString('hex'),
    body.role,
    1,
    body.description,
    JSON.stringify(body.kinds),
    JSON.stringify(body.places),
    JSON.stringify(body.platforms),
    body.frequency,
    0,
    1,
    1,
    body.target,
    body.perpetrators,
    body.recipients,
    'pesten',
    new Date().toISOString().slice(0, 10),
  ];
}
