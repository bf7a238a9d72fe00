import {
  endInvitation,
  findActiveInvitation,
  insertInvitation,
  listActiveInvitations,
  setInvitationShareIdentity,
} from '../../db/queries/case-invitations.js';
import { findTeacher, listTeachers } from '../../db/queries/teachers.js';
import type { Db } from '../../db/database.js';
import type { Report, TeacherRow } from '../../db/schema.js';
import { runTransaction } from '../../db/transaction.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { audit } from '../audit/audit.js';
import { notify } from '../notifications/notifier.js';
import type { StaffPrincipal } from '../staff-auth/staff-identity.js';
import { loadCaseHolder, loadVisibleCase } from './case-access.js';
import type { InviteInput } from './teacher-schema.js';
import type { InvitationsResponse } from '../shared/teachers.js';

// The coordinator brings the class teacher into one case. On an ordinary case the
// anti-pestcoördinator invites; on a case for the vertrouwenspersoon only, only the
// vertrouwenspersoon, if they choose to. Each invitation says whether the teacher sees the
// reporter's name and address. Inviting mails the teacher (no child's details, a link to the case).

const CLOSED_MESSAGE = 'Deze melding is afgesloten. Een leerkracht kan er niet meer bij.';

/** The anti-pestcoördinator on an ordinary case; on a VP-only case the vertrouwenspersoon alone. */
export function mayInvite(principal: StaffPrincipal, report: Pick<Report, 'recipients'>): boolean {
  if (principal.kind !== 'contact') return false;
  const role = report.recipients === 'vertrouwenspersoon' ? 'vertrouwenspersoon' : 'anti-pestcoordinator';
  return principal.member.roles.includes(role);
}

/** The groep numbers a teacher's groep names ("7/8" → 7 and 8, "groep 1-2" → 1 and 2). */
function groepNumbers(groep: string): number[] {
  return (groep.match(/\d+/g) ?? []).map(Number);
}

function ofTheGroep(teacher: TeacherRow, report: Report): boolean {
  return report.reporter_group !== null && groepNumbers(teacher.groep).includes(report.reporter_group);
}

async function invitationsView(db: Db, principal: StaffPrincipal, report: Report): Promise<InvitationsResponse> {
  const teachers = await listTeachers(db, principal.school.slug);
  const ordered = [...teachers.filter((teacher) => ofTheGroep(teacher, report)), ...teachers.filter((teacher) => !ofTheGroep(teacher, report))];
  return {
    canInvite: mayInvite(principal, report) && report.status !== 'closed' && report.purged_at === null,
    teachers: ordered.map((teacher) => ({ id: teacher.id, name: teacher.name, groep: teacher.groep, ofTheGroep: ofTheGroep(teacher, report) })),
    invitations: (await listActiveInvitations(db, report.id)).map((row) => ({
      id: row.id,
      teacherId: row.teacher_id,
      name: row.name,
      groep: row.groep,
      invitedBy: row.invited_by,
      invitedAt: row.invited_at,
      shareIdentity: row.share_identity === 1,
    })),
  };
}

/** Who is invited to the case and whom the coordinator can invite; for colleagues who may open it. */
export async function readInvitations(context: AppContext, principal: StaffPrincipal, id: number): Promise<InvitationsResponse> {
  const report = await loadCaseHolder(context.db, principal, await loadVisibleCase(context.db, principal, id));
  return invitationsView(context.db, principal, report);
}

/** Runs one change of the case's invitations with its audit row, for the one who may invite. */
async function changeInvitations(
  context: AppContext,
  principal: StaffPrincipal,
  id: number,
  work: (scope: { trx: Db; report: Report; now: Date; audit: (action: 'invitation.add' | 'invitation.share' | 'invitation.withdraw', detail: string) => Promise<void> }) => Promise<void>,
): Promise<InvitationsResponse> {
  const now = context.now();
  return runTransaction(context.db, async (trx) => {
    // Invitations are to the case: the report holding it.
    const report = await loadCaseHolder(trx, principal, await loadVisibleCase(trx, principal, id));
    if (!mayInvite(principal, report)) {
      const who = report.recipients === 'vertrouwenspersoon' ? 'de vertrouwenspersoon' : 'de anti-pestcoördinator';
      throw new AppError('forbidden', `Alleen ${who} nodigt een leerkracht uit voor deze melding.`);
    }
    if (report.status === 'closed' || report.purged_at !== null) throw new AppError('conflict', CLOSED_MESSAGE);
    await work({
      trx,
      report,
      now,
      audit: (action, detail) => audit(trx, { school: principal.school.slug, member: principal.member, action, reportId: report.id, detail, at: now }),
    });
    return invitationsView(trx, principal, report);
  });
}

export async function inviteTeacher(context: AppContext, principal: StaffPrincipal, id: number, input: InviteInput): Promise<InvitationsResponse> {
  return changeInvitations(context, principal, id, async ({ trx, report, now, audit: auditChange }) => {
    const teacher = await findTeacher(trx, principal.school.slug, input.teacherId);
    if (!teacher) {
      throw new AppError('invalid_input', 'Deze leerkracht staat niet op de lijst.', { teacherId: 'Kies een leerkracht uit de lijst.' });
    }
    if (await findActiveInvitation(trx, report.id, teacher.id)) {
      throw new AppError('conflict', 'Deze leerkracht is al uitgenodigd.', { teacherId: 'Deze leerkracht is al uitgenodigd.' });
    }
    await insertInvitation(trx, { reportId: report.id, teacherId: teacher.id, invitedBy: principal.member.name, at: now.toISOString(), shareIdentity: input.shareIdentity });
    await auditChange('invitation.add', `${teacher.name} (groep ${teacher.groep})${input.shareIdentity ? ', met naam van de melder' : ''}`);
    await notify.teacherInvited(context, trx, {
      school: principal.school,
      reportId: report.id,
      teacher: { name: teacher.name, email: teacher.email },
      actor: principal.member,
      now,
    });
  });
}

/**
 * A class teacher who recorded a report is invited to it at once, as if the coordinator had invited
 * them, with the reporter's name and address shared (they typed them). No mail: they are on the page.
 * The coordinator can withdraw it like any invitation, and closing ends it.
 */
export async function inviteRecordingTeacher(trx: Db, principal: StaffPrincipal, reportId: number, now: Date): Promise<void> {
  if (principal.teacherId === null) return;
  await insertInvitation(trx, { reportId, teacherId: principal.teacherId, invitedBy: principal.member.name, at: now.toISOString(), shareIdentity: true });
  await audit(trx, {
    school: principal.school.slug,
    member: principal.member,
    action: 'invitation.add',
    reportId,
    detail: `${principal.member.name}, legde de melding zelf vast, met naam van de melder`,
    at: now,
  });
}

export async function setInvitationIdentity(
  context: AppContext,
  principal: StaffPrincipal,
  id: number,
  invitationId: number,
  shareIdentity: boolean,
): Promise<InvitationsResponse> {
  return changeInvitations(context, principal, id, async ({ trx, report, audit: auditChange }) => {
    if (!(await setInvitationShareIdentity(trx, report.id, invitationId, shareIdentity))) throw noSuchInvitation();
    await auditChange('invitation.share', shareIdentity ? 'naam van de melder gedeeld' : 'naam van de melder niet meer gedeeld');
  });
}

export async function withdrawInvitation(context: AppContext, principal: StaffPrincipal, id: number, invitationId: number): Promise<InvitationsResponse> {
  return changeInvitations(context, principal, id, async ({ trx, report, now, audit: auditChange }) => {
    const invitation = (await listActiveInvitations(trx, report.id)).find((row) => row.id === invitationId);
    if (!invitation || !(await endInvitation(trx, report.id, invitationId, now.toISOString()))) throw noSuchInvitation();
    await auditChange('invitation.withdraw', `${invitation.name} (groep ${invitation.groep})`);
  });
}

function noSuchInvitation(): AppError {
  return new AppError('not_found', 'Deze uitnodiging bestaat niet (meer).');
}
