import fp from 'fastify-plugin';
import type { AppContext } from '../context.js';
import { MaintenanceJob } from '../jobs/maintenance.js';

/**
 * The staff portal's background job (reminders, retention) runs while the server listens and
 * stops when it closes. Tests that only inject requests never start it; they call runMaintenance
 * with their own clock instead.
 */
export default fp<{ context: AppContext }>(
  async (app, { context }) => {
    const job = new MaintenanceJob(context, app.log.child({ component: 'maintenance' }));
    app.addHook('onListen', async () => job.start());
    app.addHook('onClose', async () => job.stop());
  },
  { name: 'staff-maintenance' },
);
