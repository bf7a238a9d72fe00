import type { AppContext } from '../context.js';
import { BackgroundJobs } from './background-jobs.js';
import { maintenanceJob } from './maintenance.js';

/**
 * Everything a listening server runs by itself: the mail worker and the maintenance job. Tests that
 * only inject requests start none of them; they call sendDue or runMaintenance with their own clock.
 */
export function serverJobs(context: AppContext): BackgroundJobs {
  return new BackgroundJobs([context.mailWorker, maintenanceJob(context)]);
}
