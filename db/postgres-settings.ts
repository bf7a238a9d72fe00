import { sql } from 'kysely';
import type { Db } from './database.js';

/**
 * PostgreSQL settings under which the database itself would write down when each report came in:
 * an anonymous report keeps only its day, and these would keep its second beside it. Each is named
 * with why, for the operator; none can be changed by the app's own role.
 * - track_commit_timestamp: the commit time of every row's transaction (pg_xact_commit_timestamp(xmin)).
 * - log_statement mod/all, log_min_duration_statement 0: every INSERT in the server's log, with its time.
 */
export async function timeKeepingSettings(db: Db): Promise<string[]> {
  const { rows } = await sql<{ commit_ts: string; statements: string; durations: string }>`
    SELECT current_setting('track_commit_timestamp') AS commit_ts,
           current_setting('log_statement') AS statements,
           current_setting('log_min_duration_statement') AS durations`.execute(db);
  const settings = rows[0]!;
  const problems: string[] = [];
  if (settings.commit_ts === 'on') problems.push('track_commit_timestamp is on: PostgreSQL keeps the second every row was written');
  if (settings.statements === 'mod' || settings.statements === 'all') {
    problems.push(`log_statement is ${settings.statements}: PostgreSQL logs every report's INSERT with its time`);
  }
  if (settings.durations === '0') problems.push("log_min_duration_statement is 0: PostgreSQL logs every report's INSERT with its time");
  return problems;
}
