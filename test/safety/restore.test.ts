// `npm run restore -- <backup>`: a backup put back is an older state of a database whose ids, mails
// and sessions lived on after it. Real SQLite files, the real app (in-process between the steps), a
// real SMTP server, and the real server and command as child processes where the server must run.

import { createHash } from 'node:crypto';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { purgeReportContent } from '../../db/queries/reports.js';
import { backupDatabase } from '../../server/backup.js';
import { DATABASE_FILE, MAIL_FOLDER } from '../../server/context.js';
import { createFileTransport } from '../../server/notifications/mail-transport.js';
import { REPLACED_SUFFIX, restoreDatabase } from '../../server/restore.js';
import { startChildServer } from '../helpers/child-server.js';
import { expectHeldMailsShown, expectNumbersSkipped, runRestoreCommand } from '../helpers/restore.js';
import { startSmtpServer } from '../helpers/smtp.js';
import { asStaff, BERTINE, cookieOf, ELMAR, loginAs, loginAsBoardAdmin, outbox, requestLink, submitReport } from '../helpers/staff.js';
import { makeDataDir, startTestApp, type TestApp } from '../helpers/test-app.js';
import { postJson } from './support.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

async function folder(): Promise<string> {
  const dir = await makeDataDir();
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** The app on an existing data folder; closed (lock released) before the next step. */
async function open(dataDir: string, env: Record<string, string> = {}): Promise<TestApp> {
  const t = await startTestApp({ dataDir, env: { BOARD_ADMINS: 'fenna@bestuur.nl', ...env } });
  cleanups.push(() => t.close());
  return t;
}

async function mailFiles(dataDir: string): Promise<Map<string, string>> {
  const dir = path.join(dataDir, MAIL_FOLDER);
  const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => name.endsWith('.eml'));
  const files = new Map<string, string>();
  for (const name of names) files.set(name, createHash('sha256').update(await readFile(path.join(dir, name))).digest('hex'));
  return files;
}

function fileHash(file: string): Promise<string> {
  return readFile(file).then((data) => createHash('sha256').update(data).digest('hex'));
}

function runRestore(dataDir: string, file: string) {
  return runRestoreCommand([file], { ...process.env, DATA_DIR: dataDir });
}

describe('restore', () => {
  it('never hands out an id again, never overwrites a mail file, and ends every sign-in', { timeout: 60_000 }, async () => {
    const dataDir = await folder();
    const backup = path.join(await folder(), 'backup.sqlite');

    // Before the backup: a report, its mails as .eml files, two staff sessions and a board admin's.
    const before = await open(dataDir);
    const first = await submitReport(before);
    const bertine = await loginAs(before, BERTINE);
    const elmar = await loginAs(before, ELMAR);
    const admin = await loginAsBoardAdmin(before, 'fenna@bestuur.nl');
    await before.context.mailWorker.sendDue();
    await before.close();
    await backupDatabase(dataDir, backup);

    // After the backup: another report (its mails link to its number), and Bertine logs out everywhere.
    const after = await open(dataDir);
    const lost = await submitReport(after);
    expect((await asStaff(after, bertine, 'POST', '/api/staff/logout-everywhere')).statusCode).toBeLessThan(300);
    await after.context.mailWorker.sendDue();
    const highestBefore = Math.max(...(await after.context.db.selectFrom('outbox').select('id').execute()).map((row) => row.id), 0);
    const mailsBefore = await mailFiles(dataDir);
    const mailIdsBefore = [...mailsBefore.keys()].map((name) => Number(/^\d+/.exec(name)![0]));
    expect(mailsBefore.size).toBeGreaterThanOrEqual(4);
    await after.close();

    const result = await restoreDatabase(dataDir, backup);
    const database = path.join(dataDir, DATABASE_FILE);
    expect((await stat(database)).mode & 0o777).toBe(0o600);
    expect(result.previous).toBe('read');
    expect(result.retiredReportIds).toBe(1);
    expect(result.signIns).toMatchObject({ staffSessions: 2, adminSessions: 1 });
    // The replaced database is kept, with the lost report still in it.
    expect(result.replacedFile).toMatch(new RegExp(`${DATABASE_FILE.replace('.', '\\.')}\\${REPLACED_SUFFIX}`));
    const aside = new SQLite(result.replacedFile!, { readonly: true });
    expect(aside.prepare('SELECT count(*) AS n FROM report WHERE id = ?').get(lost.id)).toEqual({ n: 1 });
    aside.close();

    const restored = await open(dataDir);
    // Every session of before the backup is refused, Bertine's ended one too, and the admin's.
    for (const session of [bertine, elmar]) expect((await asStaff(restored, session, 'GET', '/api/staff/me')).statusCode).toBe(401);
    expect((await restored.app.inject({ method: 'GET', url: '/api/beheer/me', headers: { cookie: admin } })).statusCode).toBe(401);

    // The old link to the lost report opens nothing, and no new report can get its number.
    const staff = await loginAs(restored, BERTINE);
    expect((await asStaff(restored, staff, 'GET', `/api/staff/reports/${lost.id}`)).statusCode).toBe(404);
    expect((await asStaff(restored, staff, 'GET', `/api/staff/reports/${first.id}`)).statusCode).toBe(200);
    await expectNumbersSkipped(restored, lost.id, first.id);

    // New mails get ids above every id issued before, and write new files beside the old ones.
    await submitReport(restored);
    await restored.context.mailWorker.sendDue();
    const newIds = (await restored.context.db.selectFrom('outbox').select('id').execute()).map((row) => row.id);
    const mailsAfter = await mailFiles(dataDir);
    for (const [name, hash] of mailsBefore) expect(mailsAfter.get(name), name).toBe(hash);
    const newFiles = [...mailsAfter.keys()].filter((name) => !mailsBefore.has(name));
    expect(newFiles.length).toBeGreaterThanOrEqual(3);
    const newFileIds = newFiles.map((name) => Number(/^\d+/.exec(name)![0]));
    expect(Math.min(...newFileIds, ...newIds)).toBeGreaterThan(Math.max(highestBefore, ...mailIdsBefore));
    console.log(
      `restore: ${result.signIns.staffSessions} staff and ${result.signIns.adminSessions} admin sessions ended, ` +
        `${result.retiredReportIds} case number retired, ${mailsBefore.size} mail files kept as they were, new ids from ${result.idFloor}`,
    );
  });

  it('mails waiting at the backup: sent since → not again; still waiting → sent once', { timeout: 60_000 }, async () => {
    const smtp = await startSmtpServer();
    cleanups.push(() => smtp.close());
    const env = { SMTP_URL: smtp.url };

    // Sent after the backup.
    const sentDir = await folder();
    const sentBackup = path.join(await folder(), 'sent.sqlite');
    const one = await open(sentDir, env);
    await submitReport(one);
    expect((await outbox(one)).length).toBe(2);
    await one.close();
    await backupDatabase(sentDir, sentBackup);
    const two = await open(sentDir, env);
    expect(await two.context.mailWorker.sendDue()).toBe(2);
    await submitReport(two); // queued after the backup, about a report the restore takes away
    await two.close();
    const sent = await restoreDatabase(sentDir, sentBackup);
    expect(sent.mails).toMatchObject({ sentSinceBackup: 2, continued: 0, queuedAfterBackup: 2, held: [] });
    const three = await open(sentDir, env);
    expect(await three.context.mailWorker.sendDue()).toBe(0);
    expect(await outbox(three)).toEqual([]);
    await three.close();
    expect(smtp.received).toHaveLength(2);

    // Still waiting (one failed attempt) after the backup.
    const waitingDir = await folder();
    const waitingBackup = path.join(await folder(), 'waiting.sqlite');
    const four = await open(waitingDir, env);
    await submitReport(four);
    await four.close();
    await backupDatabase(waitingDir, waitingBackup);
    const five = await open(waitingDir, { SMTP_URL: 'smtp://127.0.0.1:9' });
    expect(await five.context.mailWorker.sendDue()).toBe(0);
    await five.close();
    const waiting = await restoreDatabase(waitingDir, waitingBackup);
    expect(waiting.mails).toMatchObject({ continued: 2, sentSinceBackup: 0 });
    const six = await open(waitingDir, env);
    expect((await outbox(six)).map((row) => row.attempts)).toEqual([1, 1]);
    await six.context.db.updateTable('outbox').set({ next_attempt_at: new Date(0).toISOString() }).execute();
    expect(await six.context.mailWorker.sendDue()).toBe(2);
    await six.close();
    const ids = smtp.received.map((mail) => mail.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(smtp.received).toHaveLength(4);
  });

  it('mails waiting at the backup when the replaced database is unreadable: held and shown, never sent', { timeout: 60_000 }, async () => {
    const smtp = await startSmtpServer();
    cleanups.push(() => smtp.close());
    const env = { SMTP_URL: smtp.url, HEALTH_TOKEN: 'h'.repeat(32) };
    const dataDir = await folder();
    const backup = path.join(await folder(), 'backup.sqlite');
    const before = await open(dataDir, env);
    await submitReport(before);
    expect((await requestLink(before, ELMAR)).statusCode).toBe(202);
    expect((await outbox(before)).length).toBe(3);
    await before.close();
    await backupDatabase(dataDir, backup);
    // The database is lost (overwritten): nobody knows whether those mails left.
    const database = path.join(dataDir, DATABASE_FILE);
    await writeFile(database, Buffer.alloc(8192, 0x55));
    for (const side of ['-wal', '-shm']) await rm(`${database}${side}`, { force: true });

    const result = await restoreDatabase(dataDir, backup);
    expect(result.previous).toBe('unreadable');
    expect(result.mails.droppedLinks).toBe(1);
    expect(result.mails.held.map((mail) => mail.purpose)).toEqual(['new-report', 'new-report']);
    expect(await fileHash(result.replacedFile!)).toBe(createHash('sha256').update(Buffer.alloc(8192, 0x55)).digest('hex'));

    const restored = await open(dataDir, env);
    expect(await restored.context.mailWorker.sendDue()).toBe(0);
    expect(smtp.received).toHaveLength(0);
    // The directeur sees them as mails that did not arrive; the operator's /healthz counts them.
    await expectHeldMailsShown(restored, 2, 'h'.repeat(32));
  });

  it('keeps what the replaced database says was done after the backup: mails sent, content deleted, people ended', { timeout: 60_000 }, async () => {
    const dataDir = await folder();
    const backup = path.join(await folder(), 'backup.sqlite');
    const before = await open(dataDir);
    const reminded = await submitReport(before);
    const purged = await submitReport(before, { description: 'Dit verhaal is na de back-up gewist.' });
    const lookedBack = await submitReport(before);
    await before.context.db.updateTable('report').set({ follow_up_on: '2026-03-04' }).where('id', '=', lookedBack.id).execute();
    await before.close();
    await backupDatabase(dataDir, backup);

    // After the backup (set directly: the jobs would need weeks of clock): a reminder went, retention
    // deleted a case's content, and the board ended a contact.
    const after = await open(dataDir);
    const db = after.context.db;
    await db.updateTable('report').set({ first_reminder_at: '2026-03-04T08:00:00.000Z' }).where('id', '=', reminded.id).execute();
    await db.updateTable('report').set({ follow_up_mailed_at: '2026-03-04T00:00:00.000Z' }).where('id', '=', lookedBack.id).execute();
    await purgeReportContent(db, purged.id, '2026-03-05T08:00:00.000Z');
    await db.updateTable('school_contact').set({ ended_at: '2026-03-05T09:00:00.000Z' }).where('email', '=', ELMAR).execute();
    await after.close();

    const result = await restoreDatabase(dataDir, backup);
    expect(result).toMatchObject({ sentMarksKept: 2, purgedAgain: 1 });
    expect(result.activeAgain.map((person) => person.email)).toEqual([ELMAR]);
    const restored = new SQLite(path.join(dataDir, DATABASE_FILE), { readonly: true });
    const row = (id: number) => restored.prepare('SELECT description, first_reminder_at, purged_at FROM report WHERE id = ?').get(id);
    expect(row(reminded.id)).toMatchObject({ first_reminder_at: '2026-03-04T08:00:00.000Z', purged_at: null });
    expect(row(purged.id)).toMatchObject({ description: null, purged_at: '2026-03-05T08:00:00.000Z' });
    // The look-back mail that went after the backup does not go again.
    expect(restored.prepare('SELECT follow_up_mailed_at FROM report WHERE id = ?').get(lookedBack.id)).toEqual({ follow_up_mailed_at: '2026-03-04T00:00:00.000Z' });
    restored.close();
  });

  it('writes a mail file beside, never over, a file of the same outbox id that holds another mail', async () => {
    const dir = path.join(await folder(), MAIL_FOLDER);
    const transport = createFileTransport(dir);
    const mail = (messageId: string) => ({
      outboxId: 5, from: 'klikvrij <no-reply@klikvrij.local>', to: 'Bertine <bertine@school.nl>', subject: 'Nieuwe melding',
      text: messageId, html: `<p>${messageId}</p>`, messageId, date: new Date('2026-03-02T08:00:00Z'),
    });
    await transport.send(mail('<first@klikvrij>'));
    await transport.send(mail('<first@klikvrij>'));
    expect(await readdir(dir)).toEqual(['0000005.eml']);
    const first = await fileHash(path.join(dir, '0000005.eml'));
    await transport.send(mail('<second@klikvrij>'));
    const names = (await readdir(dir)).sort();
    expect(names).toHaveLength(2);
    expect(await fileHash(path.join(dir, '0000005.eml'))).toBe(first);
    const beside = names.find((name) => name !== '0000005.eml')!;
    expect(beside).toMatch(/^0000005-[0-9a-f]{12}\.eml$/);
    expect(await readFile(path.join(dir, beside), 'utf8')).toContain('<second@klikvrij>');
    transport.close();
  });

  it('refuses a file that is not a sound klikvrij database of this version, and changes nothing', { timeout: 60_000 }, async () => {
    const dataDir = await folder();
    const spare = await folder();
    const t = await open(dataDir);
    await submitReport(t);
    await t.close();
    const good = path.join(spare, 'good.sqlite');
    await backupDatabase(dataDir, good);
    const database = path.join(dataDir, DATABASE_FILE);
    const unchanged = await fileHash(database);

    const text = path.join(spare, 'notes.txt');
    await writeFile(text, 'dit is geen database\n'.repeat(500));
    const other = path.join(spare, 'other.sqlite');
    const otherDb = new SQLite(other);
    otherDb.exec('CREATE TABLE boek (titel text)');
    otherDb.close();
    const newer = path.join(spare, 'newer.sqlite');
    await backupDatabase(dataDir, newer);
    const newerDb = new SQLite(newer);
    newerDb.prepare('INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)').run('9999-from-the-future', new Date().toISOString());
    newerDb.close();
    const corrupt = path.join(spare, 'corrupt.sqlite');
    const bytes = await readFile(good);
    // Overwrite every page but the first (the header): the file opens, its tables do not read.
    bytes.fill(0x42, 4096);
    await writeFile(corrupt, bytes);

    const cases: Array<[string, RegExp]> = [
      [path.join(spare, 'missing.sqlite'), /does not exist/],
      [database, /is the database itself/],
      [text, /not a readable SQLite database/],
      [other, /not a klikvrij database/],
      [newer, /newer version of klikvrij \(migration 9999-from-the-future/],
      [corrupt, /failed integrity_check|not a readable SQLite database/],
    ];
    for (const [file, message] of cases) {
      await expect(restoreDatabase(dataDir, file), file).rejects.toThrow(message);
    }
    expect(await fileHash(database)).toBe(unchanged);
    expect((await readdir(dataDir)).filter((name) => name.includes(REPLACED_SUFFIX) || name.includes('.restoring-'))).toEqual([]);
  });

  it('as a command: refused while the server runs, then restores with mode 0600', { timeout: 120_000 }, async () => {
    const dataDir = await folder();
    const backup = path.join(await folder(), 'backup.sqlite');
    const server = await startChildServer({ dataDir });
    cleanups.push(() => server.crash());
    const kept = await postJson(`${server.url}/api/reports`, { role: 'self', description: 'Voor de back-up.' });
    expect(kept.status).toBe(201);
    await backupDatabase(dataDir, backup);
    expect((await postJson(`${server.url}/api/reports`, { role: 'self', description: 'Na de back-up.' })).status).toBe(201);

    const database = path.join(dataDir, DATABASE_FILE);
    const running = await runRestore(dataDir, backup);
    expect(running.code).toBe(1);
    expect(running.output).toMatch(/server is running on DATA_DIR .*Stop it first.*Nothing was changed/s);
    expect((await readdir(dataDir)).filter((name) => name.includes(REPLACED_SUFFIX))).toEqual([]);
    await server.stop();

    const usage = await runRestore(dataDir, '');
    expect(usage.code).toBe(2);
    const done = await runRestore(dataDir, backup);
    expect(done.code, done.output).toBe(0);
    expect(done.output).toMatch(/1 reports, integrity ok, mode 0600/);
    expect(done.output).toMatch(/Ended every sign-in/);
    expect(done.output).toMatch(/1 case numbers issued after the backup are retired/);
    expect((await stat(database)).mode & 0o777).toBe(0o600);
    const after = await startChildServer({ dataDir });
    cleanups.push(() => after.stop());
    // The report from before the backup answers its receipt code: the key files stayed in DATA_DIR.
    const { receipt } = JSON.parse(kept.body) as { receipt: string };
    expect((await postJson(`${after.url}/api/followup`, { receipt })).status).toBe(200);
    const db = new SQLite(database, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM report').get()).toEqual({ n: 1 });
    db.close();
    await after.stop();
  });
});
