// A school board's database after three school years: 100,000 reports over 20 schools, with the
// case records, messages, audit entries and a few screenshots they bring along. Written straight
// into a database migrated by the product's own migrations, so it has exactly the product's schema.
import { randomBytes } from 'node:crypto';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { withCaseCrypto } from '../../db/case-crypto.js';
import { migrateToLatest, openDatabase } from '../../db/database.js';
import { sealPlaintextCases } from '../../db/queries/case-keys.js';
import { loadCaseCrypto, MASTER_KEY } from '../../server/case-keys/master-key.js';
import { RECEIPT_SECRET } from '../../server/receipts/receipt-code.js';
import { loadSecretFile } from '../../server/secret-file.js';

export const BOARD_SCHOOLS = Array.from({ length: 20 }, (_, i) => `school-${String(i + 1).padStart(2, '0')}`);
/**
 * "Today" for the generated board: the newest report arrives today, so the product's own clock (the
 * reminder and retention job) finds the board as a running server would have left it.
 */
export const BOARD_TODAY = new Date().toISOString().slice(0, 10);
const LAST_DAY = Date.parse(`${BOARD_TODAY}T00:00:00Z`);
/** Three school years back. */
const FIRST_DAY = LAST_DAY - 3 * 365 * 86_400_000;
const DAY_MS = 86_400_000;
const RETENTION_MONTHS = 12;
const RETENTION_CUTOFF_DAY = `${Number(BOARD_TODAY.slice(0, 4)) - RETENTION_MONTHS / 12}${BOARD_TODAY.slice(4)}`;

/** A small deterministic generator (mulberry32), so every run builds the same board. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS = ['physical', 'verbal', 'exclusion', 'belongings', 'cyber', 'threat', 'other'];
const PLACES = ['playground', 'classroom', 'corridor', 'gym', 'way_home', 'online', 'elsewhere'];
const PLATFORMS = ['whatsapp', 'tiktok', 'snapchat', 'instagram', 'youtube', 'game'];
const STEPS = ['1', '2', '3a', '3b', '4', '5', '6'];
const SENTENCES = [
  'In de pauze pakken ze steeds mijn bal af en lachen dan.',
  'Ze sturen nare berichten in de groepsapp van de klas.',
  'Bij de gym mag ik nooit meedoen met het team.',
  'Op weg naar huis duwen twee jongens me van mijn fiets.',
  'Iemand heeft een foto van mij rondgestuurd met een gemene tekst.',
  'Ze noemen me elke dag met een scheldnaam.',
];

export interface BoardSummary {
  reports: number;
  open: number;
  purged: number;
  auditEntries: number;
  generateMs: number;
  fileBytes: number;
}

/**
 * Builds the board database in `file` (which must not exist yet). The file is checkpointed and
 * closed afterwards, as after a clean shutdown.
 */
/** Copies a board database made by createBoardDatabase, with its receipt secret and master key, to another file. */
export function copyBoardDatabase(from: string, to: string): void {
  copyFileSync(from, to);
  for (const { name } of [RECEIPT_SECRET, MASTER_KEY]) copyFileSync(path.join(path.dirname(from), name), path.join(path.dirname(to), name));
}

export async function createBoardDatabase(file: string, options: { reports?: number } = {}): Promise<BoardSummary> {
  const total = options.reports ?? 100_000;
  const started = performance.now();
  const { db, sqlite } = openDatabase(file);
  await migrateToLatest(db);
  // The receipt secret beside the file, as a server's first start makes it: a server refuses a
  // database with reports whose secret is missing.
  await loadSecretFile(db, path.dirname(file), RECEIPT_SECRET);
  // Generation speed only: the benchmarks measure the finished file, opened with the real pragmas.
  sqlite.pragma('synchronous = OFF');
  const random = prng(20261124);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const some = (list: readonly string[], max: number) => [...new Set(Array.from({ length: 1 + Math.floor(random() * max) }, () => pick(list)))];
  const iso = (ms: number) => new Date(ms).toISOString();
  const day = (ms: number) => iso(ms).slice(0, 10);
  // Bigger and smaller schools: weights 1..3.
  const weights = BOARD_SCHOOLS.map((_, i) => 1 + (i % 3));
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const pickSchool = () => {
    let r = random() * weightSum;
    for (let i = 0; i < weights.length; i++) if ((r -= weights[i]!) < 0) return BOARD_SCHOOLS[i]!;
    return BOARD_SCHOOLS[0]!;
  };

  const insertReport = sqlite.prepare(`INSERT INTO report (school, receipt_hash, role, anonymous, reporter_name,
      reporter_group, reporter_email, description, kinds, places, platforms, frequency, equal, same_target, hurtful,
      target, perpetrators, recipients, indication, received_at, status, closed_at, purged_at, reporter_status,
      case_step, staff_indication, indication_by, indication_at, assignee_email, opened_at, closed_as,
      ib_informed_at, first_reminder_at, director_reminder_at, urgent)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertStep = sqlite.prepare(
    'INSERT INTO case_step (report_id, step, referral, note, staff_email, staff_name, created_at) VALUES (?, ?, NULL, ?, ?, ?, ?)',
  );
  const insertAudit = sqlite.prepare(
    'INSERT INTO audit_log (school, report_id, staff_email, staff_name, action, detail, at) VALUES (?, ?, ?, ?, ?, NULL, ?)',
  );
  const insertMessage = sqlite.prepare('INSERT INTO message (report_id, author, staff_email, text, created_at) VALUES (?, ?, ?, ?, ?)');
  const insertScreenshot = sqlite.prepare(
    'INSERT INTO screenshot (report_id, mime_type, width, height, byte_size, data) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const smallImage = randomBytes(2048);

  let open = 0;
  let purged = 0;
  let auditEntries = 0;
  sqlite.transaction(() => {
    for (let n = 0; n < total; n++) {
      // Arrival order is id order; school days only, more reports later in the period.
      const received = FIRST_DAY + Math.floor(Math.sqrt((n + random()) / total) * (LAST_DAY - FIRST_DAY)) + Math.floor(random() * 8) * 3_600_000;
      const school = pickSchool();
      const staff = `apc@${school}.example.nl`;
      const anonymous = random() < 0.8;
      const ageDays = (LAST_DAY - received) / DAY_MS;
      const status = ageDays < 3 ? (random() < 0.6 ? 'new' : 'open') : ageDays < 60 ? (random() < 0.5 ? 'open' : 'closed') : random() < 0.03 ? 'open' : 'closed';
      const opened = status === 'new' ? null : iso(received + DAY_MS);
      const closedAt = status === 'closed' ? iso(Math.min(received + (3 + Math.floor(random() * 40)) * DAY_MS, LAST_DAY)) : null;
      // As the retention job left it: closed a year ago or longer means purged (calendar months, as the product counts).
      const isPurged = closedAt !== null && closedAt.slice(0, 10) <= RETENTION_CUTOFF_DAY;
      if (status !== 'closed') open += 1;
      if (isPurged) purged += 1;
      const kinds = some(KINDS, 3);
      const step = status === 'new' ? null : pick(STEPS.slice(0, 1 + Math.floor(random() * STEPS.length)));
      const description = isPurged ? null : Array.from({ length: 2 + Math.floor(random() * 4) }, () => pick(SENTENCES)).join(' ');
      const { lastInsertRowid } = insertReport.run(
        school,
        randomBytes(32).toString('hex'),
        pick(['self', 'self', 'bystander', 'parent', 'other']),
        anonymous ? 1 : 0,
        anonymous || isPurged ? null : 'Sam de Boer',
        anonymous || isPurged ? null : 1 + Math.floor(random() * 8),
        null,
        description,
        JSON.stringify(kinds),
        JSON.stringify(some(PLACES, 2)),
        JSON.stringify(kinds.includes('cyber') ? some(PLATFORMS, 2) : []),
        pick(['once', 'sometimes', 'weekly', 'daily']),
        random() < 0.5 ? 1 : 0,
        random() < 0.5 ? 1 : 0,
        random() < 0.7 ? 1 : 0,
        isPurged ? null : 'een kind uit groep 6',
        isPurged ? null : 'twee kinderen uit groep 7',
        random() < 0.08 ? 'vertrouwenspersoon' : 'default',
        pick(['pesten', 'plagen', 'onduidelijk']),
        anonymous ? day(received) : iso(received),
        status,
        closedAt,
        isPurged ? `${Number(closedAt!.slice(0, 4)) + RETENTION_MONTHS / 12}${closedAt!.slice(4)}` : null,
        status === 'closed' ? 'closed' : status === 'open' ? 'in_progress' : 'received',
        step,
        opened ? pick(['pesten', 'plagen']) : null,
        opened ? staff : null,
        opened,
        opened && random() < 0.5 ? staff : null,
        opened,
        closedAt ? pick(['plagen', 'resolved']) : null,
        null,
        // A running server has sent the reminders of old unopened reports already.
        opened === null && ageDays >= 2 ? iso(received + 2 * DAY_MS) : null,
        opened === null && ageDays >= 5 ? iso(received + 5 * DAY_MS) : null,
        random() < 0.02 ? 1 : 0,
      );
      const id = Number(lastInsertRowid);
      if (opened) {
        insertAudit.run(school, id, staff, 'Anti-pestcoördinator', 'case.view', opened);
        auditEntries += 1;
        if (step) {
          const steps = STEPS.indexOf(step) + 1;
          for (let s = 0; s < Math.min(steps, 3); s++) {
            insertStep.run(id, STEPS[s], isPurged ? null : 'Gesprek gevoerd.', staff, 'Anti-pestcoördinator', iso(received + (s + 1) * DAY_MS));
            insertAudit.run(school, id, staff, 'Anti-pestcoördinator', 'step.record', iso(received + (s + 1) * DAY_MS));
            auditEntries += 1;
          }
        }
      }
      if (!isPurged && random() < 0.1) {
        insertMessage.run(id, 'school', staff, 'In welke klas zit je?', iso(received + DAY_MS));
        insertMessage.run(id, 'reporter', null, 'Groep 6.', iso(received + 2 * DAY_MS));
      }
      if (!isPurged && random() < 0.03) insertScreenshot.run(id, 'image/png', 64, 48, smallImage.length, smallImage);
    }
  })();
  // A few cases marked for the Meldcode (one or two per school, some purged since), all the
  // aandachtsfunctionaris sees in the inbox.
  sqlite.prepare("UPDATE report SET meldcode_at = received_at, meldcode_by = 'Aandachtsfunctionaris' WHERE id % 2500 = 0").run();
  // Sealed as a server's start seals a database from before encryption: each case under its own key,
  // wrapped under DATA_DIR/master-key, so the benchmarks read what an installation holds.
  await sealPlaintextCases(withCaseCrypto(db, await loadCaseCrypto(db, { dataDir: path.dirname(file) })));
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const pages = sqlite.pragma('page_count', { simple: true }) as number;
  const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
  await db.destroy();
  return { reports: total, open, purged, auditEntries, generateMs: performance.now() - started, fileBytes: pages * pageSize };
}

/** The board's 20 schools as a SCHOOLS_FILE, each with its anti-pestcoördinator and vertrouwenspersoon. */
export function boardSchoolsFile(): string {
  return JSON.stringify({
    defaultSchool: BOARD_SCHOOLS[0],
    schools: BOARD_SCHOOLS.map((slug, i) => ({
      slug,
      name: `Basisschool ${i + 1}`,
      board: 'Stichting Voorbeeld',
      contacts: [
        { name: `APC ${i + 1}`, email: `apc@${slug}.example.nl`, roles: ['anti-pestcoordinator', 'ib'] },
        { name: `VP ${i + 1}`, email: `vp@${slug}.example.nl`, roles: ['vertrouwenspersoon'] },
        { name: `Directeur ${i + 1}`, email: `directie@${slug}.example.nl`, roles: ['directeur', 'mt'] },
      ],
    })),
  });
}
