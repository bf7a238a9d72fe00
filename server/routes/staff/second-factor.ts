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
  listColleagueSecondFactors,
  resetColleagueSecondFactor,
  secondFactorStatus,
  SessionDropped,
  verifySecondFactor,
} from '../../staff-auth/second-factor.js';
import { ColleagueBody, SecondFactorCodeBody, TotpCodeBody } from '../../staff-auth/schema.js';
import { sessionCookie } from '../../staff-auth/sessions.js';
import type { StaffStage } from '../../shared/staff-session.js';

const ANY_STAGE: readonly StaffStage[] = ['second-factor', 'totp-setup'];
const SETUP_STAGE: readonly StaffStage[] = ['totp-setup'];
const CODE_STAGE: readonly StaffStage[] = ['second-factor'];

/** The TOTP second factor: status, the code after the login link, turning it on and off, the directeur's reset. */
export default async function staffSecondFactorRoutes(app: FastifyInstance, { context }: { context: AppContext }) {
  const cookie = sessionCookie(context.config);
  const rateLimit = {
    max: STAFF_TOTP_RATE_LIMIT,
    timeWindow: STAFF_TOTP_RATE_WINDOW_MS,
    errorResponseBuilder: () => new AppError('rate_limited', 'Te veel pogingen met een code. Wacht een kwartier en probeer het dan opnieuw.'),
  };
  /** Runs a code check; when too many wrong codes ended the session, the cookie goes too. */
  async function clearingCookieOnDrop<T>(reply: FastifyReply, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      if (error instanceof SessionDropped) reply.clearCookie(cookie.name, { path: '/', secure: cookie.secure, sameSite: 'strict' });
      throw error;
    }
  }

  // Every stage may ask where it stands (and get its CSRF token back after a reload).
  app.get('/api/staff/second-factor', { config: { staffStages: ANY_STAGE, staffTeacher: true } }, async (request) =>
    secondFactorStatus(context, staffOf(request)),
  );

  app.post('/api/staff/second-factor/verify', { config: { staffStages: CODE_STAGE, rateLimit, staffTeacher: true } }, async (request, reply) => {
    const { code } = parseBody(SecondFactorCodeBody, request.body);
    const principal = await clearingCookieOnDrop(reply, () => verifySecondFactor(context, staffOf(request), code));
    return secondFactorStatus(context, principal);
  });

  app.post('/api/staff/second-factor/setup', { config: { staffStages: SETUP_STAGE, rateLimit, staffTeacher: true } }, async (request) =>
    beginTotpSetup(context, staffOf(request)),
  );

  app.post('/api/staff/second-factor/enable', { config: { staffStages: SETUP_STAGE, rateLimit, staffTeacher: true } }, async (request, reply) => {
    const { code } = parseBody(TotpCodeBody, request.body);
    const principal = staffOf(request);
    const recoveryCodes = await clearingCookieOnDrop(reply, () => enableSecondFactor(context, principal, code));
    return { ...(await secondFactorStatus(context, { ...principal, stage: 'full' })), recoveryCodes };
  });

  app.post('/api/staff/second-factor/disable', { config: { rateLimit, staffTeacher: true } }, async (request, reply) => {
    const { code } = parseBody(SecondFactorCodeBody, request.body);
    const principal = staffOf(request);
    await clearingCookieOnDrop(reply, () => disableSecondFactor(context, principal, code));
    return secondFactorStatus(context, principal);
  });

  app.get('/api/staff/colleagues/second-factor', async (request) => listColleagueSecondFactors(context, staffOf(request)));

  app.post('/api/staff/colleagues/second-factor/reset', async (request) => {
    const { email } = parseBody(ColleagueBody, request.body);
    await resetColleagueSecondFactor(context, staffOf(request), email);
    return listColleagueSecondFactors(context, staffOf(request));
  });
}
