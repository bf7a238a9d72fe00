import type { CaseInvitationRow } from '../schema.js';
import type { Db } from '../database.js';

// A teacher's access to one case. Only invitations without `ended_at` give access.

export async function findActiveInvitation(db: Db, reportId: number, teacherId: number): Promise<CaseInvitationRow | undefined> {
  return db
    .selectFrom('case_invitation')
    .selectAll()
    .where('report_id', '=', reportId)
    .where('teacher_id', '=', teacherId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
}

export interface InvitationWithTeacher {
  id: number;
  teacher_id: number;
  name: string;
  groep: string;
  invited_by: string;
  invited_at: string;
  share_identity: number;
}

/** The case's invitations still in force, oldest first, with the teacher's name and groep. */
export async function listActiveInvitations(db: Db, reportId: number): Promise<InvitationWithTeacher[]> {
  return db
    .selectFrom('case_invitation')
    .innerJoin('teacher', 'teacher.id', 'case_invitation.teacher_id')
    .select([
      'case_invitation.id',
      'case_invitation.teacher_id',
      'teacher.name',
      'teacher.groep',
      'case_invitation.invited_by',
      'case_invitation.invited_at',
      'case_invitation.share_identity',
    ])
    .where('case_invitation.report_id', '=', reportId)
    .where('case_invitation.ended_at', 'is', null)
    .orderBy('case_invitation.id')
    .execute();
}

export async function insertInvitation(
  db: Db,
  invitation: { reportId: number; teacherId: number; invitedBy: string; at: string; shareIdentity: boolean },
): Promise<number> {
  const row = await db
    .insertInto('case_invitation')
    .values({
      report_id: invitation.reportId,
      teacher_id: invitation.teacherId,
      invited_by: invitation.invitedBy,
      invited_at: invitation.at,
      share_identity: invitation.shareIdentity ? 1 : 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Returns whether an invitation in force of this case was changed. */
export async function setInvitationShareIdentity(db: Db, reportId: number, id: number, share: boolean): Promise<boolean> {
  const result = await db
    .updateTable('case_invitation')
    .set({ share_identity: share ? 1 : 0 })
    .where('id', '=', id)
    .where('report_id', '=', reportId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Ends one invitation in force of this case; returns whether there was one. */
export async function endInvitation(db: Db, reportId: number, id: number, at: string): Promise<boolean> {
  const result = await db
    .updateTable('case_invitation')
    .set({ ended_at: at })
    .where('id', '=', id)
    .where('report_id', '=', reportId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Ends every invitation of the case (it closed); returns how many. */
export async function endInvitationsOfReport(db: Db, reportId: number, at: string): Promise<number> {
  const result = await db
    .updateTable('case_invitation')
    .set({ ended_at: at })
    .where('report_id', '=', reportId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The open cases this teacher is invited to, newest first. */
export async function listInvitedOpenCases(
  db: Db,
  teacherId: number,
): Promise<{ id: number; received_at: string; case_step: string | null; follow_up_on: string | null; invited_at: string }[]> {
  return db
    .selectFrom('case_invitation')
    .innerJoin('report', 'report.id', 'case_invitation.report_id')
    .select(['report.id', 'report.received_at', 'report.case_step', 'report.follow_up_on', 'case_invitation.invited_at'])
    .where('case_invitation.teacher_id', '=', teacherId)
    .where('case_invitation.ended_at', 'is', null)
    .where('report.status', '!=', 'closed')
    .where('report.purged_at', 'is', null)
    .orderBy('report.id', 'desc')
    .execute();
}
