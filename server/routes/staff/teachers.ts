import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { parseBody } from '../../http/parse-body.js';
import { staffOf } from '../../plugins/staff-auth.js';
import { ReportParams } from '../../cases/schema/inbox.js';
import { listInvitedCases } from '../../cases/teacher-access.js';
import { inviteTeacher, readInvitations, setInvitationIdentity, withdrawInvitation } from '../../cases/teacher-invitations.js';
import { addTeacher, changeTeacher, readTeacherList, removeTeacher, staffTeacherEditor } from '../../cases/teacher-list.js';
import { InvitationParams, InviteBody, ShareIdentityBody, TeacherBody, TeacherParams } from '../../cases/teacher-schema.js';

/** The teacher list (the directeur), a case's invitations (the coordinator), and a teacher's own cases. */
export default async function staffTeacherRoutes(app: FastifyInstance, { context }: { context: AppContext }) {
  app.get('/api/staff/teachers', async (request) => {
    const principal = staffOf(request);
    staffTeacherEditor(principal);
    return readTeacherList(context, principal.school.slug);
  });

  app.post('/api/staff/teachers', async (request, reply) => {
    const principal = staffOf(request);
    const editor = staffTeacherEditor(principal);
    return reply.code(201).send(await addTeacher(context, editor, principal.school.slug, parseBody(TeacherBody, request.body)));
  });

  app.put('/api/staff/teachers/:id', async (request) => {
    const principal = staffOf(request);
    const editor = staffTeacherEditor(principal);
    const { id } = parseBody(TeacherParams, request.params);
    return changeTeacher(context, editor, principal.school.slug, id, parseBody(TeacherBody, request.body));
  });

  app.delete('/api/staff/teachers/:id', async (request) => {
    const principal = staffOf(request);
    const editor = staffTeacherEditor(principal);
    const { id } = parseBody(TeacherParams, request.params);
    return removeTeacher(context, editor, principal.school.slug, id);
  });

  app.get('/api/staff/reports/:id/invitations', async (request) => {
    const { id } = parseBody(ReportParams, request.params);
    return readInvitations(context, staffOf(request), id);
  });

  app.post('/api/staff/reports/:id/invitations', async (request, reply) => {
    const { id } = parseBody(ReportParams, request.params);
    return reply.code(201).send(await inviteTeacher(context, staffOf(request), id, parseBody(InviteBody, request.body)));
  });

  app.put('/api/staff/reports/:id/invitations/:invitationId', async (request) => {
    const { id, invitationId } = parseBody(InvitationParams, request.params);
    return setInvitationIdentity(context, staffOf(request), id, invitationId, parseBody(ShareIdentityBody, request.body).shareIdentity);
  });

  app.delete('/api/staff/reports/:id/invitations/:invitationId', async (request) => {
    const { id, invitationId } = parseBody(InvitationParams, request.params);
    return withdrawInvitation(context, staffOf(request), id, invitationId);
  });

  // A teacher's own list: the open cases they are invited to.
  app.get('/api/staff/invited-cases', { config: { staffTeacher: true } }, async (request) => listInvitedCases(context, staffOf(request)));
}
