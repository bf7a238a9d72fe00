import { sql, type Kysely } from 'kysely';
import { dialectOf, makeAppendOnlyOnPostgres } from '../dialect.js';

// Frozen once landed: later changes go into a new migration.
// The staff portal: one-time login links, sessions, the case record along the protocol, and an
// append-only audit log.
export async function up(db: Kysely<any>): Promise<void> {
  // Only hashes of login links and session tokens are stored: a copy of the database opens nothing.
  await db.schema
    .createTable('staff_login_token')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .addColumn('used_at', 'text')
    .execute();

  // Every login request, known address or not, writes one row here: it throttles links per
  // address and gives both answers the same database work. The address is stored as a keyed hash.
  await db.schema
    .createTable('staff_login_request')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('address_hash', 'text', (col) => col.notNull())
    .addColumn('requested_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('staff_login_request_address')
    .on('staff_login_request')
    .columns(['address_hash', 'requested_at'])
    .execute();

  await db.schema
    .createTable('staff_session')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('school', 'text', (col) => col.notNull())
    .addColumn('csrf_token', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('last_seen_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('staff_session_email').on('staff_session').column('email').execute();

  // The case as staff handle it. Report rows are never deleted (retention blanks them), so these
  // live on the report itself and survive as statistics.
  const caseColumns: Array<[string, 'text']> = [
    ['case_step', 'text'],
    ['staff_indication', 'text'],
    ['indication_by', 'text'],
    ['indication_at', 'text'],
    ['assignee_email', 'text'],
    ['opened_at', 'text'],
    ['closed_as', 'text'],
    ['ib_informed_at', 'text'],
    ['first_reminder_at', 'text'],
    ['director_reminder_at', 'text'],
  ];
  for (const [name, type] of caseColumns) {
    await db.schema.alterTable('report').addColumn(name, type).execute();
  }

  await db.schema
    .createTable('case_step')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('report_id', 'integer', (col) => col.notNull().references('report.id').onDelete('cascade'))
    .addColumn('step', 'text', (col) => col.notNull())
    .addColumn('referral', 'text')
    .addColumn('note', 'text')
    .addColumn('staff_email', 'text', (col) => col.notNull())
    .addColumn('staff_name', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('case_step_report').on('case_step').columns(['report_id', 'id']).execute();

  await db.schema
    .createTable('case_note')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('report_id', 'integer', (col) => col.notNull().references('report.id').onDelete('cascade'))
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('staff_email', 'text', (col) => col.notNull())
    .addColumn('staff_name', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('case_note_report').on('case_note').columns(['report_id', 'id']).execute();

  await db.schema
    .createTable('case_checklist_tick')
    .addColumn('report_id', 'integer', (col) => col.notNull().references('report.id').onDelete('cascade'))
    .addColumn('list', 'text', (col) => col.notNull())
    .addColumn('item', 'integer', (col) => col.notNull())
    .addColumn('staff_email', 'text', (col) => col.notNull())
    .addColumn('staff_name', 'text', (col) => col.notNull())
    .addColumn('ticked_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('case_checklist_tick_pk', ['report_id', 'list', 'item'])
    .execute();

  // No foreign key: the log must outlive anything it mentions, and nothing may cascade into it.
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('school', 'text', (col) => col.notNull())
    .addColumn('report_id', 'integer')
    .addColumn('staff_email', 'text', (col) => col.notNull())
    .addColumn('staff_name', 'text', (col) => col.notNull())
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('detail', 'text')
    .addColumn('at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('audit_log_school').on('audit_log').columns(['school', 'id']).execute();
  // Append-only in the database itself, not only by having no route that changes it.
  if (dialectOf(db) === 'postgres') {
    await makeAppendOnlyOnPostgres(db, 'audit_log');
    return;
  }
  await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
  await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
}
