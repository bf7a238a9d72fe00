// Issue 11.4: the Date header of a notification must not pin an anonymous report to the second; it
// carries the time the outbox keeps (the hour for an anonymous report), not the moment it was sent.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { clock } from '../helpers/staff.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function mailDates(app: TestApp): Promise<string[]> {
  const folder = path.join(app.dataDir, 'mail');
  const files = (await readdir(folder)).filter((name) => name.endsWith('.eml'));
  const parsed = await Promise.all(files.map(async (name) => simpleParser(await readFile(path.join(folder, name)))));
  return parsed.map((mail) => mail.date?.toISOString() ?? 'none');
}

describe('the Date header of notification mails', () => {
  it('is the hour for an anonymous report, even when the mail leaves minutes later', async () => {
    const time = clock('2026-03-02T10:37:12.345Z');
    t = await startTestApp({ now: time.now });
    const response = await t.app.inject({ method: 'POST', url: '/api/reports', payload: { role: 'self', description: 'Ze pesten mij.' } });
    expect(response.statusCode).toBe(201);
    time.advance(3 * 60 * 1000);
    expect(await t.context.mailWorker.sendDue()).toBe(2);
    expect(await mailDates(t)).toEqual(['2026-03-02T10:00:00.000Z', '2026-03-02T10:00:00.000Z']);
  });

  it('is the time the report came in for a named one (its time is kept anyway)', async () => {
    const time = clock('2026-03-02T10:37:12.000Z');
    t = await startTestApp({ now: time.now });
    const payload = { role: 'parent', anonymous: false, name: 'Sanne de Vries', description: 'Mijn kind wordt gepest.' };
    expect((await t.app.inject({ method: 'POST', url: '/api/reports', payload })).statusCode).toBe(201);
    time.advance(3 * 60 * 1000);
    await t.context.mailWorker.sendDue();
    expect(new Set(await mailDates(t))).toEqual(new Set(['2026-03-02T10:37:12.000Z']));
  });
});
