import type { FastifyInstance } from 'fastify';
import { databaseAnswers } from '../../../db/queries/health.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { healthAudience, operatorHealth } from '../../health/operator-health.js';

/**
 * GET /healthz. Everyone: 200 { status: "ok" } while the database answers, 503 { status: "down" }
 * otherwise, and nothing more (a pending-mail count would tell a stranger whether a login request
 * hit a real address, or when reports arrive). The operator's monitor sends
 * `Authorization: Bearer <HEALTH_TOKEN>` and gets every check, with 503 when any fails.
 */
export default async function healthRoutes(app: FastifyInstance, { context }: { context: AppContext }) {
  app.get('/healthz', async (request, reply) => {
    const audience = healthAudience(request.headers.authorization, context.config.healthToken);
    if (audience === 'wrong') throw new AppError('unauthorized', 'Onbekende HEALTH_TOKEN.');
    try {
      await databaseAnswers(context.db);
    } catch (error) {
      request.log.error({ err: error }, 'health check: database unreachable');
      return reply.code(503).send({ status: 'down' });
    }
    if (audience === 'public') return { status: 'ok' };
    const health = await operatorHealth(context);
    if (health.status !== 'ok') request.log.warn({ problems: health.problems }, 'health check: failing');
    return reply.code(health.status === 'ok' ? 200 : 503).send(health);
  });
}
