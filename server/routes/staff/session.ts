import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../../context.js';
import { parseBody } from '../../http/parse-body.js';
import { staffOf } from '../../plugins/staff-auth.js';
import { LOGIN_REQUESTED_MESSAGE, LOGIN_ROUTE_RATE_LIMIT, requestLoginLink } from '../../staff-auth/login-links.js';
import { RequesterLinkThrottle } from '../../staff-auth/requester-throttle.js';
import { endAllSessions, endSession, sessionCookie, startSession, switchSchool } from '../../staff-auth/sessions.js';
import { canReadAudit, canSeeConfidential, seesWholeSchool, schoolsOfStaff, type StaffPrincipal } from '../../staff-auth/staff-identity.js';
import { LoginRequestBody, RedeemLinkBody, SwitchSchoolBody } from '../../staff-auth/sign-in-schema.js';
import type { MeResponse, PendingLoginResponse } from '../../shared/staff-responses.js';
import { setSessionCookie } from '../../staff-auth/session-cookie.js';

const pendingLogin = (principal: StaffPrincipal): PendingLoginResponse => ({
  stage: principal.stage === 'second-factor' ? 'second-factor' : 'totp-setup',
  csrfToken: principal.csrfToken,
});

export default async function staffSessionRoutes(app: FastifyInstance, { context }: { context: AppContext }) {
  const cookie = sessionCookie(context.config);
  const linkThrottle = new RequesterLinkThrottle();
  const rateLimit = LOGIN_ROUTE_RATE_LIMIT;

  const me = async (principal: StaffPrincipal): Promise<MeResponse> => ({
    kind: principal.kind,
    name: principal.member.name,
    email: principal.member.email,
    roles: principal.member.roles,
    school: { slug: principal.school.slug, name: principal.school.name },
    schools: (principal.kind === 'teacher' ? [principal.school] : await schoolsOfStaff(context.db, principal.member.email)).map((school) => ({ slug: school.slug, name: school.name })),
    csrfToken: principal.csrfToken,
    canReadAudit: canReadAudit(principal.member),
    canSeeConfidential: canSeeConfidential(principal.member),
    wholeSchool: seesWholeSchool(principal.member),
  });

  const clearCookie = (reply: FastifyReply) => reply.clearCookie(cookie.name, { path: '/', secure: cookie.secure, sameSite: 'strict' });

  app.post('/api/staff/login', { config: { staffPublic: true, rateLimit } }, async (request, reply) => {
    const { email } = parseBody(LoginRequestBody, request.body);
    await requestLoginLink(context, email, { address: request.ip, throttle: linkThrottle });
    return reply.code(202).send({ message: LOGIN_REQUESTED_MESSAGE });
  });

  // The link in the mail opens a page; only its button posts here. Mail scanners that fetch every
  // link therefore cannot use up the one-time link.
  app.post('/api/staff/sessions', { config: { staffPublic: true, rateLimit } }, async (request, reply) => {
    const { token, school } = parseBody(RedeemLinkBody, request.body);
    const { sessionToken, principal } = await startSession(context, token, school);
    setSessionCookie(reply, context.config, sessionToken);
    // Not complete yet (TOTP code owed, or TOTP setup required): only the stage and the CSRF token.
    if (principal.stage !== 'full') return reply.code(201).send(pendingLogin(principal));
    return reply.code(201).send(await me(principal));
  });

  const teacherToo = { config: { staffTeacher: true } };

  app.get('/api/staff/me', teacherToo, async (request) => me(staffOf(request)));

  app.post('/api/staff/school', async (request) => {
    const { school } = parseBody(SwitchSchoolBody, request.body);
    return me(await switchSchool(context, staffOf(request), school));
  });

  // Also from a session that owes its second factor: giving up is always possible.
  app.post('/api/staff/logout', { config: { staffStages: ['second-factor', 'totp-setup'], staffTeacher: true } }, async (request, reply) => {
    await endSession(context, staffOf(request));
    clearCookie(reply);
    return { ok: true };
  });

  app.post('/api/staff/logout-everywhere', teacherToo, async (request, reply) => {
    const ended = await endAllSessions(context, staffOf(request));
    clearCookie(reply);
    return { ok: true, ended };
  });
}
