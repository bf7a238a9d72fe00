// "Ben je nu in gevaar of bang om naar school te gaan?" answered yes: the report is stored as urgent
// and every notification mail's subject starts with "DRINGEND: ". Optional, default false.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeReceiptCode } from '../server/receipts/receipt-code.js';
import { renderNewReportMail } from '../templates/new-report.js';
import { multipartBody } from './helpers/multipart.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const story = { role: 'self', description: 'Ze wachten mij op na school.' };

async function send(payload: { json?: object; multipart?: Record<string, string> }) {
  const before = await t.context.db.selectFrom('outbox').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  const response = payload.json
    ? await t.app.inject({ method: 'POST', url: '/api/reports', payload: payload.json })
    : await t.app.inject({ method: 'POST', url: '/api/reports', ...multipartBody(Object.entries(payload.multipart!)) });
  expect(response.statusCode, response.body).toBe(201);
  const hash = t.context.keyedHash(normalizeReceiptCode(response.json<{ receipt: string }>().receipt)!);
  const report = await t.context.db.selectFrom('report').selectAll().where('receipt_hash', '=', hash).executeTakeFirstOrThrow();
  const mails = await t.context.db
    .selectFrom('outbox')
    .select('subject')
    .where('id', '>', Number(before?.id ?? 0))
    .execute();
  return { report, subjects: mails.map((mail) => mail.subject) };
}

describe('urgent reports', () => {
  it('stores urgent=1 and marks both mails DRINGEND (JSON)', async () => {
    const { report, subjects } = await send({ json: { ...story, urgent: true } });
    expect(report.urgent).toBe(1);
    expect(subjects).toHaveLength(2);
    for (const subject of subjects) expect(subject).toBe('DRINGEND: Nieuwe melding voor CBS de Kopakker');
  });

  it('accepts urgent=true in multipart, as the form sends it', async () => {
    const { report, subjects } = await send({ multipart: { ...story, urgent: 'true' } });
    expect(report.urgent).toBe(1);
    expect(subjects.every((subject) => subject.startsWith('DRINGEND: '))).toBe(true);
  });

  it('is not urgent when absent or false', async () => {
    for (const payload of [{ json: story }, { json: { ...story, urgent: false } }, { multipart: { ...story, urgent: 'false' } }]) {
      const { report, subjects } = await send(payload);
      expect(report.urgent).toBe(0);
      expect(subjects.some((subject) => subject.includes('DRINGEND'))).toBe(false);
    }
  });

  it('refuses anything but a yes or no', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/reports', payload: { ...story, urgent: 'misschien' } });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: { fields: Record<string, string> } }>().error.fields.urgent).toBe('Kies ja of nee.');
  });

  it('says why in the mail body too, without any of the child’s words', () => {
    const mail = renderNewReportMail({
      schoolName: 'CBS de Kopakker',
      urgent: true,
      kinds: ['threat'],
      receivedAt: '2025-03-14',
      looksLikePesten: false,
      caseUrl: 'http://127.0.0.1:3000/staff/reports/7',
    });
    expect(mail.subject).toBe('DRINGEND: Nieuwe melding voor CBS de Kopakker');
    expect(mail.text).toContain('DRINGEND: de melder zegt nu in gevaar te zijn of bang om naar school te gaan.');
    expect(mail.html).toContain('DRINGEND');
  });
});
