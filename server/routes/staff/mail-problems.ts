import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { parseBody } from '../../http/parse-body.js';
import { dismissMailProblem, MailProblemParams, readMailProblems } from '../../notifications/dead-letters.js';
import { staffOf } from '../../plugins/staff-auth.js';

/** Dead letters of the session's school, for its directeur (server/notifications/dead-letters.ts). */
export default async function staffMailProblemRoutes(app: FastifyInstance, { context }: { context: AppContext }) {
  app.get('/api/staff/mail-problems', async (request) => readMailProblems(context, staffOf(request)));

  app.delete('/api/staff/mail-problems/:id', async (request) => {
    const { id } = parseBody(MailProblemParams, request.params);
    await dismissMailProblem(context, staffOf(request), id);
    return { ok: true };
  });
}
