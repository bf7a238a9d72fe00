import type { BoardAdmin } from '../schema.js';
import type { Db } from '../database.js';

/** Adds a board admin, or brings an ended one back; an active one is left as it is. */
export async function upsertBoardAdmin(
  db: Db,
  admin: { email: string; address: string; name: string; at: string; addedBy: string },
): Promise<void> {
  await db
    .insertInto('board_admin')
    .values({ email: admin.email, address: admin.address, name: admin.name, added_at: admin.at, added_by: admin.addedBy })
    .onConflict((oc) =>
      oc.column('email').doUpdateSet({ ended_at: null, added_at: admin.at, added_by: admin.addedBy }).where('board_admin.ended_at', 'is not', null),
    )
    .execute();
}

export async function findActiveBoardAdmin(db: Db, email: string): Promise<BoardAdmin | undefined> {
  return db.selectFrom('board_admin').selectAll().where('email', '=', email).where('ended_at', 'is', null).executeTakeFirst();
}

export async function listBoardAdmins(db: Db): Promise<BoardAdmin[]> {
  return db.selectFrom('board_admin').selectAll().orderBy('added_at').execute();
}

export async function endBoardAdmin(db: Db, email: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('board_admin')
    .set({ ended_at: at })
    .where('email', '=', email)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
