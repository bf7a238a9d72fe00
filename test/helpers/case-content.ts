// A case with every kind of free text a report can gather, for the encryption tests
// (test/encryption.test.ts on SQLite's file, test/case-keys.test.ts on either backend).
import { rm } from 'node:fs/promises';
import { expect } from 'vitest';
import { pngImage } from './images.js';
import { multipartBody } from './multipart.js';
import { asStaff, BERTINE, loginAs } from './staff.js';
import type { TestApp } from './test-app.js';

/** Words that appear nowhere else, so a scan of the database for them cannot meet them by chance. */
export const WORDS = {
  description: 'GEHEIM-VERHAAL-5512 ze schoppen mij bij de fietsenstalling',
  name: 'Fleur-Anouk Zwanenburg',
  email: 'fleur.zwanenburg@example.nl',
  target: 'DOELWIT-Fleur-Anouk',
  perpetrators: 'DADERS-Bram-en-Joep',
  staffMessage: 'SCHOOLBERICHT-4471 we praten morgen met je',
  reporterMessage: 'MELDERBERICHT-9083 het gebeurde weer',
  note: 'NOTITIE-2208 vader gebeld',
  stepNote: 'STAPNOTITIE-6634 gesprek met de klas',
  closeMessage: 'AFSLUITBERICHT-3319 fijn dat het beter gaat',
};

/** A named report with a screenshot, a message each way, a note, a step note and a closing message. */
export async function caseWithEverything(app: TestApp) {
  const { payload, headers } = multipartBody(
    [
      ['role', 'self'],
      ['anonymous', 'false'],
      ['name', WORDS.name],
      ['email', WORDS.email],
      ['description', WORDS.description],
      ['target', WORDS.target],
      ['perpetrators', WORDS.perpetrators],
      ['kinds[]', 'cyber'],
      ['places[]', 'online'],
    ],
    [{ field: 'screenshots', filename: 'a.png', contentType: 'image/png', data: await pngImage() }],
  );
  const response = await app.app.inject({ method: 'POST', url: '/api/reports', payload, headers });
  expect(response.statusCode).toBe(201);
  const { receipt } = response.json() as { receipt: string };
  const id = (await app.context.db.selectFrom('report').select('id').executeTakeFirstOrThrow()).id;
  const staff = await loginAs(app, BERTINE);
  expect((await asStaff(app, staff, 'POST', `/api/staff/reports/${id}/steps`, { step: '2', note: WORDS.stepNote })).statusCode).toBe(201);
  expect((await asStaff(app, staff, 'POST', `/api/staff/reports/${id}/notes`, { text: WORDS.note })).statusCode).toBe(201);
  expect((await asStaff(app, staff, 'POST', `/api/staff/reports/${id}/messages`, { text: WORDS.staffMessage })).statusCode).toBe(201);
  const answer = await app.app.inject({ method: 'POST', url: '/api/followup/messages', payload: { receipt, text: WORDS.reporterMessage } });
  expect(answer.statusCode).toBe(201);
  const closed = await asStaff(app, staff, 'POST', `/api/staff/reports/${id}/close`, { outcome: 'resolved', message: WORDS.closeMessage });
  expect(closed.statusCode).toBe(200);
  const view = (await asStaff(app, staff, 'GET', `/api/staff/reports/${id}`)).json();
  const shot = await asStaff(app, staff, 'GET', `/api/staff/reports/${id}/screenshots/${view.screenshots[0].id}`);
  expect(shot.statusCode).toBe(200);
  return { id, receipt, staff, view, image: shot.rawPayload };
}

/** After a test: its app closed, and the data folders it kept across restarts removed. */
export async function closeAndRemove(app: TestApp | undefined, dirs: string[]): Promise<void> {
  await app?.close();
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}
