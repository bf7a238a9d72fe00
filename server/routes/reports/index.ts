import type { FastifyInstance } from 'fastify';
import { REPORTER_ROUTE_LOG_LEVEL, type AppContext } from '../../context.js';
import { parseBody } from '../../http/parse-body.js';
import { readMultipart } from '../../http/read-multipart.js';
import { REPORT_RATE_WINDOW_MS } from '../../shared/limits.js';
import { LIST_FIELDS, ReportBody } from '../../reports/report-schema.js';
import type { ReceiptResponse } from '../../shared/reporter-responses.js';
import { submitReport } from '../../reports/submit-report.js';
import { withUploadRoom } from '../../screenshots/upload-room.js';

export default async function reportRoutes(app: FastifyInstance, { context }: { context: AppContext }) {
  app.post(
    '/api/reports',
    {
      // No access-log line: its exact time would pin an anonymous report, which keeps only its day.
      logLevel: REPORTER_ROUTE_LOG_LEVEL,
      config: { rateLimit: { max: context.config.reportRateLimit, timeWindow: REPORT_RATE_WINDOW_MS } },
    },
    async (request, reply) =>
      withUploadRoom(request, async () => {
        const { fields, files } = request.isMultipart()
          ? await readMultipart(request, { fileField: 'screenshots', listFields: LIST_FIELDS })
          : { fields: request.body, files: [] };
        const { submission, ...input } = parseBody(ReportBody, fields);
        // A try sent again after its answer was lost gets the first try's receipt, not a second report.
        const receipt = await context.repeatedSubmissions.once(submission, { route: 'report', fields: input, uploads: files }, async () =>
          (await submitReport(context, input, files, request.ip)).receipt,
        );
        const body: ReceiptResponse = { receipt: receipt.digits, receiptWords: receipt.words };
        return reply.code(201).send(body);
      }),
  );
}
