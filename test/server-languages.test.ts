// The server speaks the reporter's language (#12.7): every message it can send a reporter exists in
// every language of the pages; the request says which (a `language` field, else Accept-Language,
// else Dutch); the report keeps its language, staff see it, and the mail to a named reporter uses it.
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../server/shared/errors.js';
import { LANGUAGES } from '../server/shared/languages.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';
import { BERTINE, asStaff, loginAs, outbox, submitReport } from './helpers/staff.js';

const CATALOGS = new URL('../server/shared/server-messages/', import.meta.url);
type Tree = string | { [key: string]: Tree };

function leaves(tree: Tree, path = ''): Map<string, string> {
  if (typeof tree === 'string') return new Map([[path, tree]]);
  return new Map(Object.entries(tree).flatMap(([key, value]) => [...leaves(value, path ? `${path}.${key}` : key)]));
}
const catalog = (language: string) => leaves(JSON.parse(readFileSync(new URL(`${language}.json`, CATALOGS), 'utf8')) as Tree);
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('the server catalogs', () => {
  const source = catalog('nl');

  it('exist for exactly the languages of the pages', () => {
    const files = readdirSync(CATALOGS).map((file) => file.replace(/\.json$/, '')).sort();
    expect(files).toEqual([...LANGUAGES].sort());
  });

  it.each(LANGUAGES)('%s: a message for every error code', (language) => {
    const messages = catalog(language);
    for (const code of ERROR_CODES) expect(messages.get(`codes.${code}`)?.trim(), code).toBeTruthy();
  });

  it.each(LANGUAGES)('%s: every key of the Dutch, no other, none empty, the same placeholders', (language) => {
    const messages = catalog(language);
    expect([...messages.keys()].sort()).toEqual([...source.keys()].sort());
    for (const [key, text] of messages) {
      expect(text.trim(), key).not.toBe('');
      expect(placeholders(text), key).toEqual(placeholders(source.get(key)!));
      if (language !== 'nl') expect(text, `${language} ${key} is still Dutch`).not.toBe(source.get(key));
    }
  });
});

describe('an answer in the reporter’s language', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  const refusedReport = (headers: Record<string, string>, extra: Record<string, unknown> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/reports', headers, payload: { role: 'nobody', description: '', ...extra } });

  it('is Dutch when the request names no language', async () => {
    const body = (await refusedReport({})).json();
    expect(body.error.message).toBe('Er ontbreekt nog iets of er klopt iets niet. Kijk bij de vragen met uitleg.');
    expect(body.error.fields.role).toBe('Kies wie je bent.');
  });

  it('follows Accept-Language, best match first, and Dutch for a language we do not offer', async () => {
    const english = (await refusedReport({ 'accept-language': 'fr-FR, en-GB;q=0.8, nl;q=0.5' })).json();
    expect(english.error.message).toBe('Something is missing or not right. Look at the questions with a note.');
    expect(english.error.fields.role).toBe('Choose who you are.');
    const french = (await refusedReport({ 'accept-language': 'fr' })).json();
    expect(french.error.fields.role).toBe('Kies wie je bent.');
  });

  it('takes the body’s language field over the header, limits filled in', async () => {
    const long = 'x'.repeat(5001);
    const body = (await refusedReport({ 'accept-language': 'nl' }, { language: 'en', description: long })).json();
    expect(body.error.fields.description).toBe('Your story is too long. It may be 5000 characters.');
  });

  it('refuses an unknown language field with a 400, in Dutch', async () => {
    const response = await refusedReport({}, { role: 'self', description: 'Ze duwen mij.', language: 'xx' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields.language).toBe('Kies een taal uit de lijst.');
  });

  it('words a multipart report, a follow-up and an unknown page too', async () => {
    const form = new FormData();
    form.append('language', 'en');
    form.append('role', 'self');
    form.append('description', 'Ze duwen mij.');
    form.append('role', 'parent');
    const request = new Request('http://localhost/api/reports', { method: 'POST', body: form });
    const multipart = await t.app.inject({
      method: 'POST',
      url: '/api/reports',
      headers: Object.fromEntries(request.headers),
      payload: Buffer.from(await request.arrayBuffer()),
    });
    expect(multipart.json().error.fields.role).toBe('Give one answer here.');

    const followUp = await t.app.inject({ method: 'POST', url: '/api/followup', payload: { receipt: '1234567890123456', language: 'en' } });
    expect(followUp.statusCode).toBe(404);
    expect(followUp.json().error.message).toMatch(/^We do not know this code\./);

    const page = await t.app.inject({ method: 'GET', url: '/api/nothing-here', headers: { 'accept-language': 'en' } });
    expect(page.json().error.message).toBe('This page does not exist.');
  });

  it('keeps staff messages Dutch whatever the browser asks', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/staff/me', headers: { 'accept-language': 'en' } });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.message).not.toMatch(/\b(the|you)\b/i);
  });

  it('stores the language, shows it to staff, and mails a named reporter in it', async () => {
    const { id } = await submitReport(t, {
      role: 'parent',
      language: 'en',
      anonymous: false,
      name: 'Mrs Smith',
      email: 'smith@example.nl',
      notifyOnAnswer: true,
    });
    const bertine = await loginAs(t, BERTINE);
    const view = await asStaff(t, bertine, 'GET', `/api/staff/reports/${id}`);
    expect(view.json().reporter.language).toBe('en');
    await asStaff(t, bertine, 'POST', `/api/staff/reports/${id}/messages`, { text: 'Kunt u ons bellen?' });
    const [notice] = await outbox(t, 'reporter-notice');
    expect(notice!.subject).toMatch(/^There is an answer for you from /);
    expect(notice!.text_body).toContain('/volgen?lang=en');
    expect(notice!.html_body).toContain('<html lang="en" dir="ltr">');

    const dutch = await submitReport(t, { role: 'self' });
    const row = await t.context.db.selectFrom('report').select('language').where('id', '=', dutch.id).executeTakeFirstOrThrow();
    expect(row.language).toBe('nl');
  });
});
