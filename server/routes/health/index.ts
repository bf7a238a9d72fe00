import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { outboxHealth } from '../../../db/queries/outbox.js';
import type { AppContext } from '../../context.js';
import { MAIL_OVERDUE_MS } from '../../notifications/mail-worker.js';

export default async function healthRoutes(app: FastifyInstance, { context }: { context: AppContext }) {
  app.get('/healthz', async (request, reply) => {
    try {
      await sql`SELECT 1`.execute(context.db);
      const overdueBefore = new Date(context.now().getTime() - MAIL_OVERDUE_MS).toISOString();
      const mail = await outboxHealth(context.db, overdueBefore);
      const warnings = mail.overdue > 0 ? [`${mail.overdue} mail(s) not sent for more than 24 hours`] : [];
      return { status: warnings.length > 0 ? 'warning' : 'ok', database: 'ok', mail, warnings };
    } catch (error) {
      request.log.error({ err: error }, 'health check: database unreachable');
      return reply.code(503).send({ status: 'error', database: 'unreachable' });
    }
  });
}

