import { readdir, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAIL_FOLDER } from '../../server/context.js';
import { normalizeReceiptCode } from '../../server/receipts/receipt-code.js';
import { launchChromium } from '../helpers/chromium.js';
import { pngImage } from '../helpers/images.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  t = await startTestApp({ startMailWorker: true });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('report intake in a real browser', () => {
  it('sends a report with a screenshot, shows the receipt, stores it and mails the two contacts', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(8_000);
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(baseUrl);

    await page.getByLabel('Het gebeurt bij mij').check();
    await page.getByLabel('Vertel wat er gebeurd is.').fill('Ze schelden mij uit in de groepsapp.');
    await page.getByLabel('Gemeen doen met de telefoon of computer').check();
    await page.locator('input[type="file"]').setInputFiles({
      name: 'chat.png',
      mimeType: 'image/png',
      buffer: await pngImage(120, 240),
    });
    await page.getByRole('button', { name: 'Verstuur' }).click();

    await expect.poll(() => page.getByText('Schrijf deze code op.').isVisible(), { timeout: 10_000 }).toBe(true);
    const receipt = (await page.locator('receipt-code #code').innerText()).replace(/\s/g, '');
    expect(receipt).toMatch(/^\d{4}-\d{4}-\d{4}-\d{4}$/);
    expect(pageErrors).toEqual([]);

    const hash = t.context.hashReceipt(normalizeReceiptCode(receipt)!);
    const report = await t.context.db.selectFrom('report').selectAll().where('receipt_hash', '=', hash).executeTakeFirstOrThrow();
    expect(report).toMatchObject({ role: 'self', anonymous: 1, description: 'Ze schelden mij uit in de groepsapp.' });
    const shots = await t.context.db.selectFrom('screenshot').select('mime_type').where('report_id', '=', report.id).execute();
    expect(shots).toEqual([{ mime_type: 'image/png' }]);

    await t.context.mailWorker.sendDue();
    const folder = path.join(t.dataDir, MAIL_FOLDER);
    const files = (await readdir(folder)).filter((name) => name.endsWith('.eml'));
    const recipients = await Promise.all(
      files.map(async (name) => {
        const mail = await simpleParser(await readFile(path.join(folder, name)));
        expect(mail.text).not.toContain('groepsapp');
        return (Array.isArray(mail.to) ? mail.to : [mail.to]).flatMap((to) => to?.value.map((v) => v.address?.toLowerCase()));
      }),
    );
    expect(recipients.flat().sort()).toEqual(['bertine.pas@vivente.nu', 'elmar.van.dokkum@vivente.nu']);
    await page.close();
  });
});
