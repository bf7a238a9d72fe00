import cookie from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import staffAuth from '../../plugins/staff-auth.js';
import staffMailProblemRoutes from './mail-problems.js';
import staffOidcRoutes from './oidc.js';
import staffPageRoutes from './pages.js';
import staffReportRoutes from './reports.js';
import staffSchoolYearRoutes from './school-year.js';
import staffSecondFactorRoutes from './second-factor.js';
import staffSessionRoutes from './session.js';
import staffTeacherRoutes from './teachers.js';

/**
 * Everything under /staff and /api/staff, in its own scope: the session cookie and the
 * authentication hook apply here and nowhere else (reporters never get a cookie).
 */
export default async function staffRoutes(app: FastifyInstance, { context }: { context: AppContext }) {
  await app.register(cookie);
  await app.register(staffAuth, { context });
  await app.register(staffSessionRoutes, { context });
  await app.register(staffOidcRoutes, { context });
  await app.register(staffReportRoutes, { context });
  await app.register(staffSecondFactorRoutes, { context });
  await app.register(staffMailProblemRoutes, { context });
  await app.register(staffTeacherRoutes, { context });
  await app.register(staffSchoolYearRoutes, { context });
  await app.register(staffPageRoutes);
}
