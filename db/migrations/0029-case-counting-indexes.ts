import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.js';

// Frozen once landed: later changes go into a new migration.
// Indexes the staff portal lost since linked cases (0025), the report's source (0021) and random
// case numbers came, found with test/bench/staff-portal.ts:
// - The statistics page counts a case once through case_of and counts per source: neither was in
//   report_statistics (0009), so every counted report was read from its (now sealed, wide) row.
//   The new index holds them too and replaces it.
// - The inbox orders by day, then case number (an anonymous report keeps only its day): with
//   report_inbox (school, urgent, id) every page read and sorted all of the school's reports. The
//   day is a generated column (virtual on SQLite, stored on PostgreSQL, which has no virtual ones
//   before version 18), so the index can hold it and a keyset page can start at its cursor.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('report')
    .addColumn('received_day', 'text', (col) => {
      const generated = col.generatedAlwaysAs(sql`substr(received_at, 1, 10)`);
      return dialectOf(db) === 'postgres' ? generated.stored() : generated;
    })
    .execute();
  await db.schema.dropIndex('report_inbox').execute();
  await db.schema.createIndex('report_inbox_day').on('report').columns(['school', 'urgent', 'received_day', 'id']).execute();
  await db.schema.dropIndex('report_statistics').execute();
  await db.schema
    .createIndex('report_statistics_cases')
    .on('report')
    // What the query filters on, then what it counts, in the order it reads them.
    .columns([
      'school',
      'received_at',
      'recipients',
      'id',
      'case_of',
      'kinds',
      'places',
      'urgent',
      'source',
      'indication',
      'staff_indication',
      'status',
      'closed_as',
    ])
    .execute();
}
