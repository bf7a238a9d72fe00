// A damaged database file must be noticed before more reports go into it: SQLite's quick_check at
// start (a damaged file refuses the start) and every INTEGRITY_CHECK_INTERVAL_MS while the server
// runs, and any SQLITE_CORRUPT a request meets. While the file is damaged every write is refused
// with 503 (reads still answer), and the operator's /healthz says so.
//
// A case whose sealed content does not open (db/case-crypto.ts: CaseContentError) is damage of another
// kind: one case, not the file. Only that case answers `case_unreadable`; the others and every write
// go on, and /healthz names the case and column (never content) until the server restarts.

import type SQLite from 'better-sqlite3';
import { quickCheck } from '../../db/queries/health.js';
import { StartupError } from '../startup-error.js';

/** quick_check reads every page: about a second per few hundred MB, so once an hour (and at start). */
export const INTEGRITY_CHECK_INTERVAL_MS = 60 * 60_000;
/** Lines of quick_check's answer kept for the log and /healthz. */
const PROBLEMS_KEPT = 5;

export interface DatabaseDamage {
  since: string;
  problems: string[];
}

/** quick_check's problems, or SQLite's own error when the file cannot even be read as a database. */
function checkFile(sqlite: SQLite.Database): string[] {
  try {
    return quickCheck(sqlite).slice(0, PROBLEMS_KEPT);
  } catch (error) {
    if (isDatabaseDamage(error)) return [(error as Error).message];
    throw error;
  }
}

/**
 * SQLITE_CORRUPT (and its extended codes) or SQLITE_NOTADB: the file is not a sound database; on
 * PostgreSQL data_corrupted (XX001) or index_corrupted (XX002).
 */
export function isDatabaseDamage(error: unknown): boolean {
  const { code } = (error ?? {}) as { code?: unknown };
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' || code === 'XX001' || code === 'XX002');
}

/** Refuses the start on a damaged file, naming it and what to do. */
export function assertSoundDatabase(sqlite: SQLite.Database, file: string): void {
  const problems = checkFile(sqlite);
  if (problems.length === 0) return;
  throw new StartupError(
    `${file} is damaged (quick_check: ${problems.join('; ')}). Nothing more is stored in it. ` +
      'Keep the damaged file for a closer look (copy it aside), then restore the latest backup ' +
      '(see "Restore" in the README).',
  );
}

/** A case whose content did not open: its number and the column, and when a request first met it. */
export interface UnreadableCase {
  caseNumber: number;
  field: string;
  since: string;
}

export class DatabaseIntegrity {
  private damage: DatabaseDamage | undefined;
  private readonly unreadable = new Map<string, UnreadableCase>();

  /**
   * `sqlite` undefined: PostgreSQL, which checks its own pages as it reads them (data checksums,
   * when the cluster has them on) and has no quick_check; only the errors a request meets count.
   */
  constructor(
    private readonly sqlite: SQLite.Database | undefined,
    private readonly now: () => Date,
  ) {}

  /** Runs quick_check now; a file found damaged stays so until a check finds it sound again. */
  check(): DatabaseDamage | undefined {
    if (!this.sqlite) return this.damage;
    const problems = checkFile(this.sqlite);
    if (problems.length === 0) this.damage = undefined;
    else this.damaged(problems);
    return this.damage;
  }

  /** A request met SQLITE_CORRUPT: refuse writes from now on, without waiting for the next check. */
  damaged(problems: string[]): void {
    this.damage ??= { since: this.now().toISOString(), problems };
  }

  get state(): DatabaseDamage | undefined {
    return this.damage;
  }

  /** A request met a case whose `field` does not open; kept (once per case and column) for /healthz. */
  unreadableCase(caseNumber: number, field: string): void {
    const key = `${caseNumber}:${field}`;
    if (!this.unreadable.has(key)) this.unreadable.set(key, { caseNumber, field, since: this.now().toISOString() });
  }

  get unreadableCases(): UnreadableCase[] {
    return [...this.unreadable.values()];
  }
}
