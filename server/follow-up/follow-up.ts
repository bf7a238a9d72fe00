import { insertMessage, listMessagesOfReport } from '../../db/queries/messages.js';
import { findReportByReceiptHash, liveReportRecipients, recordReporterActivity } from '../../db/queries/reports.js';
import { insertScreenshots } from '../../db/queries/screenshots.js';
import type { Report } from '../../db/schema.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { messageKey } from '../shared/server-messages.js';
import { runTransaction } from '../../db/transaction.js';
import { offThreadHandle } from '../../db/worker-writes.js';
import { notify } from '../notifications/notifier.js';
import { normalizeReceiptCode } from '../receipts/receipt-code.js';
import { queuedAtFor, receivedAtFor, sendAnswerMailFrom } from '../reports/received-at.js';
import { resolveSchool } from '../reports/submit-report.js';
import { sanitizeScreenshots } from '../screenshots/sanitize-screenshot.js';
import { uploadedBytes } from '../screenshots/upload-guard.js';
import { screenshotRows } from '../screenshots/screenshot-rows.js';
import type { FollowUpMessageInput } from './follow-up-schema.js';
import type { ReporterStatus } from '../shared/protocol.js';
import type { FollowUpResponse } from '../shared/reporter-responses.js';

// Every code that does not open a live case gets this same answer: a mistyped code, an invented
// one and a deleted case must look alike to whoever tries them.
const UNKNOWN_CODE_MESSAGE = messageKey('followUp.unknownCode');
// The hash of a string that is never a valid code keeps the work per request the same for bad input.
const NOT_A_CODE = 'not-a-receipt-code';

function unknownCode(): AppError {
  return new AppError('not_found', UNKNOWN_CODE_MESSAGE, { receipt: UNKNOWN_CODE_MESSAGE });
}

async function findLiveReport(context: AppContext, receipt: string): Promise<Report> {
  const hash = context.keyedHash(normalizeReceiptCode(receipt) ?? NOT_A_CODE);
  const report = await findReportByReceiptHash(context.db, hash);
  if (!report || report.purged_at !== null) throw unknownCode();
  return report;
}

export async function readFollowUp(context: AppContext, receipt: string): Promise<FollowUpResponse> {
  const report = await findLiveReport(context, receipt);
  const messages = await listMessagesOfReport(context.db, report.id);
  return {
    status: report.reporter_status as ReporterStatus,
    messages: messages.map((message) => ({ from: message.author, text: message.text, at: message.created_at })),
  };
}

/** A reporter's answer: stored with its screenshots, and staff are told (without its content). */
export async function addReporterMessage(
  context: AppContext,
  input: FollowUpMessageInput,
  uploads: readonly Buffer[],
  uploader: string,
): Promise<void> {
  const report = await findLiveReport(context, input.receipt);
  if (input.text === '' && uploads.length === 0) {
    throw new AppError('invalid_input', messageKey('followUp.empty'), { text: messageKey('followUp.emptyField') });
  }
  const school = await resolveSchool(context, report.school);
  await context.uploadGuard.admit({ address: uploader, school: school.slug, bytes: uploadedBytes(uploads) });
  const screenshots = await sanitizeScreenshots(uploads);
  const now = context.now();
  const at = receivedAtFor(now, report.anonymous === 1);
  // Screenshots (megabytes) are written by the worker thread's connection, off the event loop.
  await runTransaction(screenshots.length > 0 ? offThreadHandle(context.db) : context.db, async (trx) => {
    // Read again in the transaction: retention may have deleted the case (and its key) since it was
    // found, and then it is a deleted code; the vertrouwenspersoon may have shared it with the team,
    // who then hear of the answer too.
    const recipients = await liveReportRecipients(trx, report.id);
    if (recipients === undefined) throw unknownCode();
    const messageId = await insertMessage(trx, {
      report_id: report.id,
      author: 'reporter',
      staff_email: null,
      text: input.text,
      created_at: at,
    });
    await insertScreenshots(trx, screenshotRows(report.id, screenshots, messageId));
    await recordReporterActivity(trx, report.id, at);
    await notify.reporterAnswer(context, trx, {
      school,
      reportId: report.id,
      recipients: recipients === 'vertrouwenspersoon' ? 'vertrouwenspersoon' : 'default',
      queuedAt: queuedAtFor(now, report.anonymous === 1),
      sendFrom: sendAnswerMailFrom(now, report.anonymous === 1),
    });
  });
}
