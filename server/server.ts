import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { closeContext, createContext } from './context.js';
import { PRIVATE_UMASK } from './data-dir-modes.js';
import { serverJobs } from './jobs/server-jobs.js';
import { SHUTDOWN_DEADLINE_MS } from './shared/limits.js';
import { StartupError } from './startup-error.js';

// The only place that listens: start the app and its background jobs, stop them cleanly.
async function main(): Promise<void> {
  // Everything the server creates (database, WAL, mails, secrets) is readable by its own user only.
  process.umask(PRIVATE_UMASK);
  const config = loadConfig(process.env);
  const context = await createContext(config);
  const app = await buildApp(context);
  const jobs = serverJobs(context);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping');
    const deadline = setTimeout(() => {
      app.log.warn({ deadlineMs: SHUTDOWN_DEADLINE_MS }, 'shutdown deadline passed: closing the connections still open');
      app.server.closeAllConnections();
    }, SHUTDOWN_DEADLINE_MS);
    await app.close();
    clearTimeout(deadline);
    await jobs.stop();
    await closeContext(context);
    process.exit(0);
  };
  // `on`, not `once`: Ctrl-C on `npm start` sends SIGINT twice (the terminal's, and npm's forwarded one),
  // and a signal without a listener kills the process in the middle of its stop.
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  jobs.start();
  app.log.info(
    { dataDir: config.dataDir, mail: config.smtpUrl ? 'smtp' : 'files in DATA_DIR/mail' },
    `klikvrij is ready at ${config.publicUrl}`,
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StartupError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
