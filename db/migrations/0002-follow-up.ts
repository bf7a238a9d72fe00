import { sql, type Kysely } from 'kysely';

// Frozen once landed: later changes go into a new migration.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('message')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('report_id', 'integer', (col) => col.notNull().references('report.id').onDelete('cascade'))
    .addColumn('author', 'text', (col) => col.notNull().check(sqlIn('author', ['school', 'reporter'])))
    .addColumn('staff_email', 'text')
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('message_report').on('message').columns(['report_id', 'id']).execute();

  await db.schema
    .alterTable('screenshot')
    .addColumn('message_id', 'integer', (col) => col.references('message.id').onDelete('cascade'))
    .execute();

  // What the reporter is told about their case, chosen by staff: received, in_progress or closed.
  await db.schema
    .alterTable('report')
    .addColumn('reporter_status', 'text', (col) => col.notNull().defaultTo('received'))
    .execute();
  // When the reporter last added something: new input postpones deletion of a closed case.
  await db.schema.alterTable('report').addColumn('last_reporter_activity_at', 'text').execute();
}

function sqlIn(column: string, values: readonly string[]) {
  return sql.raw(`${column} IN (${values.map((value) => `'${value}'`).join(', ')})`);
}
