import { findActiveBoardAdmin, upsertBoardAdmin } from '../../db/queries/board-admins.js';
import type { Db } from '../../db/database.js';

/** A board admin (beheerder): manages schools and contact tables, never reads a case. */
export interface BoardAdminMember {
  /** Lower case. */
  email: string;
  /** As written: mail goes there. */
  address: string;
  name: string;
}

/** Makes the address a board admin (again); an admin already active stays as they are. */
export async function addBoardAdmin(
  db: Db,
  admin: { name: string; email: string },
  addedBy: string,
  at: Date,
): Promise<void> {
  await upsertBoardAdmin(db, { email: admin.email.toLowerCase(), address: admin.email, name: admin.name, at: at.toISOString(), addedBy });
}

export async function activeBoardAdmin(db: Db, email: string): Promise<BoardAdminMember | undefined> {
  const row = await findActiveBoardAdmin(db, email.trim().toLowerCase());
  return row ? { email: row.email, address: row.address, name: row.name } : undefined;
}

/** Who set up an admin named in BOARD_ADMINS, in the admin list and the audit log. */
export const ENVIRONMENT_ACTOR = 'BOARD_ADMINS';

/**
 * The addresses in BOARD_ADMINS are board admins at every start: whoever runs the server can
 * always let a first (or locked-out) admin in. The name is the address until they change it.
 */
export async function ensureEnvironmentAdmins(db: Db, addresses: readonly string[], at: Date): Promise<void> {
  for (const address of addresses) await addBoardAdmin(db, { name: address, email: address }, ENVIRONMENT_ACTOR, at);
}
