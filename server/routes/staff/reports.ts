import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { parseBody } from '../../http/parse-body.js';
import { staffOf } from '../../plugins/staff-auth.js';
import {
  addNote,
  assignCase,
  closeCase,
  messageReporter,
  recordStep,
  reopenCase,
  setChecklistItem,
  setIndication,
  setReporterStatus,
  shareWithTeam,
} from '../../cases/case-actions.js';
import { openCase, readScreenshot } from '../../cases/case-file.js';
import { listInbox, readAuditLog } from '../../cases/inbox.js';
import { readStatistics } from '../../cases/statistics.js';
import { AuditQuery, InboxQuery, ReportParams, ScreenshotParams } from '../../cases/schema/inbox.js';
import { ChecklistBody, CloseBody, FollowUpBody, IndicationBody, StepBody } from '../../cases/schema/protocol-steps.js';
import { setFollowUp } from '../../cases/follow-up.js';
import { MessageBody, ReporterStatusBody } from '../../cases/schema/reporter.js';
import { AssigneeBody, NoteBody } from '../../cases/schema/colleagues.js';
import { StatisticsQuery } from '../../cases/schema/statistics.js';
import { LinkBody } from '../../cases/schema/linked-cases.js';
import { linkReport, unlinkReport } from '../../cases/linked-cases.js';
import { markForMeldcode, recordMeldcodeEntry } from '../../cases/meldcode.js';
import { MeldcodeEntryBody } from '../../cases/schema/meldcode.js';
import { recordReport } from '../../reports/record-report.js';
import { RecordedReportBody } from '../../reports/recorded-report-schema.js';
import { exportRegister } from '../../register/register-export.js';

/**
 * Thin handlers: parse, call the case functions in server/cases, answer. A change answers with the
 * case as it now is, which the case function returns (see changeCase).
 */
export default async function staffReportRoutes(app: FastifyInstance, { context }: { context: AppContext }) {
  // Opened to an invited class teacher too; the case functions decide which case and what they see.
  const teacherToo = { config: { staffTeacher: true } };

  app.get('/api/staff/reports', async (request) => listInbox(context, staffOf(request), parseBody(InboxQuery, request.query)));

  // A report that came in person, by phone, by letter or from the staff member's own observation;
  // a class teacher records too (the pupil is told to go to them) and is invited to it.
  app.post('/api/staff/reports', teacherToo, async (request, reply) =>
    reply.code(201).send(await recordReport(context, staffOf(request), parseBody(RecordedReportBody, request.body))),
  );

  app.get('/api/staff/reports/:id', teacherToo, async (request) => {
    const { id } = parseBody(ReportParams, request.params);
    return openCase(context, staffOf(request), id);
  });

  app.get('/api/staff/reports/:id/screenshots/:screenshotId', async (request, reply) => {
    const { id, screenshotId } = parseBody(ScreenshotParams, request.params);
    const shot = await readScreenshot(context, staffOf(request), id, screenshotId);
    // A screenshot is shown as an image and never run: no sniffing, no scripts, no caching.
    return reply
      .header('content-type', shot.mimeType)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('content-disposition', `inline; filename="${shot.filename}"`)
      .send(shot.data);
  });

  app.post('/api/staff/reports/:id/indication', async (request) => {
    const { id } = parseBody(ReportParams, request.params);
    return setIndication(context, staffOf(request), id, parseBody(IndicationBody, request.body));
  });

  app.post('/api/staff/reports/:id/steps', teacherToo, async (request, reply) => {
    const { id } = parseBody(ReportParams, request.params);
    return reply.code(201).send(await recordStep(context, staffOf(request), id, parseBody(StepBody, request.body)));
  });

  app.post('/api/staff/reports/:id/close', async (request) => {
    const { id } = parseBody(ReportParams, request.params);
    return closeCase(context, staffOf(request), id, parseBody(CloseBody, request.body));
  });

  app.post('/api/staff/reports/:id/reopen', async (request) => {
    const { id } = parseBody(ReportParams, request.params);
    return reopenCase(context, staffOf(request), id);
  });

  app.put('/api/staff/reports/:id/checklist', teacherToo, async (request) => {
    const { id } = parseBody(ReportParams, request.params);
    return setChecklistItem(context, staffOf(request), id, parseBody(ChecklistBody, request.body));
  });

  // The day to look back at the case; an invited teacher, who has the talks, sets it too.
  app.put('/api/staff/reports/:id/follow-up', teacherToo, async (request) => {
    const { id } = parseBody(ReportParams, request.params);
    return setFollowUp(context, staffOf(request), id, parseBody(FollowUpBody, request.body));
  });

  app.post('/api/staff/reports/:id/notes', teacherToo, async (request, reply) => {
    const { id } = parseBody(ReportParams, request.params);
    return reply.code(201).send(await addNote(context, staffOf(request), id, parseBody(NoteBody, request.body).text));
  });

  app.post('/api/staff/reports/:id/messages', async (request, reply) => {
    const { id } = parseBody(ReportParams, request.params);
    return reply.code(201).send(await messageReporter(context, staffOf(request), id, parseBody(MessageBody, request.body).text));
  });

  app.put('/api/staff/reports/:id/reporter-status', async (request) => {
    const { id } = parseBody(ReportParams, request.params);
    return setReporterStatus(context, staffOf(request), id, parseBody(ReporterStatusBody, request.body).status);
  });

  app.put('/api/staff/reports/:id/assignee', async (request) => {
    const { id } = parseBody(ReportParams, request.params);
    return assignCase(context, staffOf(request), id, parseBody(AssigneeBody, request.body).email);
  });

  app.post('/api/staff/reports/:id/share', async (request) => {
    const { id } = parseBody(ReportParams, request.params);
    return shareWithTeam(context, staffOf(request), id);
  });

  // Related reports as one case; see server/cases/linked-cases.ts.
  app.post('/api/staff/reports/:id/links', async (request) => {
    const { id } = parseBody(ReportParams, request.params);
    return linkReport(context, staffOf(request), id, parseBody(LinkBody, request.body).reportId);
  });

  app.post('/api/staff/reports/:id/unlink', async (request) => {
    const { id } = parseBody(ReportParams, request.params);
    return unlinkReport(context, staffOf(request), id);
  });

  // The Meldcode huiselijk geweld en kindermishandeling; see server/cases/meldcode.ts.
  app.post('/api/staff/reports/:id/meldcode', async (request) => {
    const { id } = parseBody(ReportParams, request.params);
    return markForMeldcode(context, staffOf(request), id);
  });

  app.post('/api/staff/reports/:id/meldcode/entries', async (request, reply) => {
    const { id } = parseBody(ReportParams, request.params);
    return reply.code(201).send(await recordMeldcodeEntry(context, staffOf(request), id, parseBody(MeldcodeEntryBody, request.body)));
  });

  app.get('/api/staff/audit', async (request) => {
    const { offset } = parseBody(AuditQuery, request.query);
    return readAuditLog(context, staffOf(request), offset);
  });

  // Numbers of the whole school for everyone of the school; see server/cases/statistics.ts.
  app.get('/api/staff/statistics', async (request) => readStatistics(context, staffOf(request), parseBody(StatisticsQuery, request.query)));

  // The register for the MR and the Inspectie, for the directeur; see server/register/register-export.ts.
  app.get('/api/staff/register.csv', async (request, reply) => {
    const { csv, filename } = await exportRegister(context, staffOf(request), parseBody(StatisticsQuery, request.query));
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(csv);
  });
}
