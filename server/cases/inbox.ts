import { listAuditEntries } from '../../db/queries/audit.js';
import { countUnopenedReports, listInboxReports } from '../../db/queries/reports.js';
import { listLinkedReports } from '../../db/queries/linked-cases.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { STAFF_AUDIT_PAGE_SIZE, STAFF_INBOX_PAGE_SIZE } from '../shared/limits.js';
import { reportFacts } from './report-view.js';
import { localDay } from '../schools/school-days.js';
import { canReadAudit, canSeeConfidential, isAandachtsfunctionaris, seesEveryMeldcode, seesWholeSchool, staffMembersOf, type StaffPrincipal } from '../staff-auth/staff-identity.js';
import type { AuditResponse, InboxResponse } from '../shared/staff-responses.js';
import type { InboxQuery } from './schema/inbox.js';

/** The school's reports this person may see, urgent ones first, newest first, one keyset page at a time. */
export async function listInbox(context: AppContext, principal: StaffPrincipal, query: InboxQuery): Promise<InboxResponse> {
  const visibility = {
    school: principal.school.slug,
    includeConfidential: canSeeConfidential(principal.member),
    wholeSchool: seesWholeSchool(principal.member),
    includeMeldcode: isAandachtsfunctionaris(principal.member),
  };
  const limit = query.limit ?? STAFF_INBOX_PAGE_SIZE;
  // One row more than the page tells whether a next page exists without counting them all.
  const filters = { ...query, followUpDueBy: query.followUp === 'due' ? localDay(context.now()) : undefined };
  const rows = await listInboxReports(context.db, visibility, filters, { after: query.before, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const staff = staffMembersOf(principal.school);
  const linked = await listLinkedReports(context.db, page.map((row) => row.id));
  const linkedTo = (id: number) => linked.filter((row) => row.case_of === id);
  return {
    reports: page.map((row) => ({
      id: row.id,
      ...reportFacts(row),
      receivedAt: row.received_at,
      indication: row.indication,
      staffIndication: row.staff_indication,
      step: row.case_step,
      status: row.status,
      followUpOn: row.follow_up_on,
      unread: row.opened_at === null,
      newAnswer: row.reporter_answer_unseen === 1 || linkedTo(row.id).some((other) => other.reporter_answer_unseen === 1),
      reporterRole: row.role,
      assignee: row.assignee_email ? (staff.find((member) => member.email === row.assignee_email)?.name ?? row.assignee_email) : null,
      screenshots: Number(row.screenshot_count ?? 0),
      linkedReports: linkedTo(row.id).map((other) => other.id),
    })),
    next: rows.length > limit && page.length > 0 ? inboxCursor(page.at(-1)!) : null,
    unreadCount: await countUnopenedReports(context.db, visibility),
  };
}

/** The `next` of a page: where it ended, as `<urgent 0|1>-<day>-<case number>`. */
function inboxCursor(row: { urgent: number; received_day: string; id: number }): string {
  return `${row.urgent}-${row.received_day}-${row.id}`;
}

/** The audit log of the school, for the directeur only. */
export async function readAuditLog(context: AppContext, principal: StaffPrincipal, offset = 0): Promise<AuditResponse> {
  if (!canReadAudit(principal.member)) {
    throw new AppError('forbidden', 'Alleen de directeur kan het logboek inzien.');
  }
  const rows = await listAuditEntries(context.db, principal.school.slug, {
    offset,
    limit: STAFF_AUDIT_PAGE_SIZE + 1,
    includeConfidential: canSeeConfidential(principal.member),
    meldcode: { all: seesEveryMeldcode(principal.member), handler: principal.member.email },
  });
  const page = rows.slice(0, STAFF_AUDIT_PAGE_SIZE);
  return {
    // No entry ids: their gaps would count the entries left out.
    entries: page.map((row) => ({
      reportId: row.report_id,
      by: row.staff_name,
      email: row.staff_email,
      action: row.action,
      detail: row.detail,
      at: row.at,
    })),
    next: rows.length > STAFF_AUDIT_PAGE_SIZE ? offset + page.length : null,
  };
}
