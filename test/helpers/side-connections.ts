// Plain pg connections of a test's own beside an app's pool: another server's transaction, a lock
// holder, an observer of pg_stat_activity.
import pg from 'pg';
import { afterEach } from 'vitest';

export interface SideConnections {
  connect: (url: string) => Promise<pg.Client>;
}

/**
 * Connections ended after each test. Call it after registering the hook that closes the app: vitest
 * runs after-hooks last registered first, so they end before the app's database is dropped.
 */
export function sideConnections(): SideConnections {
  const clients: pg.Client[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.end().catch(() => undefined);
  });
  return {
    async connect(url) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      clients.push(client);
      return client;
    },
  };
}

/** The backend process of a connection, as pg_stat_activity names it. */
export function backendOf(client: pg.Client): number {
  return (client as unknown as { processID: number }).processID;
}
