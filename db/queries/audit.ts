import type { Kysely } from 'kysely';
import type { Database, NewAuditEntry } from '../schema.js';

type Executor = Kysely<Database>;

// Insert and read only: the audit log is append-only (the database refuses UPDATE and DELETE).

export async function insertAuditEntry(db: Executor, entry: NewAuditEntry): Promise<void> {
  await db.insertInto('audit_log').values(entry).execute();
}

/** A school's audit entries, newest first, one page after the `beforeId` cursor. */
export async function listAuditEntries(db: Executor, school: string, options: { beforeId?: number | undefined; limit: number }) {
  let query = db
    .selectFrom('audit_log')
    .select(['id', 'report_id', 'staff_email', 'staff_name', 'action', 'detail', 'at'])
    .where('school', '=', school);
  if (options.beforeId !== undefined) query = query.where('id', '<', options.beforeId);
  return query.orderBy('id', 'desc').limit(options.limit).execute();
}
