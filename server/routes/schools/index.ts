import type { FastifyInstance } from 'fastify';
import { REPORTER_ROUTE_LOG_LEVEL, type AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { messageKey } from '../../shared/server-messages.js';
import { sendBuiltPage } from '../../plugins/web-pages.js';
import { findDefaultSchool, findSchool } from '../../schools/school-directory.js';
import { SchoolSlug, type School } from '../../schools/schools-file.js';

/** What the "wie helpt je?" page may show: names and roles, never an e-mail address. */
export interface PublicSchool {
  name: string;
  contacts: { name: string; roles: string[] }[];
}

const NO_SUCH_SCHOOL = messageKey('pages.unknownSchool');

const publicSchool = (school: School): PublicSchool => ({
  name: school.name,
  contacts: school.contacts.map((contact) => ({ name: contact.name, roles: [...contact.roles] })),
});

/** The school of a path's slug; a malformed slug is an unknown school, never a validation error. */
async function schoolOfSlug(context: AppContext, slug: unknown): Promise<School> {
  const parsed = SchoolSlug.safeParse(slug);
  const school = parsed.success ? await findSchool(context.db, parsed.data) : undefined;
  if (!school) throw new AppError('not_found', NO_SUCH_SCHOOL);
  return school;
}

export default async function schoolRoutes(app: FastifyInstance, { context }: { context: AppContext }) {
  app.get('/api/schools/default', async () => publicSchool(await findDefaultSchool(context.db)));

  // The form's own address is opened just before a report: like the reporter routes, no access line.
  const quiet = { logLevel: REPORTER_ROUTE_LOG_LEVEL } as const;
  app.get('/api/schools/:slug', quiet, async (request) => publicSchool(await schoolOfSlug(context, (request.params as { slug?: unknown }).slug)));

  // Each school's own form address: the report form, which reads the school from the address and
  // sends its reports to that school's table. An unknown school gets a 404, never another school's form.
  app.get('/school/:slug', quiet, async (request, reply) => {
    await schoolOfSlug(context, (request.params as { slug?: unknown }).slug);
    return sendBuiltPage(request, reply, 'index.html');
  });
}
