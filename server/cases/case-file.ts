import { listChecklistTicks } from '../../db/queries/case-checklist-ticks.js';
import { listNotes } from '../../db/queries/case-notes.js';
import { listSteps } from '../../db/queries/case-steps.js';
import { markReportOpened, markReporterAnswerSeen } from '../../db/queries/reports.js';
import { findScreenshotOfReport, listScreenshotInfo } from '../../db/queries/screenshots.js';
import { listMessagesOfReport } from '../../db/queries/messages.js';
import type { Db } from '../../db/database.js';
import type { Report } from '../../db/schema.js';
import type { AppContext } from '../context.js';
import { audit } from '../audit/audit.js';
import { caseNotFound, loadCaseHolder, loadVisibleCase } from './case-access.js';
import { listCaseReports } from '../../db/queries/linked-cases.js';
import { CHECKLIST_NAMES, CHECKLISTS, CRITERIA } from '../shared/protocol.js';
import { criterionColumn } from '../reports/indication.js';
import { criteriaOf, parseList, reportFacts, reporterLanguageOf, urgencyOf } from './report-view.js';
import { canSeeConfidential, seesWholeSchool, staffMembersOf, type StaffPrincipal } from '../staff-auth/staff-identity.js';
import type { CaseResponse } from '../shared/staff-responses.js';
import { parnassysSummary, type ReportPart } from './summary.js';
import { meldcodePartFor } from './meldcode-view.js';
import { teacherCaseView } from './teacher-access.js';
import { markMails, routingPreview } from './routing.js';
import type { SanitizedScreenshot } from '../screenshots/sanitize-screenshot.js';
import { runTransaction } from '../../db/transaction.js';

/** Colleagues who may take over this case: portal users of the school who may see it. */
export function assignableStaff(principal: StaffPrincipal, report: Report) {
  // The aandachtsfunctionaris alone is not offered: a name that appeared only on marked cases would tell the mark.
  return staffMembersOf(principal.school).filter(
    (member) => seesWholeSchool(member) && (report.recipients !== 'vertrouwenspersoon' || canSeeConfidential(member)),
  );
}

/**
 * Opens a case: the team's first opening marks it read, and every opening is written to the audit log. The
 * handler's opening (the assignee's, or anyone's while nobody is assigned) clears the inbox's mark
 * of a new answer from the reporter.
 */
export async function openCase(context: AppContext, principal: StaffPrincipal, id: number): Promise<CaseResponse> {
  const now = context.now();
  return runTransaction(context.db, async (trx) => {
    const found = await loadVisibleCase(trx, principal, id);
    // A class teacher's look is not the team's: the report stays new, and they never see the reporter's answers.
    if (principal.kind === 'contact') {
      await markReportOpened(trx, found.id, now.toISOString());
      if (found.assignee_email === null || found.assignee_email === principal.member.email.toLowerCase()) {
        await markReporterAnswerSeen(trx, found.id);
      }
    }
    await audit(trx, { school: principal.school.slug, member: principal.member, action: 'case.view', reportId: found.id, at: now });
    return buildCaseView(trx, principal, await loadVisibleCase(trx, principal, id));
  });
}

/** What one report of a case holds of its own: the reporter, their answers and their conversation. */
async function reportPart(db: Db, report: Report, nameOf: (email: string | null) => string | null): Promise<ReportPart> {
  const messages = await listMessagesOfReport(db, report.id);
  const criteria = criteriaOf(report);
  const facts = reportFacts(report);
  return {
    id: report.id,
    urgent: facts.urgent,
    ...urgencyOf(report),
    receivedAt: report.received_at,
    source: report.source,
    signals: parseList(report.signals),
    // Identity fields are only ever stored when the reporter chose to give them.
    reporter: {
      role: report.role,
      anonymous: facts.anonymous,
      name: report.reporter_name,
      group: report.reporter_group,
      email: report.reporter_email,
      language: reporterLanguageOf(report),
      identityWithheld: false,
    },
    description: report.description,
    kinds: facts.kinds,
    places: facts.places,
    platforms: parseList(report.platforms),
    frequency: report.frequency,
    since: report.since,
    target: report.target,
    perpetrators: report.perpetrators,
    criteria: CRITERIA.map((criterion) => ({
      key: criterion.key,
      plagen: criterion.plagen,
      pesten: criterion.pesten,
      answer: criterionColumn(criteria, criterion.key),
    })),
    indication: report.indication,
    messages: messages.map((message) => ({
      id: message.number,
      from: message.author,
      text: message.text,
      at: message.created_at,
      by: message.author === 'school' ? nameOf(message.staff_email) : null,
    })),
  };
}

/**
 * The case as staff see it, read through `db` (the transaction of a change, so it shows that change):
 * the opened report's own part (reporter, answers, conversation, screenshots), and the case record
 * from the report holding the case. The summary lists every report of the case.
 */
export async function buildCaseView(db: Db, principal: StaffPrincipal, opened: Report): Promise<CaseResponse> {
  const report = await loadCaseHolder(db, principal, opened);
  const [steps, notes, ticks, screenshots, caseReports] = await Promise.all([
    listSteps(db, report.id),
    listNotes(db, report.id),
    listChecklistTicks(db, report.id),
    listScreenshotInfo(db, opened.id),
    listCaseReports(db, report.id),
  ]);
  const staff = staffMembersOf(principal.school);
  const nameOf = (email: string | null) =>
    email === null ? null : (staff.find((member) => member.email === email.toLowerCase())?.name ?? email);
  const assignee = report.assignee_email
    ? { email: report.assignee_email, name: nameOf(report.assignee_email) ?? report.assignee_email }
    : null;
  const others = await Promise.all(caseReports.filter((other) => other.id !== opened.id).map((other) => reportPart(db, other, nameOf)));

  const view: Omit<CaseResponse, 'summary'> = {
    ...(await reportPart(db, opened, nameOf)),
    school: { slug: principal.school.slug, name: principal.school.name },
    status: report.status,
    step: report.case_step,
    followUpOn: report.follow_up_on,
    closedAt: report.closed_at,
    closedAs: report.closed_as,
    purgedAt: opened.purged_at ?? report.purged_at,
    confidential: report.recipients === 'vertrouwenspersoon',
    caseId: report.id,
    caseReports: caseReports.map((other) => ({
      id: other.id,
      receivedAt: other.received_at,
      reporterRole: other.role,
      anonymous: other.anonymous === 1,
      source: other.source,
    })),
    staffIndication: report.staff_indication,
    indicationBy: report.indication_by,
    indicationAt: report.indication_at,
    steps: steps.map((step) => ({
      id: step.id,
      step: step.step,
      referral: step.referral,
      note: step.note,
      by: step.staff_name,
      at: step.created_at,
    })),
    checklists: CHECKLIST_NAMES.map((name) => ({
      name,
      title: CHECKLISTS[name].title,
      items: CHECKLISTS[name].items.map((text, index) => {
        const tick = ticks.find((candidate) => candidate.list === name && candidate.item === index);
        return { index, text, tickedBy: tick?.staff_name ?? null, tickedAt: tick?.ticked_at ?? null };
      }),
    })),
    notes: notes.map((note) => ({ id: note.id, text: note.text, by: note.staff_name, at: note.created_at })),
    screenshots: screenshots.map((shot) => ({
      id: shot.number,
      messageId: shot.message_number,
      width: shot.width,
      height: shot.height,
      url: `/api/staff/reports/${opened.id}/screenshots/${shot.number}`,
    })),
    reporterStatus: report.reporter_status,
    assignee,
    assignable: assignableStaff(principal, report).map((member) => ({ email: member.email, name: member.name })),
    routing: routingPreview(principal.school, principal.member.email, report.recipients === 'vertrouwenspersoon'),
    aandachtsfunctionarissen: markMails(principal.school, principal.member.email),
  };
  if (principal.kind === 'teacher') {
    // An invited teacher: this report's part as teachers see it, no other report's part, no Meldcode part.
    const shown = await teacherCaseView(db, principal, view);
    return { ...shown, summary: parnassysSummary(shown, []) };
  }
  const meldcode = await meldcodePartFor(db, principal, report);
  return { ...view, ...(meldcode === undefined ? {} : { meldcode }), summary: parnassysSummary(view, others) };
}

/** The file extension of each type a screenshot is stored as (see sanitize-screenshot.ts). */
const EXTENSIONS: Record<SanitizedScreenshot['mimeType'], string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };

/**
 * One screenshot's bytes for a logged-in colleague of the school, with a file name whose extension
 * follows the stored type (so a saved copy opens); the view is audited.
 */
export async function readScreenshot(
  context: AppContext,
  principal: StaffPrincipal,
  reportId: number,
  screenshotNumber: number,
): Promise<{ mimeType: string; data: Buffer; filename: string }> {
  const now = context.now();
  return runTransaction(context.db, async (trx) => {
    const report = await loadVisibleCase(trx, principal, reportId);
    const shot = await findScreenshotOfReport(trx, report.id, screenshotNumber);
    if (!shot) throw caseNotFound();
    await audit(trx, {
      school: principal.school.slug,
      member: principal.member,
      action: 'screenshot.view',
      reportId: report.id,
      detail: `schermafbeelding ${screenshotNumber}`,
      at: now,
    });
    const extension = EXTENSIONS[shot.mime_type as SanitizedScreenshot['mimeType']] ?? 'bin';
    return { mimeType: shot.mime_type, data: shot.data, filename: `schermafbeelding-${report.id}-${screenshotNumber}.${extension}` };
  });
}
