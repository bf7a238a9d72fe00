import { defineConfig } from 'vitest/config';

/**
 * The postgres lane: the suites that start the app (route, staff, mail), each app on a PostgreSQL
 * database of its own. Suites that open a SQLite file themselves (group-commit, commit-hooks,
 * outbox-upgrade) and those without a database are SQLite's or need no second run.
 */
const POSTGRES_SUITES = [
  'answer-notice', 'board', 'compression', 'follow-up', 'health', 'mail-oauth', 'mail-queue', 'mail', 'notifier',
  'case-keys', 'parnassys-summary', 'register-export', 'reports', 'server-languages', 'staff-access', 'staff-auth',
  'staff-cases', 'staff-linked-cases', 'staff-maintenance', 'staff-meldcode', 'staff-oidc', 'staff-pages',
  'repeated-report', 'staff-record-report', 'staff-statistics', 'staff-teachers', 'staff-follow-up', 'staff-totp', 'upload-room', 'urgent',
].map((name) => `test/${name}.test.ts`).concat(
  [
    'class-burst', 'forged-lines', 'login-lockout', 'mail-date', 'mail-outage', 'mail-tls', 'secret-files', 'shutdown',
    'slow-clients', 'supervisor', 'transport-headers', 'upload-limits',
  ].map((name) => `test/safety/${name}.test.ts`),
  // Only here: several app servers on one database.
  'test/postgres/**/*.test.ts',
);
/**
 * Not yet on PostgreSQL, and why:
 * - encryption: what looks into or rewrites the SQLite file itself (an older database sealed in
 *   place, rotate-key beside a running server); the rest runs on both in case-keys.
 * - safety/data-dir-lock: on PostgreSQL a second server on the folder is meant to start
 *   (test/postgres/two-servers.test.ts).
 * - the other safety suites read or damage the SQLite file itself (crash, backup, damaged database,
 *   disk full, WAL checkpoint, file modes, fuzz, anonymity, hostile files, mail server faults).
 */
const NOT_ON_POSTGRES = ['test/encryption.test.ts', 'test/safety/data-dir-lock.test.ts'];

/**
 * The safety lane's workers. Its heaviest files on 4 workers took 42-52 s against 68-73 s on 2 at load average
 * 4-10, and 22.5 s against 34.7 s at 1.5-2.2, with the same CPU (fuzz, crash, mail-server-faults, slow-clients,
 * shutdown, restore; alternating runs).
 */
const SAFETY_WORKERS = 4;

// Four lanes (vitest projects): `npm test` runs them all, `npm run test:fast` only the first.
// fast: unit and route tests against the app in-process; browser: pages in headless Chromium;
// safety: crash, outage, fuzz, hostile input and privacy rounds against real servers; postgres: the
// suites that touch the database again on PostgreSQL (TEST_POSTGRES_URL, see the README).
export default defineConfig({
  test: {
    // Each test file starts its own servers and SQLite files; two workers match the 2-core machines.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // One migrated SQLite file per run, copied for each test app (test/helpers/database-template.ts).
    globalSetup: ['test/helpers/global-setup.ts'],
    projects: [
      { extends: true, test: { name: 'fast', include: ['test/*.test.ts'], isolate: false } },
      // A browser walk takes 5–20 s alone; with several Chromium files sharing 2 cores one can pass 30 s.
      { extends: true, test: { name: 'browser', include: ['test/browser/**/*.test.ts'], testTimeout: 90_000, isolate: false } },
      // Most safety files wait on the product's own timeouts (a mail server's late reply, dripping clients,
      // the shutdown deadline) with the CPU idle: four workers fill that time. vitest runs a project with
      // a worker count of its own in a group of its own, after the others (groupOrder).
      {
        extends: true,
        test: { name: 'safety', include: ['test/safety/**/*.test.ts'], isolate: false, maxWorkers: SAFETY_WORKERS, sequence: { groupOrder: 1 } },
      },
      // The database-touching suites again, each app on a PostgreSQL database of its own (test/helpers/postgres.ts).
      {
        extends: true,
        test: {
          name: 'postgres',
          isolate: false,
          include: POSTGRES_SUITES,
          exclude: NOT_ON_POSTGRES,
          env: { TEST_DATABASE: 'postgres' },
          globalSetup: ['test/helpers/postgres-setup.ts'],
        },
      },
    ],
  },
});
