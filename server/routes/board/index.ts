import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { adminCookie, endAdminSession, requestAdminLoginLink, startAdminSession, type BoardAdminPrincipal } from '../../board/admin-sessions.js';
import { ContactChangeBody, NewContactBody, RowIdParam, DayOffBody, EndContactBody, LoginRequestBody, NewSchoolBody, RedeemLinkBody, SchoolChangeBody, type BoardMeResponse } from '../../board/board-schema.js';
import { addContact, addSchool, boardSchool, changeContact, changeSchool, confirmSchoolTable, endSchoolContact, listBoardSchools } from '../../board/school-admin.js';
import { addDayOff, adminEditor, removeDayOff } from '../../board/days-off.js';
import { boardFigures } from '../../board/board-figures.js';
import { StatisticsQuery } from '../../cases/schema/statistics.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { parseBody } from '../../http/parse-body.js';
import { boardAdminOf } from '../../plugins/board-auth.js';
import boardAuth from '../../plugins/board-auth.js';
import { SchoolSlug } from '../../schools/schools-file.js';
import { LOGIN_REQUESTED_MESSAGE, LOGIN_ROUTE_RATE_LIMIT } from '../../staff-auth/login-links.js';
import { RequesterLinkThrottle } from '../../staff-auth/requester-throttle.js';
import { schoolPoster } from '../../board/poster.js';
import boardPageRoutes from './pages.js';
import boardTeacherRoutes from './teachers.js';
import { slugOf } from './school-param.js';

const me = (principal: BoardAdminPrincipal): BoardMeResponse => ({
  name: principal.admin.name,
  email: principal.admin.email,
  csrfToken: principal.csrfToken,
});


/**
 * The board admin area under /beheer and /api/beheer, in its own scope with its own cookie.
 * Nothing here reads a report: schools, contact tables and the admin's own session only.
 */
export default async function boardRoutes(app: FastifyInstance, { context }: { context: AppContext }) {
  await app.register(cookie);
  await app.register(boardAuth, { context });
  const cookieOptions = adminCookie(context.config);
  const rateLimit = LOGIN_ROUTE_RATE_LIMIT;
  const linkThrottle = new RequesterLinkThrottle();
  const clearCookie = (reply: FastifyReply) =>
    reply.clearCookie(cookieOptions.name, { path: '/', secure: cookieOptions.secure, sameSite: 'strict' });

  app.post('/api/beheer/login', { config: { boardPublic: true, rateLimit } }, async (request, reply) => {
    const { email } = parseBody(LoginRequestBody, request.body);
    await requestAdminLoginLink(context, email, { address: request.ip, throttle: linkThrottle });
    return reply.code(202).send({ message: LOGIN_REQUESTED_MESSAGE.replace('bij een school hoort', 'bij een beheerder hoort') });
  });

  app.post('/api/beheer/sessions', { config: { boardPublic: true, rateLimit } }, async (request, reply) => {
    const { token } = parseBody(RedeemLinkBody, request.body);
    const { sessionToken, principal } = await startAdminSession(context, token);
    reply.setCookie(cookieOptions.name, sessionToken, { path: '/', httpOnly: true, sameSite: 'strict', secure: cookieOptions.secure });
    return reply.code(201).send(me(principal));
  });

  app.get('/api/beheer/me', async (request) => me(boardAdminOf(request)));

  app.post('/api/beheer/logout', async (request, reply) => {
    await endAdminSession(context, boardAdminOf(request));
    clearCookie(reply);
    return { ok: true };
  });

  app.get('/api/beheer/schools', async () => listBoardSchools(context));

  app.get('/api/beheer/figures', async (request) => boardFigures(context, boardAdminOf(request).admin, parseBody(StatisticsQuery, request.query)));

  app.post('/api/beheer/schools', async (request, reply) => {
    const school = parseBody(NewSchoolBody, request.body, { nestedFields: true });
    return reply.code(201).send(await addSchool(context, boardAdminOf(request).admin, school));
  });

  app.put('/api/beheer/schools/:slug', async (request) =>
    changeSchool(context, boardAdminOf(request).admin, slugOf(request.params), parseBody(SchoolChangeBody, request.body)),
  );

  app.get('/api/beheer/schools/:slug/poster', async (request) => schoolPoster(context, slugOf(request.params)));

  app.post('/api/beheer/schools/:slug/contacts', async (request, reply) => {
    const { forNextSchoolYear, ...contact } = parseBody(NewContactBody, request.body);
    return reply.code(201).send(await addContact(context, boardAdminOf(request).admin, slugOf(request.params), contact, forNextSchoolYear));
  });

  app.put('/api/beheer/schools/:slug/contacts/:id', async (request) => {
    const { id } = parseBody(RowIdParam, request.params);
    const { handOverTo, ...contact } = parseBody(ContactChangeBody, request.body);
    return changeContact(context, boardAdminOf(request).admin, slugOf(request.params), id, contact, handOverTo);
  });

  app.post('/api/beheer/schools/:slug/contacts/:id/end', async (request) => {
    const { id } = parseBody(RowIdParam, request.params);
    const { handOverTo } = parseBody(EndContactBody, request.body);
    return endSchoolContact(context, boardAdminOf(request).admin, slugOf(request.params), id, handOverTo);
  });

  app.post('/api/beheer/schools/:slug/school-year/confirm', async (request) =>
    confirmSchoolTable(context, boardAdminOf(request).admin, slugOf(request.params)),
  );

  app.post('/api/beheer/schools/:slug/days-off', async (request, reply) => {
    const slug = slugOf(request.params);
    await addDayOff(context, adminEditor(boardAdminOf(request).admin, slug), slug, parseBody(DayOffBody, request.body));
    return reply.code(201).send(await boardSchool(context, slug));
  });

  app.post('/api/beheer/schools/:slug/days-off/:id/remove', async (request) => {
    const slug = slugOf(request.params);
    const { id } = parseBody(RowIdParam, request.params);
    await removeDayOff(context, adminEditor(boardAdminOf(request).admin, slug), slug, id);
    return boardSchool(context, slug);
  });

  await app.register(boardTeacherRoutes, { context });
  await app.register(boardPageRoutes);
}
