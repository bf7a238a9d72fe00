// A reporter's answer to a case meant for the vertrouwenspersoon only, written while the
// vertrouwenspersoon shares the case with the team from another app server: the answer found the case
// before the share committed, and stores itself after it. Whom its mail goes to is read in the
// answer's own transaction, so the anti-pestcoördinators, who may open the case now, hear of it too.
// The moment is forced with a real lock: another connection holds the case keys, which the answer's
// look-up of the code waits for once it has read the case; the share's change to the row commits meanwhile.

import { afterEach, describe, expect, it } from 'vitest';
import { testDatabaseFor } from '../helpers/postgres.js';
import { backendOf, sideConnections } from '../helpers/side-connections.js';
import { addressesOf, BERTINE, ELMAR, outbox, submitReport } from '../helpers/staff.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});
const side = sideConnections();

describe('a reporter answering while the vertrouwenspersoon shares the case', () => {
  it('is told to the team as well, since the case is shared when the answer is stored', async () => {
    t = await startTestApp();
    const { id, receipt } = await submitReport(t, { recipients: 'vertrouwenspersoon' });
    const url = await testDatabaseFor(t.dataDir);
    const [keys, otherServer, observer] = [await side.connect(url), await side.connect(url), await side.connect(url)];
    await keys.query('BEGIN');
    await keys.query('LOCK TABLE case_key IN ACCESS EXCLUSIVE MODE');

    const answering = t.app.inject({ method: 'POST', url: '/api/followup/messages', payload: { receipt, text: 'Het gebeurt weer.' } });
    // The answer has read the case (for the vertrouwenspersoon only) and waits for its key.
    for (;;) {
      const { rowCount } = await observer.query(
        `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> $1`,
        [backendOf(keys)],
      );
      if (rowCount) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await otherServer.query(`UPDATE report SET recipients = 'default' WHERE id = $1`, [id]);
    await keys.query('ROLLBACK');

    const answer = await answering;
    expect(answer.statusCode, answer.body).toBe(201);
    // Bertine is anti-pestcoördinator and vertrouwenspersoon, Elmar anti-pestcoördinator only.
    expect(addressesOf(await outbox(t, 'reporter-answer'))).toEqual([BERTINE, ELMAR].sort());
  });
});
