import type { AppContext } from '../context.js';
import { INTEGRITY_CHECK_INTERVAL_MS } from '../health/database-integrity.js';
import { BackgroundJobs, PeriodicJob } from './background-jobs.js';
import { maintenanceJob } from './maintenance.js';

/**
 * Everything a listening server runs by itself: the mail worker, the maintenance job and the
 * database's quick_check. Tests that
 * only inject requests start none of them; they call sendDue or runMaintenance with their own clock.
 */
export function serverJobs(context: AppContext): BackgroundJobs {
  const log = context.log.child({ component: 'integrity' });
  const integrity = new PeriodicJob(
    'integrity check',
    async () => {
      const damage = context.integrity.check();
      if (damage) log.error(damage, 'the database file is damaged: writes are refused until it is restored');
    },
    INTEGRITY_CHECK_INTERVAL_MS,
    log,
    // The start checked the file a moment ago (assertSoundDatabase): a second quick_check right
    // after listening would hold the first requests for as long as it reads the whole file.
    INTEGRITY_CHECK_INTERVAL_MS,
  );
  return new BackgroundJobs([context.mailWorker, maintenanceJob(context), integrity]);
}
