import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.js';

// Frozen once landed: later changes go into a new migration.
// A school board runs klikvrij itself: schools and their contact tables live in the database
// (imported once from SCHOOLS_FILE or the seed's table), and board admins manage them.
export async function up(db: Kysely<any>): Promise<void> {
  // Per-school options are columns, not a JSON blob: each is checked by SQLite's types and can be
  // added by a later migration (sign-in options, say) without rewriting what is there.
  // retention_months and holiday_region are null until the board sets them (then the environment's
  // RETENTION_MONTHS applies, and no holidays are known).
  await db.schema
    .createTable('school')
    .addColumn('slug', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('board', 'text')
    .addColumn('full_notification_mail', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('require_totp', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('retention_months', 'integer')
    .addColumn('holiday_region', 'text')
    .addColumn('login_link', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('is_default', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  // SQLite's implicit rowid is the order the schools were added in (listSchoolRows); PostgreSQL has
  // none, so there it is a column of that name.
  if (dialectOf(db) === 'postgres') await sql`ALTER TABLE school ADD COLUMN rowid serial`.execute(db);
  // At most one school is the default (the one a form without `school` reports to).
  await db.schema
    .createIndex('school_one_default')
    .on('school')
    .column('is_default')
    .unique()
    .where('is_default', '=', 1)
    .execute();

  // A contact is ended, never deleted: the audit log and case history keep naming who it was.
  // roles is a JSON array of contact roles.
  await db.schema
    .createTable('school_contact')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('school', 'text', (col) => col.notNull().references('school.slug'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('roles', 'text', (col) => col.notNull())
    .addColumn('note', 'text')
    .addColumn('added_at', 'text', (col) => col.notNull())
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema.createIndex('school_contact_school').on('school_contact').columns(['school', 'ended_at']).execute();

  // Board admins (beheerders), by lower-case address. `address` is as written: mail goes there.
  await db.schema
    .createTable('board_admin')
    .addColumn('email', 'text', (col) => col.primaryKey())
    .addColumn('address', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('added_at', 'text', (col) => col.notNull())
    .addColumn('added_by', 'text', (col) => col.notNull())
    .addColumn('ended_at', 'text')
    .execute();

  // Admin sessions are kept apart from staff sessions: no admin session can ever pass the staff
  // portal's authentication, whatever address it belongs to.
  await db.schema
    .createTable('admin_session')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('csrf_token', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('last_seen_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('admin_session_email').on('admin_session').column('email').execute();
}
