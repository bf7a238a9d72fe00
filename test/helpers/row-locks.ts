// A test's own row lock on PostgreSQL: holds a job or a request at one report's row, so what must
// happen while it waits there happens then every time.
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

/** Holds report `id`'s row (FOR UPDATE) on a connection of `db` until release(). */
export async function holdRow(db: Db, id: number): Promise<{ release: () => void; holder: Promise<void> }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const lockTaken = new Promise<void>((resolve) => (locked = resolve));
  const holder = db.transaction().execute(async (trx) => {
    await trx.selectFrom('report').select('id').where('id', '=', id).forUpdate().execute();
    locked();
    await released;
  });
  await lockTaken;
  return { release, holder };
}

/** Waits until `count` sessions of this database wait for a lock (at the held row). */
export async function untilWaitingOnLocks(db: Db, count: number): Promise<void> {
  for (;;) {
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(db);
    if (rows[0]!.n >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
