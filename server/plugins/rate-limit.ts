import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import { AppError } from '../errors.js';
import { messageKey } from '../shared/server-messages.js';

// Counters live in this process's memory only: a reporter's address is never written anywhere.
// Routes opt in with their own limits in `config.rateLimit`.
export default fp(
  async (app) => {
    await app.register(rateLimit, {
      global: false,
      errorResponseBuilder: () =>
        new AppError('rate_limited', messageKey('report.busy')),
    });
  },
  { name: 'rate-limit' },
);
