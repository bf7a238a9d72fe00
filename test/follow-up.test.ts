import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertMessage } from '../db/queries/messages.js';
import { FOLLOW_UP_RATE_LIMIT, MAX_MESSAGE_LENGTH } from '../server/shared/limits.js';
import { normalizeReceiptCode } from '../server/receipts/receipt-code.js';
import { jpegWithGps, pngImage } from './helpers/images.js';
import { multipartBody } from './helpers/multipart.js';
import { listScreenshotsOfReport } from './helpers/rows.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(async () => {
  await t.close();
});

async function newReport(extra: object = {}): Promise<{ receipt: string; id: number }> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/reports',
    payload: { role: 'self', description: 'Ze pakken steeds mijn pet af.', ...extra },
  });
  const { receipt } = response.json();
  const hash = t.context.keyedHash(normalizeReceiptCode(receipt)!);
  const row = await t.context.db.selectFrom('report').select('id').where('receipt_hash', '=', hash).executeTakeFirstOrThrow();
  return { receipt, id: row.id };
}

function lookUp(receipt: unknown, remoteAddress = '127.0.0.1') {
  return t.app.inject({ method: 'POST', url: '/api/followup', payload: { receipt }, remoteAddress });
}

function answer(payload: object) {
  return t.app.inject({ method: 'POST', url: '/api/followup/messages', payload });
}

async function schoolAsks(reportId: number, text: string) {
  await insertMessage(t.context.db, {
    report_id: reportId,
    author: 'school',
    staff_email: 'Bertine.pas@vivente.nu',
    text,
    created_at: new Date().toISOString(),
  });
}

describe('POST /api/followup', () => {
  it('shows a new report as received, with no messages yet', async () => {
    const { receipt } = await newReport();
    const response = await lookUp(receipt);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'received', messages: [] });
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('accepts the code however it is typed', async () => {
    const { receipt } = await newReport();
    expect((await lookUp(receipt.replaceAll('-', ' '))).statusCode).toBe(200);
    expect((await lookUp(receipt.replaceAll('-', ''))).statusCode).toBe(200);
  });

  it('answers an unknown, a malformed and a deleted case alike, with 404 in the error shape', async () => {
    const { receipt, id } = await newReport();
    await t.context.db.updateTable('report').set({ purged_at: new Date().toISOString() }).where('id', '=', id).execute();
    const answers = await Promise.all([lookUp('0000-0000-0000-0000'), lookUp('hallo'), lookUp(receipt)]);
    for (const response of answers) {
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual(answers[0]!.json());
      expect(response.json().error.code).toBe('not_found');
    }
  });

  it('refuses a missing code with 400', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/followup', payload: {} });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toHaveProperty('receipt');
  });

  it(`slows a guesser down after ${FOLLOW_UP_RATE_LIMIT} look-ups from one address`, async () => {
    for (let i = 0; i < FOLLOW_UP_RATE_LIMIT; i++) {
      expect((await lookUp('0000-0000-0000-0000', '10.0.0.5')).statusCode).toBe(404);
    }
    const limited = await lookUp('0000-0000-0000-0000', '10.0.0.5');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
  });
});

describe('POST /api/followup/messages', () => {
  it('keeps the conversation in order, school and reporter', async () => {
    const { receipt, id } = await newReport();
    await schoolAsks(id, 'In welke klas gebeurt het?');
    expect((await answer({ receipt, text: 'In groep 6.' })).statusCode).toBe(201);
    await schoolAsks(id, 'Dank je. We gaan met de juf praten.');
    const { messages } = (await lookUp(receipt)).json();
    expect(messages.map((m: { from: string; text: string }) => [m.from, m.text])).toEqual([
      ['school', 'In welke klas gebeurt het?'],
      ['reporter', 'In groep 6.'],
      ['school', 'Dank je. We gaan met de juf praten.'],
    ]);
  });

  it('shows no staff e-mail address to the reporter', async () => {
    const { receipt, id } = await newReport();
    await schoolAsks(id, 'Wie was erbij?');
    expect((await lookUp(receipt)).body).not.toContain('vivente');
  });

  it('tells staff by mail that there is an answer, without its content', async () => {
    const { receipt } = await newReport();
    await answer({ receipt, text: 'Het was Daan uit groep 7.' });
    const mails = await t.context.db.selectFrom('outbox').selectAll().where('purpose', '=', 'reporter-answer').execute();
    expect(mails).toHaveLength(2);
    for (const mail of mails) {
      expect(mail.text_body + mail.html_body).not.toContain('Daan');
      expect(mail.text_body).toContain('/staff/reports/');
    }
  });

  it("holds the mail about an anonymous reporter's answer until the next full hour; a named reporter's leaves at once", async () => {
    const anonymous = await newReport();
    const before = Date.now();
    await answer({ receipt: anonymous.receipt, text: 'Het was in de gymzaal.' });
    const held = await t.context.db.selectFrom('outbox').selectAll().where('purpose', '=', 'reporter-answer').execute();
    expect(held).toHaveLength(2);
    const hour = 60 * 60 * 1000;
    for (const mail of held) {
      expect(mail.next_attempt_at).toMatch(/T\d{2}:00:00\.000Z$/);
      expect(Date.parse(mail.next_attempt_at)).toBe((Math.floor(before / hour) + 1) * hour);
    }
    expect(await t.context.mailWorker.sendDue()).toBe(2); // the two new-report mails only

    const named = await newReport({ anonymous: false, name: 'Sanne', email: 'sanne@example.org' });
    const sentBefore = Date.now();
    await answer({ receipt: named.receipt, text: 'Nog iets.' });
    const due = (await t.context.db.selectFrom('outbox').selectAll().where('purpose', '=', 'reporter-answer').execute()).filter(
      (mail) => Date.parse(mail.next_attempt_at) <= Date.now(),
    );
    expect(due).toHaveLength(2);
    for (const mail of due) expect(Date.parse(mail.next_attempt_at)).toBeGreaterThanOrEqual(sentBefore);
  });

  it(`accepts a message of ${MAX_MESSAGE_LENGTH} characters and refuses one more`, async () => {
    const { receipt } = await newReport();
    expect((await answer({ receipt, text: 'a'.repeat(MAX_MESSAGE_LENGTH) })).statusCode).toBe(201);
    const over = await answer({ receipt, text: 'a'.repeat(MAX_MESSAGE_LENGTH + 1) });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.fields).toHaveProperty('text');
  });

  it('refuses an empty answer and an unknown code without storing anything', async () => {
    const { receipt } = await newReport();
    expect((await answer({ receipt, text: '  ' })).statusCode).toBe(400);
    expect((await answer({ receipt: '9999-9999-9999-9999', text: 'hoi' })).statusCode).toBe(404);
    const count = await t.context.db.selectFrom('message').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('sanitises screenshots added later, like those sent with the report', async () => {
    const { receipt, id } = await newReport();
    const { payload, headers } = multipartBody(
      [
        ['receipt', receipt],
        ['text', 'Hier is nog een plaatje.'],
      ],
      [
        { field: 'screenshots', filename: 'gps.jpg', contentType: 'image/jpeg', data: await jpegWithGps('Sanne de Vries') },
        { field: 'screenshots', filename: 'chat.png', contentType: 'image/png', data: await pngImage() },
      ],
    );
    const response = await t.app.inject({ method: 'POST', url: '/api/followup/messages', payload, headers });
    expect(response.statusCode).toBe(201);
    const shots = await listScreenshotsOfReport(t.context.db, id);
    expect(shots).toHaveLength(2);
    for (const shot of shots) {
      expect(shot.message_id).not.toBeNull();
      expect((await sharp(shot.data).metadata()).exif).toBeUndefined();
      expect(shot.data.includes('Sanne')).toBe(false);
    }
  });
});
