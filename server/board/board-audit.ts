import { insertAuditEntry } from '../../db/queries/audit.js';
import type { Db } from '../../db/database.js';

/** What a board admin's entries in the audit log say; never anything of a case. */
export type BoardAuditAction =
  | 'board.login'
  | 'board.logout'
  | 'board.school.add'
  | 'board.school.change'
  | 'board.contact.add'
  | 'board.contact.change'
  | 'board.contact.end'
  | 'board.contact.join'
  | 'board.dayoff.add'
  | 'board.dayoff.remove'
  | 'board.teacher.add'
  | 'board.teacher.change'
  | 'board.teacher.remove'
  | 'board.schoolyear.confirm'
  | 'board.figures.view'
  | 'board.admin.add'
  | 'board.admin.end';

/**
 * Audit rows of the board itself (logins, admins) carry this in place of a school slug. A slug
 * is lower-case letters, digits and dashes, so it can never be mistaken for one.
 */
export const BOARD_AUDIT_SCOPE = '(bestuur)';

export interface BoardActor {
  email: string;
  name: string;
}

/** One audit row: who (the admin), when, what, for which school (or the board). */
export async function auditBoard(
  db: Db,
  entry: { school?: string; actor: BoardActor; action: BoardAuditAction; detail?: string; at: Date },
): Promise<void> {
  await insertAuditEntry(db, {
    school: entry.school ?? BOARD_AUDIT_SCOPE,
    report_id: null,
    staff_email: entry.actor.email,
    staff_name: entry.actor.name,
    action: entry.action,
    detail: entry.detail ?? null,
    at: entry.at.toISOString(),
  });
}
