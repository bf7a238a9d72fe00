/**
 * How this server's maintenance runs (server/jobs/maintenance.ts) went, for the operator's /healthz:
 * a run that keeps failing leaves reminders unsent and expired cases undeleted, with only log lines.
 * A run that another server on the same PostgreSQL database did instead counts as done.
 */
export class MaintenanceRuns {
  failuresInARow = 0;
  failingSince: Date | undefined;

  succeeded(): void {
    this.failuresInARow = 0;
    this.failingSince = undefined;
  }

  failed(at: Date): void {
    this.failuresInARow += 1;
    this.failingSince ??= at;
  }
}
