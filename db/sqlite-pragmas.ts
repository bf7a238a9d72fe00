// The pragmas every connection to the report store gets: the app's own connection and the one in the
// worker thread that writes screenshots (db/worker-writes.ts). Kept apart from database.ts so the
// worker loads better-sqlite3 and nothing else.
import type SQLite from 'better-sqlite3';

export const REPORT_STORE_PRAGMAS: readonly string[] = [
  'journal_mode = WAL',
  // better-sqlite3 leaves WAL databases at NORMAL; a report we acknowledged must survive power loss.
  'synchronous = FULL',
  'foreign_keys = ON',
  'busy_timeout = 5000',
  // Deleted reports and screenshots are overwritten with zeros, not left in free pages.
  'secure_delete = ON',
];

export function applyReportStorePragmas(sqlite: SQLite.Database): void {
  for (const pragma of REPORT_STORE_PRAGMAS) sqlite.pragma(pragma);
}
