import type { Kysely } from 'kysely';

// Frozen once landed: later changes go into a new migration.
// 1 on a mail about a report for the vertrouwenspersoon only (its new-report mail, the reporter's
// answer, a reminder, a case number in the subject): given up, it is listed for a directeur who may
// see such reports only, since the mail itself would tell the others that one came in.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('confidential', 'integer', (col) => col.notNull().defaultTo(0)).execute();
}
