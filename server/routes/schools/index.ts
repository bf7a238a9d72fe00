import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { findDefaultSchool } from '../../schools/school-directory.js';

/** What the "wie helpt je?" page may show: names and roles, never an e-mail address. */
export interface PublicSchool {
  name: string;
  contacts: { name: string; roles: string[] }[];
}

export default async function schoolRoutes(app: FastifyInstance, { context }: { context: AppContext }) {
  app.get('/api/schools/default', async () => {
    const school = await findDefaultSchool(context.db);
    const body: PublicSchool = {
      name: school.name,
      contacts: school.contacts.map((contact) => ({ name: contact.name, roles: [...contact.roles] })),
    };
    return body;
  });
}
