import type { FastifyInstance } from 'fastify';
import { REPORTER_ROUTE_LOG_LEVEL, type AppContext } from '../../context.js';
import { addReporterMessage, readFollowUp } from '../../follow-up/follow-up.js';
import { FollowUpLookupBody, FollowUpMessageBody } from '../../follow-up/follow-up-schema.js';
import { parseBody } from '../../http/parse-body.js';
import { readMultipart } from '../../http/read-multipart.js';
import { withUploadRoom } from '../../screenshots/upload-room.js';
import { FOLLOW_UP_RATE_LIMIT, FOLLOW_UP_RATE_WINDOW_MS } from '../../shared/limits.js';

export default async function followUpRoutes(app: FastifyInstance, { context }: { context: AppContext }) {
  const rateLimit = { max: FOLLOW_UP_RATE_LIMIT, timeWindow: FOLLOW_UP_RATE_WINDOW_MS };

  app.post('/api/followup', { logLevel: REPORTER_ROUTE_LOG_LEVEL, config: { rateLimit } }, async (request) => {
    const { receipt } = parseBody(FollowUpLookupBody, request.body);
    return readFollowUp(context, receipt);
  });

  app.post('/api/followup/messages', { logLevel: REPORTER_ROUTE_LOG_LEVEL, config: { rateLimit } }, async (request, reply) =>
    withUploadRoom(request, async () => {
      const { fields, files } = request.isMultipart()
        ? await readMultipart(request, { fileField: 'screenshots', listFields: [] })
        : { fields: request.body, files: [] };
      const { submission, ...input } = parseBody(FollowUpMessageBody, fields);
      // An answer sent again after its 201 was lost is not stored a second time.
      await context.repeatedSubmissions.once(submission, { route: 'followup-message', fields: input, uploads: files }, async () => {
        await addReporterMessage(context, input, files, request.ip);
        return true;
      });
      return reply.code(201).send({ ok: true });
    }),
  );
}
