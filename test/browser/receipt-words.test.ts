// The receipt a seven-year-old can write down: six short words, not sixteen digits. Shown, printed
// with the school's name, accepted at /volgen in any case with spaces or dashes; a code from before
// the words (sixteen digits) keeps working. The contract's `receipt` stays sixteen digits.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMessage } from '../../db/queries/messages.js';
import { normalizeReceiptCode } from '../../server/receipts/receipt-code.js';
import { MAX_RECEIPT_INPUT_LENGTH } from '../../server/shared/limits.js';
import { RECEIPT_WORDS } from '../../server/shared/receipt-words.js';
import { ARTIFACTS, startBrowserApp, type BrowserApp, reportStep } from '../helpers/chromium.js';

let run: BrowserApp;

beforeAll(async () => {
  run = await startBrowserApp();
});

afterAll(async () => {
  await run?.close();
});

const step = reportStep;

/** The shortest report through the form; returns the code as shown. */
async function reportThroughForm(page: Page): Promise<string> {
  await page.goto(run.baseUrl);
  await page.locator('report-form .entry', { hasText: 'Iets anders' }).click();
  while ((await step(page)) !== 'summary') {
    const before = await step(page);
    if (before === 'description') await page.locator('report-form textarea').fill('Ze pakken mijn tas af.');
    await page.locator('report-form .nav .next').click();
    await expect.poll(() => step(page)).not.toBe(before);
  }
  await page.locator('report-form .nav .next').click();
  const code = page.locator('receipt-code #code');
  await code.waitFor();
  return (await code.innerText()).replace(/\s+/g, '');
}

async function reportIdOf(code: string): Promise<number> {
  const hash = run.t.context.keyedHash(normalizeReceiptCode(code)!);
  const row = await run.t.context.db.selectFrom('report').select('id').where('receipt_hash', '=', hash).executeTakeFirstOrThrow();
  return row.id;
}

async function openAtFollowUp(page: Page, typed: string): Promise<void> {
  await page.goto(`${run.baseUrl}/volgen`);
  await page.getByLabel('Jouw code').fill(typed);
  await page.keyboard.press('Enter');
}

describe('receipt codes in words', () => {
  it('shows six known words that fit a phone, prints them with the school, and opens /volgen typed loosely', async () => {
    const context = await run.browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    const code = await reportThroughForm(page);
    const words = code.split('-');
    expect(words).toHaveLength(6);
    for (const word of words) expect(RECEIPT_WORDS).toContain(word);
    // On the phone the code wraps between words, never inside one, and nothing scrolls sideways.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // Each word is one text node: a word that broke would have two line boxes.
    const brokenWords = await page.evaluate(() => {
      const receipt = document.querySelector('klikvrij-app')!.shadowRoot!.querySelector('receipt-code')!.shadowRoot!;
      const element = receipt.querySelector('#code')!;
      const broken: string[] = [];
      for (const node of element.childNodes) {
        if (node.nodeType !== Node.TEXT_NODE || !/[a-z]/.test(node.textContent ?? '')) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        if (range.getClientRects().length > 1) broken.push(node.textContent ?? '');
      }
      return broken;
    });
    expect(brokenWords).toEqual([]);
    await page.locator('receipt-code').screenshot({ path: path.join(ARTIFACTS, 'receipt-words-360.png') });

    await page.emulateMedia({ media: 'print' });
    const slip = await page.locator('receipt-code .slip').innerText();
    expect(slip).toContain('School: CBS de Kopakker');
    expect(slip.replace(/\s+/g, '')).toContain(code);
    await page.emulateMedia({ media: 'screen' });

    // The school writes; the child types the words in capitals, with spaces instead of dashes.
    await insertMessage(run.t.context.db, {
      report_id: await reportIdOf(code),
      author: 'school',
      staff_email: 'Bertine.pas@vivente.nu',
      text: 'Dank je wel voor je melding.',
      created_at: new Date().toISOString(),
    });
    await page.locator('receipt-code input[type=checkbox]').check();
    await openAtFollowUp(page, ` ${words.map((word) => word.toUpperCase()).join('  ')} `);
    await expect.poll(() => page.locator('follow-up-page message-list li').first().innerText()).toContain('Dank je wel voor je melding.');

    // Five words is no code: the page says so before asking the server.
    await openAtFollowUp(page, words.slice(0, 5).join('-'));
    await expect.poll(() => page.locator('receipt-entry #problem').innerText()).toContain('Een code is zes woorden.');
    await context.close();
  }, 60_000);

  it('the API gives the contract digits and the words of one code; a sixteen-digit code from before still opens', async () => {
    const response = await fetch(`${run.baseUrl}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'self', description: 'Ze lachen mij uit.' }),
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { receipt: string; receiptWords: string };
    expect(body.receipt).toMatch(/^\d{4}-\d{4}-\d{4}-\d{4}$/);
    expect(normalizeReceiptCode(body.receiptWords)).toBe(body.receipt.replaceAll('-', ''));
    // The longest code in words typed loosely fits the field: up to MAX_RECEIPT_INPUT_LENGTH characters, not one more.
    const loose = body.receiptWords.replaceAll('-', '  ').toUpperCase();
    const padded = loose.padStart(loose.length + Math.floor((MAX_RECEIPT_INPUT_LENGTH - loose.length) / 2)).padEnd(MAX_RECEIPT_INPUT_LENGTH);
    const tooLong = await fetch(`${run.baseUrl}/api/followup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ receipt: `${padded} ` }),
    });
    expect(tooLong.status).toBe(400);
    for (const typed of [body.receipt, body.receiptWords, padded]) {
      const lookUp = await fetch(`${run.baseUrl}/api/followup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ receipt: typed }),
      });
      expect(lookUp.status).toBe(200);
    }

    // A report from before the words: its code is any sixteen digits, above what six words can say.
    const oldCode = '9876-5432-1098-7654';
    const id = await reportIdOf(body.receipt);
    await run.t.context.db
      .updateTable('report')
      .set({ receipt_hash: run.t.context.keyedHash(normalizeReceiptCode(oldCode)!) })
      .where('id', '=', id)
      .execute();
    const context = await run.browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await openAtFollowUp(page, '9876 5432 1098 7654');
    await page.locator('follow-up-page status-banner').waitFor();
    await context.close();
  });
});
