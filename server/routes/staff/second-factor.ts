import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { parseBody } from '../../http/parse-body.js';
import { STAFF_TOTP_RATE_LIMIT, STAFF_TOTP_RATE_WINDOW_MS } from '../../shared/limits.js';
import { staffOf } from '../../plugins/staff-auth.js';
import {
  beginTotpSetup,
  disableSecondFactor,
  enableSecondFactor,
  secondFactorStatus,
  SessionDropped,
  verifySecondFactor,
} from '../../staff-auth/second-factor.js';
import { TotpCodeBody } from '../../staff-auth/schema.js';
import { sessionCookie } from '../../staff-auth/sessions.js';
import type { StaffStage } from '../../shared/staff-session.js';

const ANY_STAGE: readonly StaffStage[] = ['second-factor', 'totp-setup'];
const SETUP_STAGE: readonly StaffStage[] = ['totp-setup'];
const CODE_STAGE: readonly StaffStage[] = ['second-factor'];

/** The TOTP second factor: status, the code after the login link, and turning it on and off. */
export default async function staffSecondFactorRoutes(app: FastifyInstance, { context }: { context: AppContext }) {
  const cookie = sessionCookie(context.config);
  const rateLimit = {
    max: STAFF_TOTP_RATE_LIMIT,
    timeWindow: STAFF_TOTP_RATE_WINDOW_MS,
    errorResponseBuilder: () => new AppError('rate_limited', 'Te veel pogingen met een code. Wacht een kwartier en probeer het dan opnieuw.'),
  };
  const clearCookie = (reply: FastifyReply) => reply.clearCookie(cookie.name, { path: '/', secure: cookie.secure, sameSite: 'strict' });

  // Every stage may ask where it stands (and get its CSRF token back after a reload).
  app.get('/api/staff/second-factor', { config: { staffStages: ANY_STAGE } }, async (request) =>
    secondFactorStatus(context, staffOf(request)),
  );

  app.post('/api/staff/second-factor/verify', { config: { staffStages: CODE_STAGE, rateLimit } }, async (request, reply) => {
    const { code } = parseBody(TotpCodeBody, request.body);
    try {
      const principal = await verifySecondFactor(context, staffOf(request), code);
      return await secondFactorStatus(context, principal);
    } catch (error) {
      if (error instanceof SessionDropped) clearCookie(reply);
      throw error;
    }
  });

  app.post('/api/staff/second-factor/setup', { config: { staffStages: SETUP_STAGE, rateLimit } }, async (request) =>
    beginTotpSetup(context, staffOf(request)),
  );

  app.post('/api/staff/second-factor/enable', { config: { staffStages: SETUP_STAGE, rateLimit } }, async (request) => {
    const { code } = parseBody(TotpCodeBody, request.body);
    const principal = staffOf(request);
    await enableSecondFactor(context, principal, code);
    return secondFactorStatus(context, { ...principal, stage: 'full' });
  });

  app.post('/api/staff/second-factor/disable', { config: { rateLimit } }, async (request) => {
    const { code } = parseBody(TotpCodeBody, request.body);
    const principal = staffOf(request);
    await disableSecondFactor(context, principal, code);
    return secondFactorStatus(context, principal);
  });
}
