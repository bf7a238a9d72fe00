import type { Kysely } from 'kysely';

// Frozen once landed: later changes go into a new migration.
// The school's class teachers (leerkrachten), who are not contacts of the table: each may be invited
// to single cases. An invitation names the case and the teacher, whether the coordinator shared the
// reporter's identity, and when it ended (withdrawn, or the case closed). A staff session now says
// what kind of person it is: 'contact' (a person of the contact table) or 'teacher'.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('teacher')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('school', 'text', (col) => col.notNull().references('school.slug'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('groep', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('teacher_once_per_school', ['school', 'email'])
    .execute();
  await db.schema
    .createTable('case_invitation')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('report_id', 'integer', (col) => col.notNull().references('report.id').onDelete('cascade'))
    .addColumn('teacher_id', 'integer', (col) => col.notNull().references('teacher.id').onDelete('cascade'))
    .addColumn('invited_by', 'text', (col) => col.notNull())
    .addColumn('invited_at', 'text', (col) => col.notNull())
    .addColumn('share_identity', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema.createIndex('case_invitation_by_teacher').on('case_invitation').columns(['teacher_id', 'report_id']).execute();
  await db.schema.createIndex('case_invitation_by_report').on('case_invitation').columns(['report_id']).execute();
  await db.schema
    .alterTable('staff_session')
    .addColumn('person_kind', 'text', (col) => col.notNull().defaultTo('contact'))
    .execute();
}
