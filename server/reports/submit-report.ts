import { SCHOOL_CHANGED, writeNewReport } from '../../db/queries/reports.js';
import { insertScreenshots } from '../../db/queries/screenshots.js';
import type { Db } from '../../db/database.js';
import type { AppContext } from '../context.js';
import type { ReportSource, Signal } from '../shared/report-options.js';
import { findDefaultSchool, findSchool, findSchoolAfterChange, findSchoolForReport, type DirectorySchool } from '../schools/school-directory.js';
import { AppError } from '../errors.js';
import { messageKey } from '../shared/server-messages.js';
import { MAX_SCHOOL_CHANGE_RETRIES } from '../shared/limits.js';
import { mailsWritten, newReportMails } from '../notifications/notifier.js';
import { generateReceiptCode, normalizeReceiptCode, type ReceiptCode } from '../receipts/receipt-code.js';
import { sanitizeScreenshots, type SanitizedScreenshot } from '../screenshots/sanitize-screenshot.js';
import { uploadedBytes } from '../screenshots/upload-guard.js';
import { screenshotRows } from '../screenshots/screenshot-rows.js';
import { computeIndication } from './indication.js';
import type { ReportInput } from './report-schema.js';
import { formatReceivedAt, queuedAtFor, receivedAtFor } from './received-at.js';

/** The school a report goes to, with its contact table as it is at this moment. */
export async function resolveSchool(context: AppContext, slug: string | undefined): Promise<DirectorySchool> {
  return knownSchool(slug === undefined ? await findDefaultSchool(context.db) : await findSchool(context.db, slug));
}

function knownSchool(school: DirectorySchool | undefined): DirectorySchool {
  if (!school) {
    throw new AppError('unknown_school', messageKey('report.unknownSchool'), { school: messageKey('report.unknownSchoolField') });
  }
  return school;
}

/** How a report came in: through the form, or recorded by a staff member (who is then not mailed). */
export interface ReportOrigin {
  source: ReportSource;
  signals: readonly Signal[];
  /** The staff member who recorded it: left out of the new-report mail. */
  recorderEmail?: string;
  /** More writes in the report's own transaction (the recorder's audit line and opening). */
  alsoInTransaction?: (trx: Db, reportId: number) => Promise<void>;
}

/**
 * Stores a report with its screenshots and its notification mails in one transaction, and returns
 * the receipt code: the only time it exists in plain text.
 */
export async function submitReport(
  context: AppContext,
  input: ReportInput,
  uploads: readonly Buffer[],
  uploader: string,
): Promise<{ receipt: ReceiptCode; reportId: number }> {
  // Possibly as this server read it before: storeReport's write checks the school's revision.
  const school = knownSchool(await findSchoolForReport(context.db, input.school));
  await context.uploadGuard.admit({ address: uploader, school: school.slug, bytes: uploadedBytes(uploads) });
  const screenshots = await sanitizeScreenshots(uploads);
  return storeReport(context, school, input, screenshots, { source: 'form', signals: [] });
}

/** The one way a report is written, whichever way it came in (see submitReport and recordReport). */
export async function storeReport(
  context: AppContext,
  school: DirectorySchool,
  input: ReportInput,
  screenshots: readonly SanitizedScreenshot[],
  origin: ReportOrigin,
): Promise<{ receipt: ReceiptCode; reportId: number }> {
  const now = context.now();
  const identity = input.anonymous
    ? { reporter_name: null, reporter_group: null, reporter_email: null }
    : {
        reporter_name: input.name ?? null,
        reporter_group: input.group ?? null,
        reporter_email: input.email ?? null,
        notify_on_answer: input.notifyOnAnswer && input.email ? 1 : 0,
      };
  const indication = computeIndication(input);
  // Either answer makes the report urgent for the school; which one is kept apart for the case view.
  const urgent = input.urgent || input.afraidOfSchool === true;
  const receipt = generateReceiptCode();
  const receiptHash = context.keyedHash(normalizeReceiptCode(receipt.digits) as string);

  const row = {
    school: school.slug,
    receipt_hash: receiptHash,
    role: input.role,
    anonymous: input.anonymous ? 1 : 0,
    ...identity,
    description: input.description,
    kinds: JSON.stringify(input.kinds),
    places: JSON.stringify(input.places),
    platforms: JSON.stringify(input.platforms),
    frequency: input.frequency ?? null,
    since: input.since ?? null,
    equal: toFlag(input.equal),
    same_target: toFlag(input.sameTarget),
    hurtful: toFlag(input.hurtful),
    target: input.target ?? null,
    perpetrators: input.perpetrators ?? null,
    recipients: input.recipients,
    language: input.language,
    urgent: urgent ? 1 : 0,
    in_danger: input.urgent ? 1 : 0,
    afraid_of_school: toFlag(input.afraidOfSchool),
    indication,
    received_at: receivedAtFor(now, input.anonymous),
    source: origin.source,
    signals: JSON.stringify(origin.signals),
  };
  // Screenshots and a recorder's lines are written in the report's transaction; a report without them
  // is one statement on PostgreSQL (db/queries/reports.ts writeNewReport). One with screenshots
  // (megabytes) is written alone on SQLite, so it never holds up the short ones (db/group-commit.ts).
  const then =
    screenshots.length > 0 || origin.alsoInTransaction
      ? async (trx: Db, id: number) => {
          await insertScreenshots(trx, screenshotRows(id, screenshots));
          await origin.alsoInTransaction?.(trx, id);
        }
      : undefined;
  for (let addressed = school, retries = 0; ; retries += 1) {
    const mails = (reportId: number) =>
      newReportMails(context, {
        school: addressed,
        reportId,
        recipients: input.recipients,
        urgent,
        kinds: input.kinds,
        receivedAt: formatReceivedAt(now, input.anonymous),
        looksLikePesten: indication === 'pesten',
        content: { description: input.description, target: input.target, perpetrators: input.perpetrators },
        queuedAt: queuedAtFor(now, input.anonymous),
        exceptEmail: origin.recorderEmail,
      });
    const written = await writeNewReport(context.db, { row, schoolRevision: addressed.revision, mails }, { then, alone: screenshots.length > 0 });
    if (written !== SCHOOL_CHANGED) {
      // Every report mails someone (a table keeps an anti-pestcoördinator and a vertrouwenspersoon),
      // but a recorder may be the only one: then nothing was queued and nobody is woken.
      if (written.mailsQueued > 0) mailsWritten(context);
      return { receipt, reportId: written.id };
    }
    // The table changed since this server read it (another server, a board admin): nothing was
    // written, and the report goes to the table as it is now. A school is never removed or renamed.
    // A table that keeps changing gets the answer of a database that cannot store now: nothing is
    // stored, the reporter keeps what they wrote and is asked to try again in a minute (Retry-After).
    if (retries === MAX_SCHOOL_CHANGE_RETRIES) throw new AppError('storage_unavailable', messageKey('codes.storage_unavailable'));
    addressed = knownSchool(await findSchoolAfterChange(context.db, school.slug));
  }
}

function toFlag(value: boolean | undefined): number | null {
  return value === undefined ? null : value ? 1 : 0;
}
