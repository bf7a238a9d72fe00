import type { FastifyBaseLogger } from 'fastify';

/**
 * What runs by itself beside the HTTP server: the mail worker and the periodic jobs share this
 * shape. start() returns at once; stop() waits for the work in hand and is safe to call when the
 * job never started.
 */
export interface BackgroundJob {
  start(): void;
  stop(): Promise<void>;
}

/**
 * Runs `work` now (or after `firstRunAfterMs`) and then every `intervalMs` until stopped; a failed run
 * is logged and tried next time.
 */
export class PeriodicJob implements BackgroundJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly name: string,
    private readonly work: () => Promise<Record<string, number> | void>,
    private readonly intervalMs: number,
    private readonly log: FastifyBaseLogger,
    private readonly firstRunAfterMs = 0,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    if (this.firstRunAfterMs > 0) this.timer = setTimeout(() => this.tick(), this.firstRunAfterMs);
    else this.tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.stopped) return;
    this.running = this.work()
      .then((result) => {
        if (result && Object.values(result).some((count) => count > 0)) this.log.info(result, `${this.name} done`);
      })
      .catch((error: unknown) => this.log.error({ err: error }, `${this.name} failed`))
      .finally(() => {
        if (!this.stopped) this.timer = setTimeout(() => this.tick(), this.intervalMs);
      });
  }
}

/** All background jobs of one server: started together once it listens, stopped together when it closes. */
export class BackgroundJobs implements BackgroundJob {
  constructor(private readonly jobs: readonly BackgroundJob[]) {}

  start(): void {
    for (const job of this.jobs) job.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.jobs.map((job) => job.stop()));
  }
}
