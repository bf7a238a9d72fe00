import { tickChecklistItem, untickChecklistItem } from '../../db/queries/case-checklist-ticks.js';
import { insertNote } from '../../db/queries/case-notes.js';
import { insertStep } from '../../db/queries/case-steps.js';
import { markReportOpened, setMarkerOnce, updateCase } from '../../db/queries/reports.js';
import { insertMessage } from '../../db/queries/messages.js';
import { endInvitationsOfReport } from '../../db/queries/case-invitations.js';
import { checkStepForPerson } from './teacher-access.js';
import type { Report } from '../../db/schema.js';
import { runTransaction } from '../../db/transaction.js';
import type { ReporterStatus } from '../shared/protocol.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { notify } from '../notifications/notifier.js';
import { audit, type AuditAction } from '../audit/audit.js';
import { loadCaseHolder, loadVisibleCase } from './case-access.js';
import { syncLinkedReports } from './linked-cases.js';
import { listCaseReports } from '../../db/queries/linked-cases.js';
import { reporterLanguageOf } from './report-view.js';
import { assignableStaff, buildCaseView } from './case-file.js';
import { CHECKLISTS, CLOSE_LABELS, PESTEN_STEPS, REFERRAL_LABELS, STEP_LABELS, type Step } from '../shared/protocol.js';
import type { RoutingEvent } from './routing.js';
import type { StaffPrincipal } from '../staff-auth/staff-identity.js';
import type { CaseResponse } from '../shared/staff-responses.js';
import type { ChecklistInput, CloseInput, IndicationInput, StepInput } from './schema/protocol-steps.js';
import type { Db } from '../../db/database.js';

export interface ChangeScope {
  trx: Db;
  /** The report holding the case: the one opened, or the one it is linked into. */
  report: Report;
  /** The report the change was asked on: its reporter is the one a message goes to. */
  opened: Report;
  now: Date;
  principal: StaffPrincipal;
  audit: (action: AuditAction, detail?: string, reportId?: number) => Promise<void>;
}

const CLOSED_MESSAGE = 'Deze melding is afgesloten. Heropen hem eerst.';
const PURGED_MESSAGE = 'De inhoud van deze melding is verwijderd na de bewaartermijn. Er kan niets meer aan veranderen.';

/**
 * Runs one change to a case in one transaction with its audit entry and its mails, after checking
 * that the case is visible to this person and still open to changes. Answers with the case as it
 * now is, read in the same transaction, so the page needs no second request (and the audit log no
 * second view).
 */
export async function changeCase(
  context: AppContext,
  principal: StaffPrincipal,
  id: number,
  options: { whenClosed: 'allow' | 'refuse' | 'require' },
  work: (scope: ChangeScope) => Promise<void>,
): Promise<CaseResponse> {
  const now = context.now();
  return runTransaction(context.db, async (trx) => {
    const opened = await loadVisibleCase(trx, principal, id);
    const report = await loadCaseHolder(trx, principal, opened);
    if (report.purged_at !== null) throw new AppError('conflict', PURGED_MESSAGE);
    const closed = report.status === 'closed';
    if (closed && options.whenClosed === 'refuse') throw new AppError('conflict', CLOSED_MESSAGE);
    if (!closed && options.whenClosed === 'require') throw new AppError('conflict', 'Deze melding is niet afgesloten.');
    // Acting on a case means someone of the team has it in hand: it no longer counts as unopened
    // (a class teacher's step does not: a report they recorded stays new, and reminded, for the team).
    if (principal.kind === 'contact') await markReportOpened(trx, report.id, now.toISOString());
    await work({
      trx,
      report,
      opened,
      now,
      principal,
      audit: (action, detail, reportId) =>
        audit(trx, { school: principal.school.slug, member: principal.member, action, reportId: reportId ?? report.id, detail: detail ?? null, at: now }),
    });
    await syncLinkedReports(trx, report.id);
    return buildCaseView(trx, principal, await loadVisibleCase(trx, principal, id));
  });
}

/**
 * A case for the vertrouwenspersoon only stays theirs: the protocol's routing reaches nobody who
 * could not open it (not even to say that it exists) until the vertrouwenspersoon shares it.
 */
function confidential(report: Pick<Report, 'recipients'>): boolean {
  return report.recipients === 'vertrouwenspersoon';
}

async function route(context: AppContext, scope: ChangeScope, event: RoutingEvent): Promise<void> {
  const { principal, report, now, trx } = scope;
  if (confidential(report)) return;
  await notify.caseRouting(context, trx, { school: principal.school, reportId: report.id, event, actor: principal.member, now });
}

/**
 * The IB'er hears once per case that it is bullying, whichever way staff established it; for a
 * confidential case only once it is shared.
 */
async function informIbOnce(context: AppContext, scope: ChangeScope): Promise<void> {
  if (confidential(scope.report)) return;
  if (await setMarkerOnce(scope.trx, scope.report.id, 'ib_informed_at', scope.now.toISOString())) {
    await route(context, scope, 'pesten');
  }
}

/** Is this case bullying as far as the school is concerned: confirmed, or at stap 3a or later? */
function establishedPesten(report: Report): boolean {
  return report.staff_indication === 'pesten' || (report.case_step !== null && PESTEN_STEPS.has(report.case_step as Step));
}

function confirmPesten(scope: ChangeScope) {
  return {
    staff_indication: 'pesten',
    indication_by: scope.principal.member.name,
    indication_at: scope.now.toISOString(),
  };
}

/** Staff confirm or overrule the indication computed from the reporter's answers. */
export async function setIndication(context: AppContext, principal: StaffPrincipal, id: number, input: IndicationInput) {
  return changeCase(context, principal, id, { whenClosed: 'refuse' }, async (scope) => {
    await updateCase(scope.trx, scope.report.id, {
      staff_indication: input.indication,
      indication_by: principal.member.name,
      indication_at: scope.now.toISOString(),
    });
    const verdict = input.indication === scope.report.indication ? 'bevestigd' : `overruled (antwoorden: ${scope.report.indication})`;
    await scope.audit('indication.set', `${input.indication}, ${verdict}`);
    if (input.note) await addNoteRow(scope, `Oordeel ${input.indication}: ${input.note}`);
    if (input.indication === 'pesten') await informIbOnce(context, scope);
  });
}

export async function recordStep(context: AppContext, principal: StaffPrincipal, id: number, input: StepInput) {
  return changeCase(context, principal, id, { whenClosed: 'refuse' }, async (scope) => {
    checkStepForPerson(principal, input.step);
    await insertStep(scope.trx, {
      reportId: scope.report.id,
      step: input.step,
      referral: input.referral ?? null,
      note: input.note,
      staffEmail: principal.member.email,
      staffName: principal.member.name,
      at: scope.now.toISOString(),
    });
    // Stap 3a and later exist only "indien er sprake is van pestgedrag": reaching them says it is pesten.
    const becomesPesten = PESTEN_STEPS.has(input.step) && scope.report.staff_indication !== 'pesten';
    await updateCase(scope.trx, scope.report.id, { case_step: input.step, status: 'open', ...(becomesPesten ? confirmPesten(scope) : {}) });
    const referral = input.referral ? ` (${REFERRAL_LABELS[input.referral]})` : '';
    await scope.audit('step.record', `${STEP_LABELS[input.step]}${referral}`);
    if (PESTEN_STEPS.has(input.step)) await informIbOnce(context, scope);
    if (input.step === '3a' || input.step === '4' || input.step === '6') await route(context, scope, input.step);
  });
}

export async function closeCase(context: AppContext, principal: StaffPrincipal, id: number, input: CloseInput) {
  return changeCase(context, principal, id, { whenClosed: 'refuse' }, async (scope) => {
    await updateCase(scope.trx, scope.report.id, {
      status: 'closed',
      closed_at: scope.now.toISOString(),
      closed_as: input.outcome,
      reporter_status: 'closed',
      // A closed case is looked back at no more; reopened, it gets a new day if it needs one.
      follow_up_on: null,
      ...(input.outcome === 'plagen' && scope.report.staff_indication === null
        ? { staff_indication: 'plagen', indication_by: principal.member.name, indication_at: scope.now.toISOString() }
        : {}),
    });
    await scope.audit('case.close', CLOSE_LABELS[input.outcome]);
    // A closed case is no teacher's any more: their invitations end with it.
    const ended = await endInvitationsOfReport(scope.trx, scope.report.id, scope.now.toISOString());
    if (ended > 0) await scope.audit('invitation.end', `${ended} uitnodiging(en) beëindigd`);
    if (input.note) await addNoteRow(scope, `${CLOSE_LABELS[input.outcome]}: ${input.note}`);
    // An empty message is staff's deliberate choice to close without telling the reporter. Every
    // reporter of a linked case gets the message in their own conversation.
    if (input.message === '') return;
    for (const report of await listCaseReports(scope.trx, scope.report.id)) await sendToReporter(context, scope, report, input.message);
  });
}

/** A closed case that flares up again goes back to open; the reporter sees "mee bezig". */
export async function reopenCase(context: AppContext, principal: StaffPrincipal, id: number) {
  return changeCase(context, principal, id, { whenClosed: 'require' }, async (scope) => {
    await updateCase(scope.trx, scope.report.id, { status: 'open', closed_at: null, closed_as: null, reporter_status: 'in_progress' });
    await scope.audit('case.reopen');
  });
}

export async function setChecklistItem(context: AppContext, principal: StaffPrincipal, id: number, input: ChecklistInput) {
  const items = CHECKLISTS[input.list].items;
  if (input.item >= items.length) {
    throw new AppError('invalid_input', 'Dit punt staat niet op de lijst.', { item: 'Kies een punt van de lijst.' });
  }
  return changeCase(context, principal, id, { whenClosed: 'refuse' }, async (scope) => {
    if (input.checked) {
      await tickChecklistItem(scope.trx, {
        reportId: scope.report.id,
        list: input.list,
        item: input.item,
        staffEmail: principal.member.email,
        staffName: principal.member.name,
        at: scope.now.toISOString(),
      });
    } else {
      await untickChecklistItem(scope.trx, scope.report.id, input.list, input.item);
    }
    await scope.audit(input.checked ? 'checklist.tick' : 'checklist.untick', `${input.list} punt ${input.item + 1}`);
  });
}

async function addNoteRow(scope: ChangeScope, text: string): Promise<void> {
  await insertNote(scope.trx, {
    reportId: scope.report.id,
    text,
    staffEmail: scope.principal.member.email,
    staffName: scope.principal.member.name,
    at: scope.now.toISOString(),
  });
}

/** A note for colleagues only: never part of what the reporter sees. */
export async function addNote(context: AppContext, principal: StaffPrincipal, id: number, text: string) {
  return changeCase(context, principal, id, { whenClosed: 'allow' }, async (scope) => {
    await addNoteRow(scope, text);
    await scope.audit('note.add');
  });
}

/** A message the reporter reads with their receipt code at /api/followup. */
export async function messageReporter(context: AppContext, principal: StaffPrincipal, id: number, text: string) {
  return changeCase(context, principal, id, { whenClosed: 'allow' }, (scope) => sendToReporter(context, scope, scope.opened, text));
}

async function sendToReporter(context: AppContext, scope: ChangeScope, to: Report, text: string): Promise<void> {
  await insertMessage(scope.trx, {
    report_id: to.id,
    author: 'school',
    staff_email: scope.principal.member.email,
    text,
    created_at: scope.now.toISOString(),
  });
  await noticeToReporter(context, scope, to);
  await scope.audit('message.send', undefined, to.id);
}

/** Only a named reporter who gave an address and asked for it; anonymous reporters are never mailed. */
async function noticeToReporter(context: AppContext, scope: ChangeScope, report: Report): Promise<void> {
  if (report.anonymous !== 0 || report.notify_on_answer !== 1 || !report.reporter_email) return;
  const reporter = { name: report.reporter_name ?? '', email: report.reporter_email };
  await notify.reporterNotice(context, scope.trx, {
    school: scope.principal.school,
    reporter,
    confidential: report.recipients === 'vertrouwenspersoon',
    language: reporterLanguageOf(report),
    now: scope.now,
  });
}

export async function setReporterStatus(context: AppContext, principal: StaffPrincipal, id: number, status: ReporterStatus) {
  return changeCase(context, principal, id, { whenClosed: 'allow' }, async (scope) => {
    await updateCase(scope.trx, scope.report.id, { reporter_status: status });
    await scope.audit('reporter_status.set', status);
  });
}

/** Assigns the case to a colleague who may see it (or to nobody); the new owner is mailed. */
export async function assignCase(context: AppContext, principal: StaffPrincipal, id: number, email: string | null) {
  return changeCase(context, principal, id, { whenClosed: 'refuse' }, async (scope) => {
    const assignee = email === null ? null : assignableStaff(principal, scope.report).find((member) => member.email === email.toLowerCase());
    if (email !== null && !assignee) {
      throw new AppError('invalid_input', 'Deze collega kan deze melding niet overnemen.', { email: 'Kies een collega uit de lijst.' });
    }
    await updateCase(scope.trx, scope.report.id, { assignee_email: assignee?.email ?? null });
    await scope.audit('assignee.set', assignee ? `aan ${assignee.name}` : 'niemand');
    if (assignee) await notify.caseAssigned(context, scope.trx, { school: principal.school, reportId: scope.report.id, assignee, actor: principal.member, now: scope.now });
  });
}

/**
 * The vertrouwenspersoon opens a case meant for them alone to the team (the reporter's choice is
 * theirs to widen, with the reporter's consent outside the portal): it becomes an ordinary case,
 * the anti-pestcoördinators are told, and the IB'er hears of it if it is already bullying.
 */
export async function shareWithTeam(context: AppContext, principal: StaffPrincipal, id: number) {
  return changeCase(context, principal, id, { whenClosed: 'allow' }, async (scope) => {
    if (!confidential(scope.report)) throw new AppError('conflict', 'Het team kan deze melding al zien.');
    await updateCase(scope.trx, scope.report.id, { recipients: 'default' });
    await scope.audit('case.share');
    await notify.caseShared(context, scope.trx, { school: principal.school, reportId: scope.report.id, actor: principal.member, now: scope.now });
    const shared = { ...scope, report: { ...scope.report, recipients: 'default' } };
    if (establishedPesten(shared.report)) await informIbOnce(context, shared);
  });
}
