import type { NewAuditEntry } from '../schema.js';
import type { Db } from '../database.js';

// Insert and read only: the audit log is append-only (the database refuses UPDATE and DELETE).

export async function insertAuditEntry(db: Db, entry: NewAuditEntry): Promise<void> {
  await db.insertInto('audit_log').values(entry).execute();
}

/** A school's audit entries, newest first, one page after the `beforeId` cursor. */
export async function listAuditEntries(db: Db, school: string, options: { beforeId?: number | undefined; limit: number }) {
  let query = db
    .selectFrom('audit_log')
    .select(['id', 'report_id', 'staff_email', 'staff_name', 'action', 'detail', 'at'])
    .where('school', '=', school);
  if (options.beforeId !== undefined) query = query.where('id', '<', options.beforeId);
  return query.orderBy('id', 'desc').limit(options.limit).execute();
}
