import { findActiveInvitation, listInvitedOpenCases } from '../../db/queries/case-invitations.js';
import { listNotes } from '../../db/queries/case-notes.js';
import type { Db } from '../../db/database.js';
import type { Report } from '../../db/schema.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import type { Step } from '../shared/protocol.js';
import type { CaseResponse } from '../shared/staff-responses.js';
import { TEACHER_STEPS, type InvitedCasesResponse } from '../shared/teachers.js';
import type { StaffPrincipal } from '../staff-auth/staff-identity.js';

// What a class teacher may do on a case. They reach a case only through an invitation in force,
// and only while the case is open and its content kept; they see what happened and the protocol's
// record, never the reporter's name or address unless the coordinator shared it with them, never
// the messages with the reporter, the screenshots or colleagues' notes.

/** Whether this teacher may open this case now. */
export async function teacherMayOpen(db: Db, principal: StaffPrincipal, report: Report): Promise<boolean> {
  if (principal.teacherId === null || report.status === 'closed' || report.purged_at !== null) return false;
  // Invitations are to the case: the report holding it (a linked report answers through its holder).
  return (await findActiveInvitation(db, report.case_of ?? report.id, principal.teacherId)) !== undefined;
}

/** The protocol's steps for the class teacher; the others are the team's. */
export function checkStepForPerson(principal: StaffPrincipal, step: Step): void {
  if (principal.kind !== 'teacher' || (TEACHER_STEPS as readonly string[]).includes(step)) return;
  const message = 'Deze stap zet het team. Als leerkracht leg je stap 1, 2, 3a, 3b en 4 vast.';
  throw new AppError('forbidden', message, { step: message });
}

/** The case as an invited teacher sees it (the summary is made from this afterwards). */
export async function teacherCaseView(db: Db, principal: StaffPrincipal, view: Omit<CaseResponse, 'summary'>): Promise<Omit<CaseResponse, 'summary'>> {
  const invitation = principal.teacherId === null ? undefined : await findActiveInvitation(db, view.caseId, principal.teacherId);
  const shared = invitation?.share_identity === 1;
  const ownNotes = new Set(
    (await listNotes(db, view.caseId)).filter((note) => note.staff_email === principal.member.email).map((note) => note.id),
  );
  return {
    ...view,
    reporter: shared || view.reporter.anonymous ? view.reporter : { ...view.reporter, name: null, email: null, identityWithheld: true },
    notes: view.notes.filter((note) => ownNotes.has(note.id)),
    messages: [],
    screenshots: [],
    assignable: [],
    // A teacher cannot mark a case for the Meldcode: who it would mail is not theirs to know.
    aandachtsfunctionarissen: [],
  };
}

/** The teacher's own list: the open cases they are invited to, nothing of the school's other cases. */
export async function listInvitedCases(context: AppContext, principal: StaffPrincipal): Promise<InvitedCasesResponse> {
  if (principal.teacherId === null) return { cases: [] };
  const rows = await listInvitedOpenCases(context.db, principal.teacherId);
  return {
    cases: rows.map((row) => ({ id: row.id, receivedAt: row.received_at, step: row.case_step, followUpOn: row.follow_up_on, invitedAt: row.invited_at })),
  };
}
