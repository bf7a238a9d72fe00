// A report sent again after its answer was lost (a phone on a bad network, a double try) is one report:
// the same `submission` key with the same answers gets the first receipt back, and nothing is stored or
// mailed twice. Before, every try was a report of its own and the first receipt code was lost. An answer
// at /volgen sent again with its key is stored once too.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MAX_REMEMBERED_SUBMISSIONS,
  MAX_SUBMISSION_KEY_LENGTH,
  MIN_SUBMISSION_KEY_LENGTH,
  SUBMISSION_MEMORY_MS,
} from '../server/shared/limits.js';
import { maintenanceJob } from '../server/jobs/maintenance.js';
import { RepeatedSubmissions, type SentAnswers } from '../server/reports/repeated-submissions.js';
import { pngImage } from './helpers/images.js';
import { multipartBody } from './helpers/multipart.js';
import { countReports } from './helpers/rows.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

let t: TestApp;
let clock = new Date('2026-03-02T10:00:00Z');
beforeEach(async () => {
  clock = new Date('2026-03-02T10:00:00Z');
  t = await startTestApp({ now: () => clock });
});
afterEach(async () => {
  await t.close();
});

const KEY = 'k'.repeat(MIN_SUBMISSION_KEY_LENGTH);
const report = { role: 'self', description: 'Ze pakken elke dag mijn tas af.', submission: KEY };

function post(body: object, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: '/api/reports', payload: body, headers });
}

describe('a report sent again with its submission key', () => {
  it('gets the first receipt back and stores and mails the report once', async () => {
    const first = await post(report);
    const again = await post(report);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(await countReports(t.context.db)).toBe(1);
    const mails = await t.context.db.selectFrom('outbox').select('id').where('purpose', '=', 'new-report').execute();
    expect(mails).toHaveLength(2);
  });

  it('is one report when the two tries arrive at once, with screenshots', async () => {
    const { payload, headers } = multipartBody(
      [['role', 'parent'], ['description', 'Een groepsapp over mijn dochter.'], ['kinds[]', 'cyber'], ['submission', KEY]],
      [{ field: 'screenshots', filename: '1000012345.png', contentType: 'image/png', data: await pngImage() }],
    );
    const send = () => t.app.inject({ method: 'POST', url: '/api/reports', payload, headers });
    const [one, two] = await Promise.all([send(), send()]);
    expect([one.statusCode, two.statusCode]).toEqual([201, 201]);
    expect(two.json()).toEqual(one.json());
    expect(await countReports(t.context.db)).toBe(1);
  });

  it('is a new report when the answers changed, or under another key, or without one', async () => {
    const first = await post(report);
    const edited = await post({ ...report, description: 'Ze pakken elke dag mijn tas af. En mijn jas.' });
    const otherKey = await post({ ...report, submission: 'x'.repeat(MIN_SUBMISSION_KEY_LENGTH) });
    const { submission: _key, ...withoutKey } = report;
    const noKey = [await post(withoutKey), await post(withoutKey)];
    const receipts = [first, edited, otherKey, ...noKey].map((answer) => (answer.json() as { receipt: string }).receipt);
    expect(new Set(receipts).size).toBe(5);
    expect(await countReports(t.context.db)).toBe(5);
  });

  it('stores a try that was refused when it comes again right', async () => {
    const refused = await post({ ...report, role: 'teacher' });
    expect(refused.statusCode).toBe(400);
    expect(await countReports(t.context.db)).toBe(0);
    expect((await post(report)).statusCode).toBe(201);
    expect(await countReports(t.context.db)).toBe(1);
  });

  it(`forgets the key after ${SUBMISSION_MEMORY_MS / 60_000} minutes: then it is a report of its own`, async () => {
    const first = await post(report);
    clock = new Date(clock.getTime() + SUBMISSION_MEMORY_MS - 1);
    expect((await post(report)).json()).toEqual(first.json());
    clock = new Date(clock.getTime() + 1);
    expect((await post(report)).json()).not.toEqual(first.json());
    expect(await countReports(t.context.db)).toBe(2);
  });

  it('is forgotten by the maintenance job once its time is up, also when no other report comes to clear it', async () => {
    const sentAt = clock;
    const first = await post(report);
    clock = new Date(sentAt.getTime() + SUBMISSION_MEMORY_MS);
    // One round of the server's maintenance job (each server runs it, holding the lock or not).
    const job = maintenanceJob(t.context);
    job.start();
    await job.stop();
    // Seen through the key itself: back at a moment its entry would still answer, the try is a report of its own.
    clock = sentAt;
    expect((await post(report)).json()).not.toEqual(first.json());
    expect(await countReports(t.context.db)).toBe(2);
  });

  it(`takes a key of ${MIN_SUBMISSION_KEY_LENGTH} to ${MAX_SUBMISSION_KEY_LENGTH} base64url characters and refuses others in the reporter's language`, async () => {
    expect((await post({ ...report, submission: 'A-_9'.repeat(16) })).statusCode).toBe(201);
    for (const submission of ['k'.repeat(MIN_SUBMISSION_KEY_LENGTH - 1), 'k'.repeat(MAX_SUBMISSION_KEY_LENGTH + 1), `${KEY}+/`, 42]) {
      const answer = await post({ ...report, submission, language: 'en' });
      expect(answer.statusCode).toBe(400);
      expect(answer.json().error.fields.submission).toBe('Something went wrong with the form. Load the page again. Then try once more.');
    }
    expect(await countReports(t.context.db)).toBe(1);
  });
});

describe('an answer at /volgen sent again with its submission key', () => {
  async function messagesOf(receipt: string): Promise<string[]> {
    const answer = await t.app.inject({ method: 'POST', url: '/api/followup', payload: { receipt } });
    return (answer.json() as { messages: Array<{ text: string }> }).messages.map((message) => message.text);
  }

  it('is stored once; another answer, or one without a key, is stored each time', async () => {
    const { receipt } = (await post(report)).json() as { receipt: string };
    const answer = (body: object) => t.app.inject({ method: 'POST', url: '/api/followup/messages', payload: { receipt, ...body } });
    const key = 'a'.repeat(MIN_SUBMISSION_KEY_LENGTH);
    expect((await answer({ text: 'In groep 5.', submission: key })).statusCode).toBe(201);
    expect((await answer({ text: 'In groep 5.', submission: key })).statusCode).toBe(201);
    expect(await messagesOf(receipt)).toEqual(['In groep 5.']);
    expect((await answer({ text: 'Bij de gym.', submission: key })).statusCode).toBe(201);
    expect((await answer({ text: 'Bij de gym.' })).statusCode).toBe(201);
    expect(await messagesOf(receipt)).toEqual(['In groep 5.', 'Bij de gym.', 'Bij de gym.']);
  });
});

describe('the memory of submission keys', () => {
  it(`keeps the last ${MAX_REMEMBERED_SUBMISSIONS} keys and forgets the oldest past them`, async () => {
    const memory = new RepeatedSubmissions(() => clock);
    const answers: SentAnswers = { route: 'report', fields: { description: 'Ze pakken mijn tas af.' }, uploads: [] };
    const keyOf = (index: number) => `key-${String(index).padStart(MIN_SUBMISSION_KEY_LENGTH, '0')}`;
    let stored = 0;
    const send = (index: number) => memory.once(keyOf(index), answers, async () => `receipt ${index}, stored as ${++stored}`);
    for (let index = 0; index < MAX_REMEMBERED_SUBMISSIONS; index++) await send(index);
    // At the limit the first key is still known: its try gets the first receipt, nothing stored again.
    expect(await send(0)).toBe('receipt 0, stored as 1');
    expect(stored).toBe(MAX_REMEMBERED_SUBMISSIONS);
    // One key more, and the oldest is forgotten: its try is stored anew. The second-oldest was kept until then.
    await send(MAX_REMEMBERED_SUBMISSIONS);
    expect(await send(1)).toBe('receipt 1, stored as 2');
    expect(await send(0)).toBe(`receipt 0, stored as ${MAX_REMEMBERED_SUBMISSIONS + 2}`);
  });
});
