import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../server/context.js';
import { findReportByReceiptHash } from '../db/queries/reports.js';
import { endContact, listActiveContacts, updateContact } from '../db/queries/school-contacts.js';
import { WEB_ROOT } from '../server/plugins/web-pages.js';
import {
  MAX_DESCRIPTION_LENGTH,
  MAX_JSON_BODY_BYTES,
  MAX_MULTIPART_FIELD_BYTES,
  MAX_SCHOOL_CHANGE_RETRIES,
  MAX_SCREENSHOT_BYTES,
  MAX_SCREENSHOTS,
  MAX_SHORT_TEXT_LENGTH,
  REPORT_RATE_LIMIT,
} from '../server/shared/limits.js';
import { normalizeReceiptCode } from '../server/receipts/receipt-code.js';
import { SINCE_LABELS } from '../server/shared/labels.js';
import { SINCE } from '../server/shared/report-options.js';
import { jpegWithGps, pngImage } from './helpers/images.js';
import { multipartBody } from './helpers/multipart.js';
import { countReports, findReportById, listScreenshotsOfReport, onlyReport } from './helpers/rows.js';
import { asStaff, BERTINE, loginAs } from './helpers/staff.js';
import { loseDatabase, startTestApp, type TestApp } from './helpers/test-app.js';

const RECEIPT_FORMAT = /^\d{4}-\d{4}-\d{4}-\d{4}$/;

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(async () => {
  await t.close();
});

function postJson(body: unknown, headers: Record<string, string> = {}, remoteAddress?: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/reports',
    payload: body as object,
    headers,
    ...(remoteAddress ? { remoteAddress } : {}),
  });
}

function postMultipart(...args: Parameters<typeof multipartBody>) {
  const { payload, headers } = multipartBody(...args);
  return t.app.inject({ method: 'POST', url: '/api/reports', payload, headers });
}

const minimal = { role: 'self', description: 'Ze lachen me elke dag uit in de pauze.' };

async function storedReport(receipt: string) {
  const hash = t.context.keyedHash(normalizeReceiptCode(receipt)!);
  const row = await findReportByReceiptHash(t.context.db, hash);
  expect(row).toBeDefined();
  return row!;
}

function expectErrorShape(body: unknown, code: string) {
  const error = (body as { error: { code: string; message: string; fields: object } }).error;
  expect(error.code).toBe(code);
  expect(error.message).toMatch(/\S/);
  expect(typeof error.fields).toBe('object');
  return error;
}

describe('POST /api/reports with JSON', () => {
  it('stores a minimal report and answers with a receipt code only (digits, and the same code in words)', async () => {
    const response = await postJson(minimal);
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(Object.keys(body)).toEqual(['receipt', 'receiptWords']);
    expect(body.receipt).toMatch(RECEIPT_FORMAT);
    expect(normalizeReceiptCode(body.receiptWords)).toBe(body.receipt.replaceAll('-', ''));
    const row = await storedReport(body.receipt);
    expect(row).toMatchObject({ school: 'kopakker', role: 'self', anonymous: 1, recipients: 'default', status: 'new' });
    expect(row.description).toBe(minimal.description);
  });

  it("routes each report to the school's contacts as they are at that moment: a change counts from the next report", async () => {
    const routedTo = async () => {
      const rows = await t.context.db.selectFrom('outbox').select('to_address').where('purpose', '=', 'new-report').execute();
      await t.context.db.deleteFrom('outbox').execute();
      // `"Name" <address>`: the address is what changes.
      return rows.map((row) => /<([^>]+)>/.exec(row.to_address)![1]!.toLowerCase()).sort();
    };
    expect((await postJson(minimal)).statusCode).toBe(201);
    const before = await routedTo();
    expect(before).toContain(BERTINE.toLowerCase());

    const bertine = (await listActiveContacts(t.context.db, 'kopakker')).find((contact) => contact.email === BERTINE)!;
    await updateContact(t.context.db, bertine.id, { name: bertine.name, email: 'nieuw.adres@vivente.nu', roles: JSON.parse(bertine.roles), note: bertine.note });
    expect((await postJson(minimal)).statusCode).toBe(201);
    expect(await routedTo()).toEqual([...before.filter((address) => address !== BERTINE.toLowerCase()), 'nieuw.adres@vivente.nu'].sort());

    await endContact(t.context.db, bertine.id, '2026-01-05T09:00:00.000Z');
    expect((await postJson(minimal)).statusCode).toBe(201);
    expect(await routedTo()).toEqual(before.filter((address) => address !== BERTINE.toLowerCase()));
  });

  it('never stores the receipt code in plain text', async () => {
    const { receipt } = (await postJson(minimal)).json();
    const digits = normalizeReceiptCode(receipt)!;
    const files = [DATABASE_FILE, `${DATABASE_FILE}-wal`].map((name) => path.join(t.dataDir, name));
    for (const file of files) {
      const bytes = await readFile(file).catch(() => Buffer.alloc(0));
      expect(bytes.includes(receipt)).toBe(false);
      expect(bytes.includes(digits)).toBe(false);
    }
  });

  it('gives every report its own receipt', async () => {
    const receipts = new Set<string>();
    for (let i = 0; i < 10; i++) receipts.add((await postJson(minimal)).json().receipt);
    expect(receipts.size).toBe(10);
  });

  it('drops name, group and e-mail of an anonymous report, and keeps only the day', async () => {
    const response = await postJson({ ...minimal, name: 'Sanne', group: 5, email: 'ouder@example.nl' });
    const row = await storedReport(response.json().receipt);
    expect(row).toMatchObject({ anonymous: 1, reporter_name: null, reporter_group: null, reporter_email: null });
    expect(row.received_at).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('keeps the identity of a reporter who chose to give it', async () => {
    const response = await postJson({ ...minimal, anonymous: false, name: 'Sanne', group: 5, email: 'ouder@example.nl' });
    const row = await storedReport(response.json().receipt);
    expect(row).toMatchObject({ anonymous: 0, reporter_name: 'Sanne', reporter_group: 5, reporter_email: 'ouder@example.nl' });
    expect(row.received_at).toMatch(/T\d{2}:\d{2}/);
  });

  it('stores every contract field', async () => {
    const full = {
      school: 'kopakker',
      role: 'parent',
      description: 'Mijn dochter krijgt nare berichten in de groepsapp.',
      kinds: ['cyber', 'verbal'],
      places: ['online'],
      platforms: ['whatsapp', 'tiktok'],
      frequency: 'weekly',
      since: 'few_weeks',
      equal: false,
      sameTarget: true,
      hurtful: true,
      target: 'mijn dochter',
      perpetrators: 'twee kinderen uit groep 7',
      recipients: 'vertrouwenspersoon',
    };
    const row = await storedReport((await postJson(full)).json().receipt);
    expect(row).toMatchObject({
      role: 'parent',
      kinds: '["cyber","verbal"]',
      places: '["online"]',
      platforms: '["whatsapp","tiktok"]',
      frequency: 'weekly',
      since: 'few_weeks',
      equal: 0,
      same_target: 1,
      hurtful: 1,
      target: 'mijn dochter',
      perpetrators: 'twee kinderen uit groep 7',
      recipients: 'vertrouwenspersoon',
      indication: 'pesten',
    });
  });

  it.each(SINCE)('stores "since when" %s and shows it to staff, in the case view and the Parnassys summary', async (since) => {
    const row = await storedReport((await postJson({ ...minimal, since })).json().receipt);
    expect(row.since).toBe(since);
    const view = (await asStaff(t, await loginAs(t, BERTINE), 'GET', `/api/staff/reports/${row.id}`)).json();
    expect(view.since).toBe(since);
    expect(view.summary).toContain(`\nSinds wanneer: ${SINCE_LABELS[since]}\n`);
  });

  it('leaves "since when" empty when not answered, and says so to staff', async () => {
    const row = await storedReport((await postJson(minimal)).json().receipt);
    expect(row.since).toBeNull();
    const view = (await asStaff(t, await loginAs(t, BERTINE), 'GET', `/api/staff/reports/${row.id}`)).json();
    expect(view.since).toBeNull();
    expect(view.summary).toContain('\nSinds wanneer: niet ingevuld\n');
  });

  it.each([
    [{ equal: false, sameTarget: true, hurtful: true, frequency: 'daily' }, 'pesten'],
    [{ equal: true, sameTarget: false, hurtful: false, frequency: 'once' }, 'plagen'],
    [{ equal: true, sameTarget: false, hurtful: true, frequency: 'sometimes' }, 'onduidelijk'],
    [{}, 'onduidelijk'],
  ])('computes the plagen/pesten indication %j as %s, for staff only', async (criteria, expected) => {
    const response = await postJson({ ...minimal, ...criteria });
    expect(response.body).not.toMatch(/pesten|plagen|onduidelijk/);
    expect((await storedReport(response.json().receipt)).indication).toBe(expected);
  });

  it('strips invisible control and direction-override characters', async () => {
    const response = await postJson({ ...minimal, description: 'hallo\u202Eolleh\u0007 daar\nregel 2' });
    expect((await storedReport(response.json().receipt)).description).toBe('halloolleh daar\nregel 2');
  });
});

/**
 * Changes De Kopakker's contact table while reports are written to it, `changes` times, for real:
 * - On PostgreSQL exactly one change per write: the first write meets the table as the server kept it,
 *   changed once before, and every read of the table after that changes it again, until `changes`
 *   changes are made (a row security policy on school_contact whose function moves the school's
 *   revision, once per transaction; a SELECT fires no trigger). So a report is written again exactly
 *   `changes` times. Returns how many changes are left.
 * - On SQLite, where the server reads its own writes, a board admin's edit commits on every turn of
 *   the event loop (db/queries/school-contacts.ts updateContact) until `changes` are made; each
 *   falls between one write's read of the table and its check at most, so a report is written again
 *   at most `changes` times, and without end while they go on.
 */
async function changeSchoolWhileReporting(changes: number): Promise<() => Promise<number>> {
  const db = t.context.db;
  expect((await postJson(minimal)).statusCode).toBe(201);
  const contact = (await listActiveContacts(db, 'kopakker'))[0]!;
  const change = (note: string) => updateContact(db, contact.id, { name: contact.name, email: contact.email, roles: JSON.parse(contact.roles), note });
  if (t.context.dialect === 'postgres') {
    await change('de tabel die deze server kende is veranderd');
    await sql`CREATE TABLE school_changes_left (changes integer NOT NULL, last_transaction bigint)`.execute(db);
    await sql`INSERT INTO school_changes_left VALUES (${changes - 1}, NULL)`.execute(db);
    await sql`CREATE FUNCTION change_school_on_read() RETURNS boolean LANGUAGE plpgsql VOLATILE AS ${sql.lit(
      `BEGIN
        UPDATE school_changes_left SET changes = changes - 1, last_transaction = txid_current()
          WHERE changes > 0 AND last_transaction IS DISTINCT FROM txid_current();
        IF FOUND THEN UPDATE school SET revision = revision + 1 WHERE slug = 'kopakker'; END IF;
        RETURN true;
      END`,
    )}`.execute(db);
    await sql`ALTER TABLE school_contact ENABLE ROW LEVEL SECURITY`.execute(db);
    await sql`ALTER TABLE school_contact FORCE ROW LEVEL SECURITY`.execute(db);
    await sql`CREATE POLICY every_read_changes_school ON school_contact FOR SELECT USING (change_school_on_read())`.execute(db);
    return async () => {
      await sql`ALTER TABLE school_contact DISABLE ROW LEVEL SECURITY`.execute(db);
      return (await sql<{ changes: number }>`SELECT changes FROM school_changes_left`.execute(db)).rows[0]!.changes;
    };
  }
  let left = changes;
  let running: Promise<void> = Promise.resolve();
  const next = () => {
    if (left <= 0) return;
    left -= 1;
    running = change(`wijziging ${left}`).then(() => void setImmediate(next));
  };
  next();
  return async () => {
    left = Math.min(left, 0);
    await running;
    return left;
  };
}

describe('a school whose contact table changes while a report is written', () => {
  const newReports = async () => (await t.context.db.selectFrom('report').select('id').execute()).length;
  const newReportMails = async () => (await t.context.db.selectFrom('outbox').select('id').where('purpose', '=', 'new-report').execute()).length;

  it(`stores the report after ${MAX_SCHOOL_CHANGE_RETRIES} changes, with its mails`, async () => {
    const done = await changeSchoolWhileReporting(MAX_SCHOOL_CHANGE_RETRIES);
    const mailsOfOne = await newReportMails();
    const response = await postJson(minimal);
    expect(await done()).toBe(0);
    expect(response.statusCode, response.body).toBe(201);
    expect(await newReports()).toBe(2);
    expect(await newReportMails()).toBe(2 * mailsOfOne);
  });

  it('refuses the report with a Dutch 503 when it would be written again once more, storing nothing', async () => {
    // On SQLite without end: there a change is sure to fail a write only while they go on.
    const done = await changeSchoolWhileReporting(t.context.dialect === 'postgres' ? MAX_SCHOOL_CHANGE_RETRIES + 1 : Number.POSITIVE_INFINITY);
    const stored = () => Promise.all([newReports(), newReportMails(), t.context.db.selectFrom('case_key').select('report_id').execute()]);
    const before = await stored();
    const response = await postJson(minimal);
    const left = await done();
    if (t.context.dialect === 'postgres') expect(left).toBe(0);
    expect(response.statusCode, response.body).toBe(503);
    expect(response.headers['retry-after']).toBe('60');
    expect(response.json()).toEqual({
      error: { code: 'storage_unavailable', message: 'We kunnen je bericht nu even niet bewaren. Probeer het over een minuut nog eens.', fields: {} },
    });
    expect(await stored()).toEqual(before);
  });
});

describe('field limits, each at its edge', () => {
  it.each([
    ['description', MAX_DESCRIPTION_LENGTH],
    ['target', MAX_SHORT_TEXT_LENGTH],
    ['perpetrators', MAX_SHORT_TEXT_LENGTH],
  ])('accepts %s of exactly %i characters and refuses one more', async (field, max) => {
    const atLimit = await postJson({ ...minimal, [field]: 'é'.repeat(max) });
    expect(atLimit.statusCode).toBe(201);
    const over = await postJson({ ...minimal, [field]: 'é'.repeat(max + 1) });
    expect(over.statusCode).toBe(400);
    expect(expectErrorShape(over.json(), 'invalid_input').fields).toHaveProperty(field);
  });

  it('accepts a name of the maximum length from a named reporter and refuses one more', async () => {
    const named = { ...minimal, anonymous: false };
    expect((await postJson({ ...named, name: 'a'.repeat(MAX_SHORT_TEXT_LENGTH) })).statusCode).toBe(201);
    const over = await postJson({ ...named, name: 'a'.repeat(MAX_SHORT_TEXT_LENGTH + 1) });
    expect(over.json().error.fields).toHaveProperty('name');
  });

  it.each([
    [{ description: '' }, 'description'],
    [{ description: '   \n ' }, 'description'],
    [{ description: undefined }, 'description'],
    [{ role: 'teacher' }, 'role'],
    [{ role: undefined }, 'role'],
    [{ kinds: ['physical', 'hacking'] }, 'kinds'],
    [{ kinds: 'verbal' }, 'kinds'],
    [{ places: ['mars'] }, 'places'],
    [{ platforms: ['myspace'] }, 'platforms'],
    [{ frequency: 'hourly' }, 'frequency'],
    [{ since: 'yesterday' }, 'since'],
    [{ since: ['today'] }, 'since'],
    [{ afraidOfSchool: 'misschien' }, 'afraidOfSchool'],
    [{ equal: 'misschien' }, 'equal'],
    [{ anonymous: 'nee' }, 'anonymous'],
    [{ recipients: 'directeur' }, 'recipients'],
    [{ group: 0 }, 'group'],
    [{ group: 9 }, 'group'],
    [{ group: 4.5 }, 'group'],
    [{ email: 'geen-adres' }, 'email'],
    [{ description: 42 }, 'description'],
  ])('refuses %j with a Dutch message for that field', async (change, field) => {
    const response = await postJson({ ...minimal, ...change });
    expect(response.statusCode).toBe(400);
    const error = expectErrorShape(response.json(), 'invalid_input');
    expect(error.fields).toHaveProperty(field);
    expect(await countReports(t.context.db)).toBe(0);
  });

  it.each([1, 8, '3'])('accepts group %j', async (group) => {
    expect((await postJson({ ...minimal, anonymous: false, group })).statusCode).toBe(201);
  });

  it('refuses an unknown school', async () => {
    const response = await postJson({ ...minimal, school: 'onbekend' });
    expect(response.statusCode).toBe(400);
    expect(expectErrorShape(response.json(), 'unknown_school').fields).toHaveProperty('school');
  });

  it('refuses a JSON body over the limit with 413', async () => {
    const padding = 'x'.repeat(MAX_JSON_BODY_BYTES);
    const response = await postJson({ ...minimal, padding });
    expect(response.statusCode).toBe(413);
    expectErrorShape(response.json(), 'payload_too_large');
  });

  it('answers broken JSON, a non-object body and an unknown content type in the error shape', async () => {
    const broken = await t.app.inject({
      method: 'POST',
      url: '/api/reports',
      payload: '{"role": "self", ',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.statusCode).toBe(400);
    expectErrorShape(broken.json(), 'invalid_input');

    const list = await postJson([1, 2, 3]);
    expect(list.statusCode).toBe(400);
    expectErrorShape(list.json(), 'invalid_input');

    const text = await t.app.inject({
      method: 'POST',
      url: '/api/reports',
      payload: 'role=self',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.statusCode).toBe(415);
    expectErrorShape(text.json(), 'unsupported_media_type');
  });
});

describe('POST /api/reports with multipart and screenshots', () => {
  const fields = [
    ['role', 'bystander'],
    ['description', 'Ze zetten foto’s van haar in de groep.'],
    ['kinds[]', 'cyber'],
    ['kinds[]', 'verbal'],
    ['places', 'online'],
    ['platforms', 'snapchat'],
    ['anonymous', 'true'],
    ['hurtful', 'true'],
  ] as const;

  it('accepts list fields repeated or with [] and stores a screenshot without its metadata', async () => {
    const photo = await jpegWithGps('Sanne de Vries');
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const response = await postMultipart(fields, [
      { field: 'screenshots', filename: 'IMG_2041 Sanne.jpg', contentType: 'image/jpeg', data: photo },
    ]);
    expect(response.statusCode).toBe(201);
    const row = await storedReport(response.json().receipt);
    expect(row).toMatchObject({ role: 'bystander', kinds: '["cyber","verbal"]', places: '["online"]', hurtful: 1 });
    const [shot, ...rest] = await listScreenshotsOfReport(t.context.db, row.id);
    expect(rest).toHaveLength(0);
    expect(shot!.mime_type).toBe('image/jpeg');
    const stored = await sharp(shot!.data).metadata();
    expect(stored.exif).toBeUndefined();
    expect(shot!.data.includes('Sanne')).toBe(false);
    expect(shot!.data.equals(photo)).toBe(false);
  });

  it(`accepts ${MAX_SCREENSHOTS} screenshots and refuses ${MAX_SCREENSHOTS + 1} with 413, storing nothing`, async () => {
    const png = await pngImage();
    const file = (i: number) => ({ field: 'screenshots', filename: `s${i}.png`, contentType: 'image/png', data: png });
    const five = await postMultipart(fields, Array.from({ length: MAX_SCREENSHOTS }, (_, i) => file(i)));
    expect(five.statusCode).toBe(201);
    const six = await postMultipart(fields, Array.from({ length: MAX_SCREENSHOTS + 1 }, (_, i) => file(i)));
    expect(six.statusCode).toBe(413);
    expectErrorShape(six.json(), 'too_many_files');
    expect(await countReports(t.context.db)).toBe(1);
  });

  it.each([
    ['an SVG with a script', 'image/svg+xml', 'x.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
    ['an HTML file named .png', 'image/png', 'x.png', Buffer.from('<!doctype html><script>alert(1)</script>')],
    ['a PDF', 'application/pdf', 'x.pdf', Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n')],
  ])('refuses %s with 415 and stores nothing', async (_name, contentType, filename, data) => {
    const response = await postMultipart(fields, [{ field: 'screenshots', filename, contentType, data }]);
    expect(response.statusCode).toBe(415);
    expectErrorShape(response.json(), 'unsupported_media_type');
    expect(await countReports(t.context.db)).toBe(0);
  });

  it('refuses a truncated PNG with 415', async () => {
    const png = await pngImage(200, 200);
    const response = await postMultipart(fields, [
      { field: 'screenshots', filename: 'cut.png', contentType: 'image/png', data: png.subarray(0, png.length / 2) },
    ]);
    expect(response.statusCode).toBe(415);
  });

  describe('names the refused file, so the reporter can take that one out and send again', () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const shot = (filename: string, data: Buffer) => ({ field: 'screenshots', filename, contentType: 'image/png', data });

    it('a PDF renamed .png next to a real PNG: 415 with screenshots.1 only; without it the report goes through', async () => {
      const png = await pngImage();
      const refused = await postMultipart(fields, [shot('plein.png', png), shot('brief.png', pdf)]);
      expect(refused.statusCode).toBe(415);
      const error = expectErrorShape(refused.json(), 'unsupported_media_type');
      expect(Object.keys(error.fields)).toEqual(['screenshots.1']);
      expect((error.fields as Record<string, string>)['screenshots.1']).toMatch(/geen plaatje/);
      expect(await countReports(t.context.db)).toBe(0);

      const again = await postMultipart(fields, [shot('plein.png', png)]);
      expect(again.statusCode).toBe(201);
      const row = await storedReport(again.json().receipt);
      expect(await listScreenshotsOfReport(t.context.db, row.id)).toHaveLength(1);
    });

    it('every refused file gets its own reason', async () => {
      const png = await pngImage();
      const cut = png.subarray(0, png.length / 2);
      const response = await postMultipart(fields, [shot('a.png', pdf), shot('b.png', png), shot('c.png', cut)]);
      expect(response.statusCode).toBe(415);
      const { fields: messages } = expectErrorShape(response.json(), 'unsupported_media_type') as { fields: Record<string, string> };
      expect(Object.keys(messages).sort()).toEqual(['screenshots.0', 'screenshots.2']);
      expect(messages['screenshots.0']).toMatch(/geen plaatje/);
      expect(messages['screenshots.2']).toMatch(/kapot/);
    });

    it(`a file of ${MAX_SCREENSHOT_BYTES} bytes is taken and one byte more is refused as screenshots.<its index>`, async () => {
      const png = await pngImage();
      const padded = (size: number) => Buffer.concat([png, Buffer.alloc(size - png.length)]);
      const atLimit = await postMultipart(fields, [shot('a.png', png), shot('groot.png', padded(MAX_SCREENSHOT_BYTES))]);
      expect(atLimit.statusCode).toBe(201);
      const over = await postMultipart(fields, [shot('a.png', png), shot('te-groot.png', padded(MAX_SCREENSHOT_BYTES + 1))]);
      expect(over.statusCode).toBe(413);
      expect(Object.keys(expectErrorShape(over.json(), 'payload_too_large').fields)).toEqual(['screenshots.1']);
    });
  });

  it('refuses a text field over the multipart field limit instead of cutting it', async () => {
    const response = await postMultipart([
      ['role', 'self'],
      ['description', 'a'.repeat(MAX_MULTIPART_FIELD_BYTES + 1)],
    ]);
    expect(response.statusCode).toBe(413);
    expect(expectErrorShape(response.json(), 'payload_too_large').fields).toHaveProperty('description');
    expect(await countReports(t.context.db)).toBe(0);
  });

  it('ignores an empty file input, as browsers send one when nothing was chosen', async () => {
    const response = await postMultipart(fields, [
      { field: 'screenshots', filename: '', contentType: 'application/octet-stream', data: Buffer.alloc(0) },
    ]);
    expect(response.statusCode).toBe(201);
  });

  it('refuses a file in another field than screenshots', async () => {
    const response = await postMultipart(fields, [
      { field: 'description', filename: 'x.png', contentType: 'image/png', data: await pngImage() },
    ]);
    expect(response.statusCode).toBe(400);
    expectErrorShape(response.json(), 'invalid_input');
  });
});

describe('abuse and privacy', () => {
  it(`lets ${REPORT_RATE_LIMIT} reports from one address through, then answers 429, while another address is served`, async () => {
    for (let i = 0; i < REPORT_RATE_LIMIT; i++) {
      expect((await postJson(minimal, {}, '10.1.2.3')).statusCode).toBe(201);
    }
    const limited = await postJson(minimal, {}, '10.1.2.3');
    expect(limited.statusCode).toBe(429);
    expectErrorShape(limited.json(), 'rate_limited');
    expect((await postJson(minimal, {}, '10.9.9.9')).statusCode).toBe(201);
  });

  it('keeps the reporter address and browser out of the log and the database', async () => {
    const markerAgent = 'MarkerAgent/9.9 (klikvrij-privacy-test)';
    const markerAddress = '203.0.113.77';
    const response = await postJson(minimal, { 'user-agent': markerAgent }, markerAddress);
    expect(response.statusCode).toBe(201);
    const report = await onlyReport(t.context.db);
    expect(report).toBeDefined();
    const haystacks = [
      t.logOutput(),
      ...(await Promise.all(
        [DATABASE_FILE, `${DATABASE_FILE}-wal`].map((name) =>
          readFile(path.join(t.dataDir, name)).then((bytes) => bytes.toString('latin1')).catch(() => ''),
        ),
      )),
    ];
    await t.app.inject('/healthz');
    expect(t.logOutput()).toContain('/healthz');
    // Reporter routes write no access line at all: its time would pin an anonymous report.
    expect(t.logOutput()).not.toContain('/api/reports');
    for (const haystack of haystacks) {
      expect(haystack).not.toContain(markerAgent);
      expect(haystack).not.toContain(markerAddress);
    }
  });

  it('writes no access line for the report page, /volgen and the assets they load; the staff page is logged', async () => {
    const asset = (await readdir(path.join(WEB_ROOT, 'assets'))).find((name) => name.endsWith('.js'));
    expect(asset).toBeDefined();
    for (const url of ['/', '/volgen', '/volgen/', `/assets/${asset}`]) {
      expect((await t.app.inject(url)).statusCode, url).toBe(200);
    }
    await t.app.inject('/staff');
    const log = t.logOutput();
    expect(log).toContain('"url":"/staff"');
    expect(log).not.toMatch(/"url":"\/(volgen|assets|")/);
  });

  it('sends the security headers and no cookie, and forbids caching of answers', async () => {
    const response = await postJson(minimal);
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['set-cookie']).toBeUndefined();
  });
});

describe('GET /healthz', () => {
  it('answers 200 while the database is reachable and 503 when it is not', async () => {
    const healthy = await t.app.inject('/healthz');
    expect(healthy.statusCode).toBe(200);
    expect(healthy.json()).toEqual({ status: 'ok' });
    await loseDatabase(t);
    const broken = await t.app.inject('/healthz');
    expect(broken.statusCode).toBe(503);
    expect(broken.json()).toEqual({ status: 'down' });
  });
});

describe('line breaks', () => {
  it('counts a CRLF line break from a browser form as one character', async () => {
    const lines = 'a\r\n'.repeat(MAX_DESCRIPTION_LENGTH / 2 - 1) + 'ab';
    const response = await postJson({ ...minimal, description: lines });
    expect(response.statusCode).toBe(201);
    const row = await storedReport(response.json().receipt);
    expect(row.description).not.toContain('\r');
    expect(row.description!.length).toBe(MAX_DESCRIPTION_LENGTH);
  });
});
