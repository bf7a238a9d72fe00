import type { FastifyInstance } from 'fastify';
import { RowIdParam } from '../../board/board-schema.js';
import type { AppContext } from '../../context.js';
import { parseBody } from '../../http/parse-body.js';
import { boardAdminOf } from '../../plugins/board-auth.js';
import { slugOf } from './school-param.js';
import { addTeacher, boardTeacherEditor, changeTeacher, readTeacherList, removeTeacher } from '../../cases/teacher-list.js';
import { TeacherBody } from '../../cases/teacher-schema.js';


/** A school's teacher list in /beheer: names, addresses and groepen only, never a case. */
export default async function boardTeacherRoutes(app: FastifyInstance, { context }: { context: AppContext }) {
  app.get('/api/beheer/schools/:slug/teachers', async (request) => readTeacherList(context, slugOf(request.params)));

  app.post('/api/beheer/schools/:slug/teachers', async (request, reply) => {
    const slug = slugOf(request.params);
    const editor = boardTeacherEditor(context, boardAdminOf(request).admin, slug);
    return reply.code(201).send(await addTeacher(context, editor, slug, parseBody(TeacherBody, request.body)));
  });

  app.put('/api/beheer/schools/:slug/teachers/:id', async (request) => {
    const slug = slugOf(request.params);
    const { id } = parseBody(RowIdParam, request.params);
    return changeTeacher(context, boardTeacherEditor(context, boardAdminOf(request).admin, slug), slug, id, parseBody(TeacherBody, request.body));
  });

  app.delete('/api/beheer/schools/:slug/teachers/:id', async (request) => {
    const slug = slugOf(request.params);
    const { id } = parseBody(RowIdParam, request.params);
    return removeTeacher(context, boardTeacherEditor(context, boardAdminOf(request).admin, slug), slug, id);
  });
}
