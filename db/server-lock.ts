import type { DataDirLock } from './data-dir-lock.js';

/** PostgreSQL advisory lock key ('klks') that every app server on a database holds shared. */
export const APP_SERVERS_LOCK = 0x6b6c6b73;
/** How soon a server whose lock connection was lost (PostgreSQL restarted) tries to take it again. */
export const SERVER_LOCK_RETRY_MS = 1_000;

type Session = import('pg').Client;

async function lockSession(url: string): Promise<Session> {
  const { default: pg } = await import('pg');
  const session = new pg.Client({ connectionString: url });
  // A lost connection is told by 'end'; its error must not end the process.
  session.on('error', () => undefined);
  await session.connect();
  return session;
}

/**
 * On PostgreSQL, the counterpart of the DATA_DIR lock for the commands that need every app server
 * stopped (npm run rotate-key): each app server holds APP_SERVERS_LOCK shared, on a connection of its
 * own, for as long as it runs; the command takes it exclusively (takeServerLockAlone), so it refuses
 * while any server runs, and a server started meanwhile waits here until the command is done, before
 * it reads the key files. PostgreSQL lets go of the lock with the connection, so a server killed holds
 * nothing; a server whose connection is lost takes the lock again as soon as PostgreSQL answers.
 */
export async function holdServerLock(url: string): Promise<DataDirLock> {
  let released = false;
  let session: Session | undefined;
  let retry: NodeJS.Timeout | undefined;
  const take = async () => {
    const opened = (session = await lockSession(url));
    try {
      await opened.query('SELECT pg_advisory_lock_shared($1)', [APP_SERVERS_LOCK]);
    } catch (error) {
      session = undefined;
      await opened.end().catch(() => undefined);
      throw error;
    }
    opened.once('end', () => {
      if (session === opened) session = undefined;
      if (!released) again();
    });
  };
  const again = () => {
    retry = setTimeout(() => take().catch(() => released || again()), SERVER_LOCK_RETRY_MS);
  };
  await take();
  return {
    async release() {
      released = true;
      clearTimeout(retry);
      await session?.end().catch(() => undefined);
    },
  };
}

/**
 * Takes APP_SERVERS_LOCK exclusively when no app server holds it; returns undefined at once when one
 * does. Held until release().
 */
export async function takeServerLockAlone(url: string): Promise<DataDirLock | undefined> {
  const session = await lockSession(url);
  const { rows } = await session.query<{ taken: boolean }>('SELECT pg_try_advisory_lock($1) AS taken', [APP_SERVERS_LOCK]);
  if (rows[0]?.taken) return { release: () => session.end().catch(() => undefined) };
  await session.end();
  return undefined;
}
