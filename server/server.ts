import net from 'node:net';
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
  // Before anything is opened or stored: a PORT or HOST mistake refuses the start and leaves DATA_DIR as it was.
  await tryListening(config.port, config.host);
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
  // and a signal without a listener kills the process in the middle of its stop. SIGHUP is the terminal
  // closing (an SSH session to `npm start` lost): the same clean stop, not the sudden end by default.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(signal));

  await app.listen({ port: config.port, host: config.host }).catch((error: unknown) => {
    throw listenProblem(error, config.port, config.host);
  });
  jobs.start();
  app.log.info(
    { dataDir: config.dataDir, mail: config.smtpUrl ? 'smtp' : 'files in DATA_DIR/mail' },
    `klikvrij is ready at ${config.publicUrl}`,
  );
}

/** Listens on the port and address a moment, and stops again: what app.listen would refuse, said in one line. */
async function tryListening(port: number, host: string): Promise<void> {
  const probe = net.createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (error) => reject(listenProblem(error, port, host)));
    probe.listen({ port, host, exclusive: true }, resolve);
  });
  await new Promise((resolve) => probe.close(resolve));
}

function listenProblem(error: unknown, port: number, host: string): unknown {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'EADDRINUSE':
      return new StartupError(`PORT ${port}: another program already listens on ${host}:${port}. Stop it, or set another PORT.`);
    case 'EACCES':
      return new StartupError(`PORT ${port}: only root may listen on a port below 1024. Use PORT=3000 behind a reverse proxy (deploy/nginx-klikvrij.conf).`);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new StartupError(`HOST ${host}: not an address of this machine. Use 127.0.0.1 behind a reverse proxy, or 0.0.0.0 for every address.`);
    default:
      return error;
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StartupError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(error instanceof StartupError ? error.exitCode : 1);
});
