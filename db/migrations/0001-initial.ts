import { sql, type Kysely } from 'kysely';

// Frozen once landed: later changes go into a new migration.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('report')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('school', 'text', (col) => col.notNull())
    .addColumn('receipt_hash', 'text', (col) => col.notNull().unique())
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('anonymous', 'integer', (col) => col.notNull())
    .addColumn('reporter_name', 'text')
    .addColumn('reporter_group', 'integer')
    .addColumn('reporter_email', 'text')
    .addColumn('description', 'text')
    .addColumn('kinds', 'text', (col) => col.notNull())
    .addColumn('places', 'text', (col) => col.notNull())
    .addColumn('platforms', 'text', (col) => col.notNull())
    .addColumn('frequency', 'text')
    .addColumn('equal', 'integer')
    .addColumn('same_target', 'integer')
    .addColumn('hurtful', 'integer')
    .addColumn('target', 'text')
    .addColumn('perpetrators', 'text')
    .addColumn('recipients', 'text', (col) => col.notNull())
    .addColumn('indication', 'text', (col) => col.notNull())
    .addColumn('received_at', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('new'))
    .addColumn('closed_at', 'text')
    .addColumn('purged_at', 'text')
    .execute();
  await db.schema.createIndex('report_school_id').on('report').columns(['school', 'id']).execute();

  await db.schema
    .createTable('screenshot')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('report_id', 'integer', (col) => col.notNull().references('report.id').onDelete('cascade'))
    .addColumn('mime_type', 'text', (col) => col.notNull())
    .addColumn('width', 'integer', (col) => col.notNull())
    .addColumn('height', 'integer', (col) => col.notNull())
    .addColumn('byte_size', 'integer', (col) => col.notNull())
    .addColumn('data', 'blob', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('screenshot_report').on('screenshot').column('report_id').execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('school', 'text', (col) => col.notNull())
    .addColumn('purpose', 'text', (col) => col.notNull())
    .addColumn('to_address', 'text', (col) => col.notNull())
    .addColumn('subject', 'text', (col) => col.notNull())
    .addColumn('text_body', 'text', (col) => col.notNull())
    .addColumn('html_body', 'text', (col) => col.notNull())
    .addColumn('message_id', 'text', (col) => col.notNull().unique())
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (col) => col.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await sql`CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL`.execute(db);
}
