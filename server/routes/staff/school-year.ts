import type { FastifyInstance } from 'fastify';
import { DayOffBody, RowIdParam } from '../../board/board-schema.js';
import type { AppContext } from '../../context.js';
import { parseBody } from '../../http/parse-body.js';
import { staffOf } from '../../plugins/staff-auth.js';
import { addStaffDayOff, confirmStaffSchoolYear, readStaffSchoolYear, removeStaffDayOff } from '../../schools/staff-school-year.js';

/** The school year page: the table's confirmation and the school's own days off (server/schools/staff-school-year.ts). */
export default async function staffSchoolYearRoutes(app: FastifyInstance, { context }: { context: AppContext }) {
  app.get('/api/staff/school-year', async (request) => readStaffSchoolYear(context, staffOf(request)));

  app.post('/api/staff/school-year/confirm', async (request) => confirmStaffSchoolYear(context, staffOf(request)));

  app.post('/api/staff/days-off', async (request, reply) =>
    reply.code(201).send(await addStaffDayOff(context, staffOf(request), parseBody(DayOffBody, request.body))),
  );

  app.post('/api/staff/days-off/:id/remove', async (request) => {
    const { id } = parseBody(RowIdParam, request.params);
    return removeStaffDayOff(context, staffOf(request), id);
  });
}
