import { defineConfig } from 'vitest/config';

// Three lanes (vitest projects): `npm test` runs them all, `npm run test:fast` only the first.
// fast: unit and route tests against the app in-process; browser: pages in headless Chromium;
// safety: crash, outage, fuzz, hostile input and privacy rounds against real servers.
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
      { extends: true, test: { name: 'browser', include: ['test/browser/**/*.test.ts'], testTimeout: 90_000 } },
      { extends: true, test: { name: 'safety', include: ['test/safety/**/*.test.ts'] } },
    ],
  },
});
