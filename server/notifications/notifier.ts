// Every mail the portal sends starts here: one method per mail, each rendering it, choosing its
// recipients, queueing one outbox row per recipient in the caller's transaction, and waking the
// mail worker once that transaction has committed (never for a rollback, never before the rows
// exist). The new-report mail alone is rendered here and written by the report's own write
// (newReportMails, mailsWritten). The case link is built here only.
import { enqueueMails } from '../../db/queries/outbox.js';
import { liveReportRecipients } from '../../db/queries/reports.js';
import type { Db } from '../../db/database.js';
import type { NewOutboxMail } from '../../db/schema.js';
import { onCommit } from '../../db/transaction.js';
import type { RenderedMail } from '../../templates/html.js';
import { renderNewReportMail } from '../../templates/new-report.js';
import { renderReporterAnswerMail } from '../../templates/reporter-answer.js';
import { renderReporterNoticeMail } from '../../templates/reporter-notice.js';
import { renderContactTableChangedMail } from '../../templates/contact-table-changed.js';
import { renderSchoolYearMail, type SchoolYearMailData } from '../../templates/school-year.js';
import { renderSecondFactorChangedMail, type SecondFactorChangedMailData } from '../../templates/second-factor-changed.js';
import { renderCaseUpdateMail, renderFollowUpMail, renderReminderMail, renderRetentionWarningMail } from '../../templates/staff-case-mails.js';
import type { AppContext } from '../context.js';
import { ROUTING_TEXT, routingRecipients, type RoutingEvent } from '../cases/routing.js';
import type { Contact, School } from '../schools/schools-file.js';
import type { ContactRole } from '../shared/contact-roles.js';
import { REMINDER_COORDINATOR_SCHOOL_DAYS, REMINDER_DIRECTOR_SCHOOL_DAYS } from '../shared/limits.js';
import { asContact, type StaffMember } from '../staff-auth/staff-identity.js';
import { DEFAULT_LANGUAGE, type Language } from '../shared/languages.js';
import type { MailWorker } from './mail-worker.js';
import { outboxRows, type MailRecipient } from './outbox.js';
import { contactsWithRoles, newReportRecipients } from './recipients.js';

type Recipients = 'default' | 'vertrouwenspersoon';

/** The case page in the staff portal, as a mail links to it. */
export function caseUrl(context: AppContext, reportId: number): string {
  return `${context.config.publicUrl}/staff/reports/${reportId}`;
}

/** The staff portal's start page, for mails that send a person there rather than to a case. */
export function staffPortalUrl(context: AppContext): string {
  return `${context.config.publicUrl}/staff`;
}

/** The board's admin area, where an admin asks for a new login link. */
export function boardPortalUrl(context: AppContext): string {
  return `${context.config.publicUrl}/beheer`;
}

/** The same function for the same worker, so a transaction that queues several mails wakes it once. */
const wakers = new WeakMap<MailWorker, () => void>();

function wakeAfterCommit(context: AppContext, trx: Db): void {
  let wake = wakers.get(context.mailWorker);
  if (!wake) {
    const worker = context.mailWorker;
    wake = () => worker.wake();
    wakers.set(worker, wake);
  }
  onCommit(trx, wake);
}

async function queue(
  context: AppContext,
  trx: Db,
  mail: {
    scope: string;
    purpose: string;
    recipients: readonly MailRecipient[];
    rendered: RenderedMail;
    queuedAt: Date;
    /** Not before this time (default: at once). */
    sendFrom?: Date | undefined;
    /** About a report for the vertrouwenspersoon only (see outboxRows). */
    confidential?: boolean;
  },
): Promise<number> {
  if (mail.recipients.length === 0) return 0;
  // First: outside a transaction that can run commit hooks this refuses before anything is written.
  wakeAfterCommit(context, trx);
  await enqueueMails(trx, outboxRows(mail.scope, mail.purpose, mail.recipients, mail.rendered, mail.queuedAt, mail.sendFrom, mail.confidential));
  return mail.recipients.length;
}

/** What a case-update mail says happened and why its recipient hears of it (the routing steps' own are in cases/routing.ts). */
const CASE_UPDATE_TEXT = {
  'case-assigned': {
    event: 'Een melding is aan jou overgedragen',
    reason: 'Jij bent nu degene die deze melding volgens het anti-pestprotocol afhandelt.',
  },
  'teacher-invited': {
    event: 'Je bent uitgenodigd om mee te werken aan een melding',
    reason:
      'Als leerkracht zet jij stappen van het anti-pestprotocol. Je ziet alleen deze melding. Log in met een inloglink (vul je e-mailadres in) of met je schoolaccount.',
  },
  'case-shared': {
    event: 'De vertrouwenspersoon deelt een melding met het team',
    reason: 'Je bent anti-pestcoördinator: je kunt de melding nu openen en volgen, samen met de vertrouwenspersoon.',
  },
} as const satisfies Record<string, CaseUpdateText>;

interface CaseUpdateText {
  event: string;
  reason: string;
}

/**
 * Every case-update mail: what happened, why, who did it and the link to the case. It carries the
 * case number and staff's words only, never a child's details, whichever case it is about.
 */
async function queueCaseUpdate(
  context: AppContext,
  trx: Db,
  notice: Pick<CaseRoutingNotice, 'school' | 'reportId' | 'actor' | 'now'>,
  purpose: string,
  text: CaseUpdateText,
  recipients: readonly MailRecipient[],
): Promise<void> {
  const rendered = renderCaseUpdateMail({
    schoolName: notice.school.name,
    caseUrl: caseUrl(context, notice.reportId),
    reportId: notice.reportId,
    event: text.event,
    reason: text.reason,
    actorName: notice.actor.name,
  });
  // Its subject names the case: a case for the vertrouwenspersoon only stays out of others' dead letters.
  const confidential = (await liveReportRecipients(trx, notice.reportId)) === 'vertrouwenspersoon';
  await queue(context, trx, { scope: notice.school.slug, purpose, recipients, rendered, queuedAt: notice.now, confidential });
}

export interface NewReportNotice {
  school: School;
  reportId: number;
  recipients: Recipients;
  urgent: boolean;
  kinds: readonly string[];
  /** When it arrived, in Dutch: only the day for an anonymous report. */
  receivedAt: string;
  looksLikePesten: boolean;
  /** What the school sees in the mail when it opted in to full notification mails. */
  content: { description: string; target?: string | undefined; perpetrators?: string | undefined };
  /** The outbox row's time: for an anonymous report only the hour (see queuedAtFor). */
  queuedAt: Date;
  /** The staff member who recorded the report: they know of it already. */
  exceptEmail?: string | undefined;
}

export interface ReporterAnswerNotice {
  school: School;
  reportId: number;
  recipients: Recipients;
  queuedAt: Date;
  /** For an anonymous reporter the next full hour (see sendAnswerMailFrom). */
  sendFrom: Date;
}

export interface CaseRoutingNotice {
  school: School;
  reportId: number;
  event: RoutingEvent;
  actor: StaffMember;
  now: Date;
}

export interface CaseAssignedNotice {
  school: School;
  reportId: number;
  assignee: StaffMember;
  actor: StaffMember;
  now: Date;
}

export type CaseSharedNotice = Omit<CaseAssignedNotice, 'assignee'>;

export interface TeacherInvitedNotice extends CaseSharedNotice {
  teacher: MailRecipient;
}

export interface ReminderNotice {
  school: School;
  reportId: number;
  confidential: boolean;
  /** The directeur's reminder is due too (five school days): one mail covers both. */
  directorDue: boolean;
  now: Date;
}

export interface RetentionWarningNotice {
  school: School;
  reportId: number;
  /** Who handled the case; null or no longer in the table: the role that handles such cases. */
  assigneeEmail: string | null;
  confidential: boolean;
  /** The day the content goes, as staff read it. */
  deleteOn: string;
  now: Date;
}

export type FollowUpNotice = Omit<RetentionWarningNotice, 'deleteOn'>;

/** A case's handler while they are in the table; else whoever handles such cases (the VP for a case for the VP only). */
function handlerOrTeam(notice: Pick<RetentionWarningNotice, 'school' | 'assigneeEmail' | 'confidential'>): Contact[] {
  const handler = notice.assigneeEmail?.toLowerCase();
  const assignee = notice.school.contacts.filter((contact) => contact.email.toLowerCase() === handler).slice(0, 1);
  return assignee.length > 0 ? assignee : contactsWithRoles(notice.school, [notice.confidential ? 'vertrouwenspersoon' : 'anti-pestcoordinator']);
}

export interface ReporterNoticeTo {
  school: School;
  reporter: MailRecipient;
  /** The reporter chose the vertrouwenspersoon only. */
  confidential: boolean;
  /** The language of the reporter's form: the mail is written in it. */
  language: Language;
  now: Date;
}

export interface LoginLinkNotice {
  /** The outbox row's school: the person's school, or the board's scope for an admin. */
  scope: string;
  purpose: 'staff-login' | 'board-login';
  recipient: MailRecipient;
  /** The mail around the link; `loginUrl` carries the token in its fragment. */
  render: (loginUrl: string) => RenderedMail;
  linkPath: string;
  token: string;
  now: Date;
}

export interface SecondFactorChangedNotice {
  /** The school whose session made the change. */
  scope: string;
  owner: StaffMember;
  change: Omit<SecondFactorChangedMailData, 'name' | 'portalUrl'>;
  now: Date;
}

export interface ContactTableChangedNotice {
  school: { slug: string; name: string };
  actorName: string;
  change: string;
  recipients: readonly MailRecipient[];
  now: Date;
}

export interface SchoolYearNotice extends SchoolYearMailData {
  /** The school's slug, or the board's scope for the admins' mail. */
  scope: string;
  recipients: readonly MailRecipient[];
  now: Date;
}

/**
 * The new-report mails (to the anti-pestcoördinators and vertrouwenspersonen, or the VP only) as
 * outbox rows, rendered but not queued: the report's write stores them with the report, on
 * PostgreSQL in the report's one statement outside any transaction (db/queries/reports.ts
 * writeNewReport), so there is no transaction here to wake the worker after. The caller calls
 * mailsWritten once that write has stored them.
 */
export function newReportMails(context: AppContext, notice: NewReportNotice): NewOutboxMail[] {
  const rendered = renderNewReportMail({
    schoolName: notice.school.name,
    urgent: notice.urgent,
    kinds: notice.kinds,
    receivedAt: notice.receivedAt,
    looksLikePesten: notice.looksLikePesten,
    caseUrl: caseUrl(context, notice.reportId),
    content: notice.school.fullNotificationMail ? notice.content : undefined,
  });
  const except = notice.exceptEmail?.toLowerCase();
  const recipients = newReportRecipients(notice.school, notice.recipients).filter((contact) => contact.email.toLowerCase() !== except);
  return outboxRows(notice.school.slug, 'new-report', recipients, rendered, notice.queuedAt, notice.queuedAt, notice.recipients === 'vertrouwenspersoon');
}

/** The rows of newReportMails are stored (committed): the worker sends them now rather than at its next look. */
export function mailsWritten(context: AppContext): void {
  context.mailWorker.wake();
}

export const notify = {
  /** The reporter wrote back: whoever heard of the report hears of the answer (not its content), an anonymous reporter's at the next full hour. */
  async reporterAnswer(context: AppContext, trx: Db, notice: ReporterAnswerNotice): Promise<void> {
    const rendered = renderReporterAnswerMail({ schoolName: notice.school.name, caseUrl: caseUrl(context, notice.reportId) });
    const recipients = newReportRecipients(notice.school, notice.recipients);
    await queue(context, trx, {
      scope: notice.school.slug,
      purpose: 'reporter-answer',
      recipients,
      rendered,
      queuedAt: notice.queuedAt,
      sendFrom: notice.sendFrom,
      confidential: notice.recipients === 'vertrouwenspersoon',
    });
  },

  /** Whom the protocol says must hear of this step (see cases/routing.ts); the actor is left out. */
  async caseRouting(context: AppContext, trx: Db, notice: CaseRoutingNotice): Promise<void> {
    const recipients = routingRecipients(notice.school, notice.event, notice.actor.email);
    await queueCaseUpdate(context, trx, notice, `case-${notice.event}`, ROUTING_TEXT[notice.event], recipients);
  },

  /** The colleague a case is handed to; nobody is mailed about taking a case themselves. */
  async caseAssigned(context: AppContext, trx: Db, notice: CaseAssignedNotice): Promise<void> {
    if (notice.assignee.email === notice.actor.email) return;
    await queueCaseUpdate(context, trx, notice, 'case-assigned', CASE_UPDATE_TEXT['case-assigned'], [asContact(notice.assignee)]);
  },

  /** A class teacher invited to one case: a link to it (they sign in the usual ways), nothing of the children. */
  async teacherInvited(context: AppContext, trx: Db, notice: TeacherInvitedNotice): Promise<void> {
    await queueCaseUpdate(context, trx, notice, 'teacher-invited', CASE_UPDATE_TEXT['teacher-invited'], [notice.teacher]);
  },

  /**
   * The vertrouwenspersoon opened a case meant for them alone to the team: the anti-pestcoördinators
   * hear of it as of a new report, and can open it from now on.
   */
  async caseShared(context: AppContext, trx: Db, notice: CaseSharedNotice): Promise<void> {
    const recipients = newReportRecipients(notice.school, 'default').filter(
      (contact) => contact.email.toLowerCase() !== notice.actor.email.toLowerCase(),
    );
    await queueCaseUpdate(context, trx, notice, 'case-shared', CASE_UPDATE_TEXT['case-shared'], recipients);
  },

  /**
   * A report nobody opened: the anti-pestcoördinators, with the directeur too when that reminder is
   * due. A report for the vertrouwenspersoon only reminds only them: nobody else may open it.
   */
  async reminder(context: AppContext, trx: Db, notice: ReminderNotice): Promise<void> {
    const roles: ContactRole[] = notice.confidential
      ? ['vertrouwenspersoon']
      : notice.directorDue
        ? ['anti-pestcoordinator', 'directeur']
        : ['anti-pestcoordinator'];
    const rendered = renderReminderMail({
      schoolName: notice.school.name,
      caseUrl: caseUrl(context, notice.reportId),
      reportId: notice.reportId,
      schoolDays: notice.directorDue ? REMINDER_DIRECTOR_SCHOOL_DAYS : REMINDER_COORDINATOR_SCHOOL_DAYS,
    });
    const purpose = notice.directorDue ? 'reminder-director' : 'reminder-coordinator';
    const recipients = contactsWithRoles(notice.school, roles);
    await queue(context, trx, { scope: notice.school.slug, purpose, recipients, rendered, queuedAt: notice.now, confidential: notice.confidential });
  },

  /**
   * A closed case's content is deleted in a week: its handler hears it, with no child's details.
   * A handler who left the table is replaced by whoever handles such cases (the VP for VP-only).
   */
  async retentionWarning(context: AppContext, trx: Db, notice: RetentionWarningNotice): Promise<void> {
    const recipients = handlerOrTeam(notice);
    const rendered = renderRetentionWarningMail({
      schoolName: notice.school.name,
      caseUrl: caseUrl(context, notice.reportId),
      reportId: notice.reportId,
      deleteOn: notice.deleteOn,
    });
    await queue(context, trx, { scope: notice.school.slug, purpose: 'retention-warning', recipients, rendered, queuedAt: notice.now, confidential: notice.confidential });
  },

  /** The day staff chose to look back at an open case has come: its handler hears it (as a retention warning goes), with no child's details. */
  async followUp(context: AppContext, trx: Db, notice: FollowUpNotice): Promise<void> {
    const rendered = renderFollowUpMail({ schoolName: notice.school.name, caseUrl: caseUrl(context, notice.reportId), reportId: notice.reportId });
    const recipients = handlerOrTeam(notice);
    await queue(context, trx, { scope: notice.school.slug, purpose: 'follow-up', recipients, rendered, queuedAt: notice.now, confidential: notice.confidential });
  },

  /** A named reporter who asked for it hears that there is an answer, and nothing of what it says. */
  async reporterNotice(context: AppContext, trx: Db, notice: ReporterNoticeTo): Promise<void> {
    const rendered = renderReporterNoticeMail({
      schoolName: notice.school.name,
      // The page opens in the reporter's language; Dutch is its default.
      followUpUrl: `${context.config.publicUrl}/volgen${notice.language === DEFAULT_LANGUAGE ? '' : `?lang=${notice.language}`}`,
      language: notice.language,
    });
    await queue(context, trx, {
      scope: notice.school.slug,
      purpose: 'reporter-notice',
      recipients: [notice.reporter],
      rendered,
      queuedAt: notice.now,
      confidential: notice.confidential,
    });
  },

  /** The owner of a login hears of every change to its second factor, whoever made it. */
  async secondFactorChanged(context: AppContext, trx: Db, notice: SecondFactorChangedNotice): Promise<void> {
    const rendered = renderSecondFactorChangedMail({ ...notice.change, name: notice.owner.name, portalUrl: staffPortalUrl(context) });
    const recipients = [asContact(notice.owner)];
    await queue(context, trx, { scope: notice.scope, purpose: 'staff-second-factor', recipients, rendered, queuedAt: notice.now });
  },

  /** The school hears when the board gives someone access to its cases (colleagues' names and addresses only). */
  async contactTableChanged(context: AppContext, trx: Db, notice: ContactTableChangedNotice): Promise<void> {
    const rendered = renderContactTableChangedMail({
      schoolName: notice.school.name,
      actorName: notice.actorName,
      change: notice.change,
      portalUrl: staffPortalUrl(context),
    });
    await queue(context, trx, { scope: notice.school.slug, purpose: 'contact-table-changed', recipients: notice.recipients, rendered, queuedAt: notice.now });
  },

  /** In July: confirm or change next school year's contact table (school names and a link only). */
  async schoolYear(context: AppContext, trx: Db, notice: SchoolYearNotice): Promise<number> {
    const { scope, recipients, now, ...data } = notice;
    return queue(context, trx, { scope, purpose: 'school-year', recipients, rendered: renderSchoolYearMail(data), queuedAt: now });
  },

  /** A one-time login link, to the staff portal or the board's admin area. */
  async loginLink(context: AppContext, trx: Db, notice: LoginLinkNotice): Promise<void> {
    const rendered = notice.render(`${context.config.publicUrl}${notice.linkPath}#${notice.token}`);
    await queue(context, trx, { scope: notice.scope, purpose: notice.purpose, recipients: [notice.recipient], rendered, queuedAt: notice.now });
  },
};
