// A sent mail's row is deleted at once, but until a checkpoint its text (a login link) is still
// readable in the WAL file. The maintenance run checkpoints the WAL (TRUNCATE) after its purges.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../server/context.js';
import { runMaintenance } from '../../server/jobs/maintenance.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!().catch(() => undefined);
});

describe('sent mails and the WAL', () => {
  it('leave the WAL at the next maintenance run: the login link is in neither file afterwards', async () => {
    const smtp: TestSmtpServer = await startSmtpServer();
    cleanups.push(() => smtp.close());
    const t: TestApp = await startTestApp({ env: { SMTP_URL: smtp.url } });
    cleanups.push(() => t.close());
    const response = await t.app.inject({ method: 'POST', url: '/api/staff/login', payload: { email: 'bertine.pas@vivente.nu' } });
    expect(response.statusCode).toBe(202);
    expect(await t.context.mailWorker.sendDue()).toBe(1);
    const [mail] = await smtp.waitFor(1);
    const token = /#([A-Za-z0-9_-]{20,})/.exec(mail!.text)![1]!;
    expect(await t.context.db.selectFrom('outbox').select('id').execute()).toEqual([]);

    const wal = path.join(t.dataDir, `${DATABASE_FILE}-wal`);
    const before = (await readFile(wal)).includes(token);
    await runMaintenance(t.context);
    const walAfter = await readFile(wal);
    const fileAfter = await readFile(path.join(t.dataDir, DATABASE_FILE));
    console.log(`login link in the WAL after sending: ${before}; WAL after maintenance: ${walAfter.length} bytes`);
    expect(before).toBe(true);
    expect(walAfter.length).toBe(0);
    expect(fileAfter.includes(token)).toBe(false);
  });
});
