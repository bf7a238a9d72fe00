// What the restore tests of both backends share: the command as an operator runs it, and what the
// people who can check see of the mails a restore held back.

import { spawn } from 'node:child_process';
import { expect } from 'vitest';
import { insertReport } from '../../db/queries/reports.js';
import { HELD_MAIL_REASON } from '../../server/restore.js';
import { schoolRevisionOf } from './rows.js';
import { REPO_ROOT } from './child-server.js';
import { asStaff, ELMAR, loginAs } from './staff.js';
import type { TestApp } from './test-app.js';

/** `npm run restore -- <args>` as an operator runs it, with `env` as its whole environment. */
export function runRestoreCommand(args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'restore', '--', ...args], {
      cwd: REPO_ROOT,
      env: { ...env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('exit', (code) => resolve({ code, output: Buffer.concat(chunks).toString('utf8') }));
  });
}

/** The directeur sees `held` mails as mails that did not arrive, and /healthz (with `healthToken`) counts them. */
export async function expectHeldMailsShown(t: TestApp, held: number, healthToken: string): Promise<void> {
  const director = await loginAs(t, ELMAR);
  const problems = await asStaff(t, director, 'GET', '/api/staff/mail-problems');
  expect(problems.statusCode, problems.body).toBe(200);
  const letters = (problems.json() as { deadLetters: Array<{ reason: string }> }).deadLetters;
  expect(letters.map((letter) => letter.reason)).toEqual(Array<string>(held).fill(HELD_MAIL_REASON));
  const health = await t.app.inject({ method: 'GET', url: '/healthz', headers: { authorization: `Bearer ${healthToken}` } });
  expect((health.json() as { mail: { dead: number } }).mail.dead).toBe(held);
}

/**
 * A report stored with the drawn case numbers `lost` (retired) and `present` (taken) skips both and
 * gets the next number drawn: no new report gets the number a lost one had.
 */
export async function expectNumbersSkipped(t: TestApp, lost: number, present: number): Promise<void> {
  const template = await t.context.db.selectFrom('report').selectAll().where('id', '=', present).executeTakeFirstOrThrow();
  // The id and the generated columns are the database's own.
  const { id: _id, received_day: _day, ...fields } = template;
  const draws = [lost, present, 123_456_789];
  const row = { ...fields, receipt_hash: `restore-test-${lost}` };
  const schoolRevision = await schoolRevisionOf(t.context.db, row.school);
  expect(await insertReport(t.context.db, { row, schoolRevision, mails: () => [] }, () => draws.shift()!)).toEqual({ id: 123_456_789, mailsQueued: 0 });
}
