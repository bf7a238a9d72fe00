// Two questions make a report urgent: "Ben je nu in gevaar?" (contract field `urgent`, the one older
// forms sent for the combined "in gevaar of bang om naar school te gaan?") and "Ben je bang om naar
// school te gaan?" (`afraidOfSchool`). Either stores urgent=1 and starts every notification mail's
// subject with "DRINGEND: "; staff see which one. Only `urgent` may come without a story: the
// danger screen's "Stuur nu" sends what is filled in at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findReportByReceiptHash } from '../db/queries/reports.js';
import { normalizeReceiptCode } from '../server/receipts/receipt-code.js';
import { renderNewReportMail } from '../templates/new-report.js';
import { multipartBody } from './helpers/multipart.js';
import { asStaff, BERTINE, loginAs, type StaffSession } from './helpers/staff.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

let t: TestApp;
let bertine: StaffSession;
beforeAll(async () => {
  t = await startTestApp();
  bertine = await loginAs(t, BERTINE);
});
afterAll(async () => {
  await t.close();
});

const story = { role: 'self', description: 'Ze wachten mij op na school.' };

function post(payload: { json?: object; multipart?: Record<string, string> }) {
  return payload.json
    ? t.app.inject({ method: 'POST', url: '/api/reports', payload: payload.json })
    : t.app.inject({ method: 'POST', url: '/api/reports', ...multipartBody(Object.entries(payload.multipart!)) });
}

async function send(payload: { json?: object; multipart?: Record<string, string> }) {
  const before = await t.context.db.selectFrom('outbox').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  const response = await post(payload);
  expect(response.statusCode, response.body).toBe(201);
  const hash = t.context.keyedHash(normalizeReceiptCode(response.json<{ receipt: string }>().receipt)!);
  const report = (await findReportByReceiptHash(t.context.db, hash))!;
  const mails = await t.context.db
    .selectFrom('outbox')
    .select('subject')
    .where('id', '>', Number(before?.id ?? 0))
    .execute();
  return { report, subjects: mails.map((mail) => mail.subject) };
}

async function caseView(id: number) {
  const response = await asStaff(t, bertine, 'GET', `/api/staff/reports/${id}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ urgent: boolean; inDanger: boolean | null; afraidOfSchool: boolean | null; description: string; summary: string }>();
}

async function countReports(): Promise<number> {
  const row = await t.context.db.selectFrom('report').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('in danger now', () => {
  it('stores urgent and in_danger, marks both mails DRINGEND (JSON)', async () => {
    const { report, subjects } = await send({ json: { ...story, urgent: true } });
    expect(report).toMatchObject({ urgent: 1, in_danger: 1, afraid_of_school: null });
    expect(subjects).toHaveLength(2);
    for (const subject of subjects) expect(subject).toBe('DRINGEND: Nieuwe melding voor CBS de Kopakker');
  });

  it('accepts urgent=true in multipart, as the form sends it', async () => {
    const { report, subjects } = await send({ multipart: { ...story, urgent: 'true' } });
    expect(report).toMatchObject({ urgent: 1, in_danger: 1 });
    expect(subjects.every((subject) => subject.startsWith('DRINGEND: '))).toBe(true);
  });

  it('is not urgent when absent or false', async () => {
    for (const payload of [{ json: story }, { json: { ...story, urgent: false } }, { multipart: { ...story, urgent: 'false' } }]) {
      const { report, subjects } = await send(payload);
      expect(report).toMatchObject({ urgent: 0, in_danger: 0, afraid_of_school: null });
      expect(subjects.some((subject) => subject.includes('DRINGEND'))).toBe(false);
    }
  });

  it('refuses anything but a yes or no', async () => {
    const response = await post({ json: { ...story, urgent: 'misschien' } });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: { fields: Record<string, string> } }>().error.fields.urgent).toBe('Kies ja of nee.');
  });

  it('shows staff that the reporter is in danger now', async () => {
    const { report } = await send({ json: { ...story, urgent: true, afraidOfSchool: false } });
    const view = await caseView(report.id);
    expect(view).toMatchObject({ urgent: true, inDanger: true, afraidOfSchool: false });
    expect(view.summary).toContain('DRINGEND: de melder gaf aan nu in gevaar te zijn.');
  });
});

describe('"Stuur nu": a report sent at once from the danger screen', () => {
  it('is accepted with only who you are and urgent, in JSON and in multipart with an empty story', async () => {
    for (const payload of [
      { json: { role: 'self', urgent: true } },
      { multipart: { role: 'bystander', description: '', urgent: 'true', anonymous: 'true', recipients: 'default' } },
      { json: { role: 'parent', description: '  \n ', urgent: true, kinds: ['threat'] } },
    ]) {
      const { report, subjects } = await send(payload);
      expect(report).toMatchObject({ urgent: 1, in_danger: 1, description: '' });
      expect(subjects.every((subject) => subject.startsWith('DRINGEND: '))).toBe(true);
      expect((await caseView(report.id)).description).toBe('');
    }
  });

  it('still needs who you are', async () => {
    const response = await post({ json: { urgent: true } });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: { fields: Record<string, string> } }>().error.fields).toEqual({ role: 'Kies wie je bent.' });
  });

  it('refuses an empty story when not in danger, with a message for the story field, and stores nothing', async () => {
    const before = await countReports();
    for (const body of [
      { role: 'self' },
      { role: 'self', description: '' },
      { role: 'self', description: '', urgent: false },
      { role: 'self', description: ' ', afraidOfSchool: true },
    ]) {
      const response = await post({ json: body });
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      const { fields } = response.json<{ error: { fields: Record<string, string> } }>().error;
      expect(fields.description).toBe('Vertel wat er gebeurd is.');
    }
    expect(await countReports()).toBe(before);
  });

  it('names the story next to the other wrong fields in one answer', async () => {
    const response = await post({ json: { role: 'teacher', kinds: ['hacking'] } });
    const { fields } = response.json<{ error: { fields: Record<string, string> } }>().error;
    expect(Object.keys(fields).sort()).toEqual(['description', 'kinds', 'role']);
  });
});

describe('afraid to go to school', () => {
  it('makes the report urgent for the school (DRINGEND) without saying danger', async () => {
    const { report, subjects } = await send({ json: { ...story, urgent: false, afraidOfSchool: true } });
    expect(report).toMatchObject({ urgent: 1, in_danger: 0, afraid_of_school: 1 });
    expect(subjects).toHaveLength(2);
    for (const subject of subjects) expect(subject).toBe('DRINGEND: Nieuwe melding voor CBS de Kopakker');
    const view = await caseView(report.id);
    expect(view).toMatchObject({ urgent: true, inDanger: false, afraidOfSchool: true });
    expect(view.summary).toContain('DRINGEND: de melder gaf aan bang te zijn om naar school te gaan.');
    expect(view.summary).not.toContain('gevaar');
  });

  it('stores no as 0, and both answers together say both', async () => {
    const no = await send({ multipart: { ...story, urgent: 'false', afraidOfSchool: 'false' } });
    expect(no.report).toMatchObject({ urgent: 0, afraid_of_school: 0 });
    expect(no.subjects.some((subject) => subject.includes('DRINGEND'))).toBe(false);
    expect((await caseView(no.report.id)).summary).not.toContain('DRINGEND');

    const both = await send({ multipart: { ...story, urgent: 'true', afraidOfSchool: 'true' } });
    expect((await caseView(both.report.id)).summary).toContain(
      'DRINGEND: de melder gaf aan nu in gevaar te zijn en bang te zijn om naar school te gaan.',
    );
  });

  it('refuses anything but a yes or no', async () => {
    const response = await post({ json: { ...story, afraidOfSchool: 'soms' } });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: { fields: Record<string, string> } }>().error.fields.afraidOfSchool).toBe('Kies ja of nee.');
  });
});

describe('a report from before the questions were split', () => {
  it('reads as "in danger or afraid", as it was asked', async () => {
    const { report } = await send({ json: { ...story, urgent: true } });
    // How such a row looks after migration 0016: urgent set, which of the two unknown.
    await t.context.db.updateTable('report').set({ in_danger: null, afraid_of_school: null }).where('id', '=', report.id).execute();
    const view = await caseView(report.id);
    expect(view).toMatchObject({ urgent: true, inDanger: null, afraidOfSchool: null });
    expect(view.summary).toContain('DRINGEND: de melder gaf aan in gevaar te zijn of bang om naar school te gaan.');
  });
});

describe('the mail', () => {
  it('says DRINGEND in the body too, without any of the child’s words', () => {
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
