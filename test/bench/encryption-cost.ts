// The cost of sealing a report's content (db/case-crypto.ts), measured in the submission benchmark's
// own run: the work encryption adds to one report (a new case key, wrapped under the master key and
// INSERTed, and the report's free text sealed by the product's own function), through the same Kysely
// path as insertReport.
// The server handles a report on one event loop, so this time, multiplied by the reports per second
// the app reached, is the share of each second that encryption takes from submission.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { CaseCrypto, withCaseCrypto } from '../../db/case-crypto.js';
import { migrateToLatest, openDatabase } from '../../db/database.js';
import { MAX_GROUP_SIZE } from '../../db/group-commit.js';
import { createCaseKey } from '../../db/queries/case-keys.js';
import { sealReportContent } from '../../db/queries/reports.js';
import { REPORT_BODY } from './fixtures.js';

const WARMUP_REPORTS = 1_000;
const MEASURED_REPORTS = 10_000;

export interface SealCost {
  /** Microseconds of added work per report. */
  usPerReport: number;
  reports: number;
}

export async function measureSealCost(dir: string): Promise<SealCost> {
  const { db: plain, sqlite } = openDatabase(path.join(dir, 'seal-cost.sqlite'));
  await migrateToLatest(plain);
  // The case key rides the report's own COMMIT in the app: the disk sync is not encryption's cost.
  sqlite.pragma('synchronous = OFF');
  const db = withCaseCrypto(plain, new CaseCrypto(randomBytes(32)));
  let next = 100_000_000;
  const sealBatch = async (count: number) => {
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < count; i += 1) {
        const id = next++;
        const key = (await createCaseKey(trx, id))!;
        // The benchmark's report, anonymous as in the throughput run: no name or address to seal.
        sealReportContent(key, id, { description: REPORT_BODY.description, target: REPORT_BODY.target, perpetrators: REPORT_BODY.perpetrators });
      }
    });
  };
  try {
    for (let done = 0; done < WARMUP_REPORTS; done += MAX_GROUP_SIZE) await sealBatch(MAX_GROUP_SIZE);
    const started = performance.now();
    for (let done = 0; done < MEASURED_REPORTS; done += MAX_GROUP_SIZE) await sealBatch(MAX_GROUP_SIZE);
    const elapsed = performance.now() - started;
    const reports = Math.ceil(MEASURED_REPORTS / MAX_GROUP_SIZE) * MAX_GROUP_SIZE;
    return { usPerReport: (elapsed * 1000) / reports, reports };
  } finally {
    await db.destroy();
  }
}
