import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.js';

// Frozen once landed: later changes go into a new migration.
// Every school counts the changes to itself and to its contact table in `revision`. A server keeps the
// school a report goes to (with its contacts) in memory, and the report is written only while the
// school's revision is still the one it read (db/queries/reports.ts insertReport): on PostgreSQL another
// server may have changed the table since. Triggers count, on both backends, so that no write path (a
// board admin, the school-year job, a restore's command, a hand-made UPDATE) can forget to.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE school ADD COLUMN revision integer NOT NULL DEFAULT 0`.execute(db);
  if (dialectOf(db) === 'postgres') {
    // A change of the school's own row; the contacts' trigger moves revision itself and is not counted twice.
    await sql`CREATE FUNCTION school_revision_count() RETURNS trigger LANGUAGE plpgsql AS ${sql.lit(
      'BEGIN NEW.revision := OLD.revision + 1; RETURN NEW; END',
    )}`.execute(db);
    await sql`CREATE TRIGGER school_revision BEFORE UPDATE ON school
      FOR EACH ROW WHEN (NEW.revision = OLD.revision) EXECUTE FUNCTION school_revision_count()`.execute(db);
    await sql`CREATE FUNCTION school_contact_revision_count() RETURNS trigger LANGUAGE plpgsql AS ${sql.lit(
      `BEGIN
        IF TG_OP <> 'INSERT' THEN UPDATE school SET revision = revision + 1 WHERE slug = OLD.school; END IF;
        IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.school IS DISTINCT FROM OLD.school) THEN
          UPDATE school SET revision = revision + 1 WHERE slug = NEW.school;
        END IF;
        RETURN NULL;
      END`,
    )}`.execute(db);
    await sql`CREATE TRIGGER school_contact_revision AFTER INSERT OR UPDATE OR DELETE ON school_contact
      FOR EACH ROW EXECUTE FUNCTION school_contact_revision_count()`.execute(db);
    // TRUNCATE skips row triggers: every school counts it.
    await sql`CREATE FUNCTION school_contact_truncate_count() RETURNS trigger LANGUAGE plpgsql AS ${sql.lit(
      'BEGIN UPDATE school SET revision = revision + 1; RETURN NULL; END',
    )}`.execute(db);
    await sql`CREATE TRIGGER school_contact_truncate_revision AFTER TRUNCATE ON school_contact
      FOR EACH STATEMENT EXECUTE FUNCTION school_contact_truncate_count()`.execute(db);
    return;
  }
  // SQLite runs no trigger from its own action (recursive_triggers is off), and the contacts' triggers
  // move revision themselves, so the school's trigger leaves their UPDATE alone (its WHEN).
  await sql`CREATE TRIGGER school_revision AFTER UPDATE ON school WHEN NEW.revision = OLD.revision
    BEGIN UPDATE school SET revision = OLD.revision + 1 WHERE slug = NEW.slug; END`.execute(db);
  await sql`CREATE TRIGGER school_contact_insert_revision AFTER INSERT ON school_contact
    BEGIN UPDATE school SET revision = revision + 1 WHERE slug = NEW.school; END`.execute(db);
  await sql`CREATE TRIGGER school_contact_update_revision AFTER UPDATE ON school_contact
    BEGIN UPDATE school SET revision = revision + 1 WHERE slug IN (OLD.school, NEW.school); END`.execute(db);
  await sql`CREATE TRIGGER school_contact_delete_revision AFTER DELETE ON school_contact
    BEGIN UPDATE school SET revision = revision + 1 WHERE slug = OLD.school; END`.execute(db);
}
