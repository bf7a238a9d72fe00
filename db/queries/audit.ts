import type { NewAuditEntry } from '../schema.js';
import type { Db } from '../database.js';

// Insert and read only: the audit log is append-only (the database refuses UPDATE and DELETE).

export async function insertAuditEntry(db: Db, entry: NewAuditEntry): Promise<void> {
  await db.insertInto('audit_log').values(entry).execute();
}

/**
 * A school's audit entries, newest first, one page from `offset` on. Without
 * `includeConfidential` the entries about reports for the vertrouwenspersoon only are left out: who
 * looked at such a case, and when, is itself a trace of it. The lines about a case's Meldcode part
 * (meldcode.*) are left out for whoever may not see that part.
 */
export async function listAuditEntries(
  db: Db,
  school: string,
  options: {
    offset: number;
    limit: number;
    includeConfidential: boolean;
    /** Lines about the Meldcode part of a case: all of them, or those of the cases this address handles. */
    meldcode: { all: boolean; handler: string };
  },
) {
  let query = db
    .selectFrom('audit_log')
    .select(['audit_log.id', 'audit_log.report_id', 'staff_email', 'staff_name', 'action', 'detail', 'at'])
    .where('audit_log.school', '=', school);
  if (!options.includeConfidential) {
    query = query.where((eb) =>
      eb.or([
        eb('audit_log.report_id', 'is', null),
        eb.not(
          eb.exists(
            eb
              .selectFrom('report')
              .select('report.id')
              .whereRef('report.id', '=', 'audit_log.report_id')
              .where('report.recipients', '=', 'vertrouwenspersoon'),
          ),
        ),
      ]),
    );
  }
  if (!options.meldcode.all) {
    const handler = options.meldcode.handler;
    query = query.where((eb) =>
      eb.or([
        eb.not(eb('audit_log.action', 'like', 'meldcode.%')),
        eb.exists(
          eb
            .selectFrom('report')
            .select('report.id')
            .whereRef('report.id', '=', 'audit_log.report_id')
            .where('report.assignee_email', '=', handler),
        ),
      ]),
    );
  }
  return query.orderBy('audit_log.id', 'desc').limit(options.limit).offset(options.offset).execute();
}
