import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { insertMessage, listMessagesOfReport } from '../../db/queries/messages.js';
import { FOLLOW_UP_RATE_LIMIT } from '../../server/shared/limits.js';
import { normalizeReceiptCode } from '../../server/receipts/receipt-code.js';
import { ARTIFACTS, axeViolations, chooseLanguage, startBrowserApp, type BrowserApp } from '../helpers/chromium.js';
import { pngImage } from '../helpers/images.js';
import type { TestApp } from '../helpers/test-app.js';
import { asStaff, BERTINE, loginAs } from '../helpers/staff.js';
import { CLOSING_MESSAGES } from '../../server/shared/protocol.js';

const QUESTION = 'Dank je wel. In welke groep zit jij?';
const ANSWER = 'Ik zit in groep 6.';

let run: BrowserApp;
let t: TestApp;
let browser: Browser;
let baseUrl: string;
let context: BrowserContext;

beforeAll(async () => {
  run = await startBrowserApp();
  ({ t, browser, baseUrl } = run);
});
afterEach(async () => {
  await context?.close();
});
afterAll(async () => {
  await run?.close();
});

/**
 * A fresh browser profile per test, which fails the test on any script error or CSP violation. Motion
 * is reduced: no colour transition under the pointer is half-way when axe measures contrast.
 */
async function openPage(url: string, width = 1280): Promise<{ page: Page; problems: string[] }> {
  context = await browser.newContext({ viewport: { width, height: 900 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  await page.goto(`${baseUrl}${url}`);
  return { page, problems };
}

/** An anonymous report through the real API; returns its receipt and row id. */
async function reportAnonymously(): Promise<{ receipt: string; id: number }> {
  const response = await fetch(`${baseUrl}/api/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role: 'self', description: 'Ze lachen mij elke dag uit op het plein.' }),
  });
  expect(response.status).toBe(201);
  const { receipt } = (await response.json()) as { receipt: string };
  const hash = t.context.keyedHash(normalizeReceiptCode(receipt)!);
  const row = await t.context.db.selectFrom('report').select('id').where('receipt_hash', '=', hash).executeTakeFirstOrThrow();
  return { receipt, id: row.id };
}

async function schoolAsks(reportId: number, text: string): Promise<void> {
  await insertMessage(t.context.db, {
    report_id: reportId,
    author: 'school',
    staff_email: 'Bertine.pas@vivente.nu',
    text,
    created_at: new Date().toISOString(),
  });
}

/** Types the code the way a child might: with spaces, key by key, then Enter. */
async function enterCode(page: Page, code: string): Promise<void> {
  await page.getByLabel('Jouw code').focus();
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
}

/**
 * Code that runs inside the page. It is written as script text: the root tsconfig checks Node code
 * and has no DOM types, and adding them would loosen the checks on the server.
 */
const IN_PAGE = {
  /** Walks the document and every open shadow root, calling `each(element)`. */
  walk: `const walk = (root, each) => {
    for (const element of root.querySelectorAll('*')) {
      each(element);
      if (element.shadowRoot) walk(element.shadowRoot, each);
    }
  };`,
  storageIsEmpty: 'localStorage.length === 0 && sessionStorage.length === 0',
  scrollWidth: 'document.documentElement.scrollWidth',
};


/** Every text, attribute and form value in the page, through every shadow root. */
function everythingInTheDom(page: Page): Promise<string> {
  return page.evaluate(`(() => {
    ${IN_PAGE.walk}
    const parts = [document.title, location.href, document.body.textContent];
    walk(document, (element) => {
      for (const attribute of element.attributes) parts.push(attribute.value);
      if ('value' in element && typeof element.value === 'string') parts.push(element.value);
      if (element.shadowRoot) parts.push(element.shadowRoot.textContent);
    });
    return parts.join('\\n');
  })()`);
}

/**
 * Things to click or tap that are smaller than 44 x 44 px. A checkbox counts by its whole label;
 * the file input is visually hidden behind its label-button (label.pick).
 */
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    ${IN_PAGE.walk}
    const selector = [
      'button',
      'a[href]',
      'select',
      'textarea',
      'input:not([type="checkbox"], [type="radio"], [type="file"])',
      'label:has(> input[type="checkbox"])',
      'label.pick',
    ].join(',');
    const small = [];
    walk(document, (element) => {
      if (!element.matches(selector)) return;
      const { width, height } = element.getBoundingClientRect();
      if (width > 0 && (width < 44 || height < 44)) small.push(element.localName + ' "' + element.textContent.trim() + '" ' + width + 'x' + height);
    });
    return small;
  })()`);
}

/** The focused element, looking through shadow roots, as "tag#id: text". */
function focused(page: Page): Promise<string> {
  return page.evaluate(`(() => {
    let element = document.activeElement;
    while (element && element.shadowRoot && element.shadowRoot.activeElement) element = element.shadowRoot.activeElement;
    return element ? element.localName + '#' + element.id + ': ' + element.textContent.trim() : '';
  })()`);
}

describe('follow-up page /volgen', () => {
  it('lets the reporter read the school’s question and answer with text and a screenshot; Klaar forgets the code', async () => {
    const { receipt, id } = await reportAnonymously();
    await schoolAsks(id, QUESTION);
    const { page, problems } = await openPage('/volgen');

    await expect.poll(() => page.getByLabel('Jouw code').isVisible()).toBe(true);
    const input = page.getByLabel('Jouw code');
    expect(await input.getAttribute('autocomplete')).toBe('off');
    // The code is words now: the phone shows its letter keyboard.
    expect(await input.getAttribute('inputmode')).toBeNull();
    await expect.poll(() => page.getByText('Ben je nu in gevaar? Bel 112.').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    expect(await smallTargets(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'follow-up-code-1280.png'), fullPage: true });

    await enterCode(page, receipt.replaceAll('-', ' '));
    await expect.poll(() => page.getByText('We hebben je melding gekregen.').isVisible()).toBe(true);
    expect(await page.getByText(QUESTION).isVisible()).toBe(true);
    expect(await page.locator('message-list li.school .who').textContent()).toBe('School');
    expect(await focused(page)).toContain('h2#status-title');
    expect(await axeViolations(page)).toEqual([]);
    expect(await smallTargets(page)).toEqual([]);

    await page.getByLabel('Schrijf terug aan de school').fill(ANSWER);
    await page.locator('answer-box input[type="file"]').setInputFiles({
      name: 'klas.png',
      mimeType: 'image/png',
      buffer: await pngImage(160, 120),
    });
    await expect.poll(() => page.getByText('klas.png').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Verstuur' }).click();

    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Je bericht is verstuurd.' }).isVisible()).toBe(true);
    const mine = page.locator('message-list li.reporter');
    expect(await mine.locator('.text').textContent()).toBe(ANSWER);
    expect(await mine.locator('.who').textContent()).toBe('Jij');
    expect(await focused(page)).toContain(ANSWER);
    // The box is empty again, picked file included.
    expect(await page.getByLabel('Schrijf terug aan de school').inputValue()).toBe('');
    expect(await page.getByText('klas.png').count()).toBe(0);

    const messages = await listMessagesOfReport(t.context.db, id);
    expect(messages.map(({ author, text }) => ({ author, text }))).toEqual([
      { author: 'school', text: QUESTION },
      { author: 'reporter', text: ANSWER },
    ]);
    const screenshots = await t.context.db
      .selectFrom('screenshot')
      .select(['mime_type', 'width', 'height'])
      .where('message_id', '=', messages[1]!.id)
      .execute();
    expect(screenshots).toEqual([{ mime_type: 'image/png', width: 160, height: 120 }]);

    await page.screenshot({ path: path.join(ARTIFACTS, 'follow-up-conversation-1280.png'), fullPage: true });
    await page.setViewportSize({ width: 320, height: 640 });
    expect(await page.evaluate(IN_PAGE.scrollWidth)).toBeLessThanOrEqual(320);
    expect(await smallTargets(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'follow-up-conversation-320.png'), fullPage: true });

    expect(await everythingInTheDom(page)).toContain(QUESTION);
    await page.getByRole('button', { name: 'Klaar' }).click();
    await expect.poll(() => page.getByText('Alles is weg van dit scherm.', { exact: false }).isVisible()).toBe(true);
    expect(await focused(page)).toContain('p#notice');
    expect(await page.getByLabel('Jouw code').inputValue()).toBe('');
    const dom = await everythingInTheDom(page);
    expect(dom).not.toContain(receipt);
    expect(dom).not.toContain(normalizeReceiptCode(receipt)!);
    expect(dom).not.toContain(QUESTION);
    expect(dom).not.toContain(ANSWER);
    expect(await page.evaluate(IN_PAGE.storageIsEmpty)).toBe(true);
    expect(await context.cookies()).toEqual([]);
    expect(page.url()).toBe(`${baseUrl}/volgen`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'follow-up-code-320.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('shows the school’s closing message with the status "Afgerond."', async () => {
    const { receipt, id } = await reportAnonymously();
    const staff = await loginAs(t, BERTINE);
    const closed = await asStaff(t, staff, 'POST', `/api/staff/reports/${id}/close`, { outcome: 'plagen', message: CLOSING_MESSAGES.plagen });
    expect(closed.statusCode).toBe(200);
    const { page, problems } = await openPage('/volgen', 390);
    await enterCode(page, receipt);
    await expect.poll(() => page.getByText('Afgerond.', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByText(CLOSING_MESSAGES.plagen).isVisible()).toBe(true);
    expect(await page.locator('message-list li.school .who').textContent()).toBe('School');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'follow-up-closed-390.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('has "Snel weg": it drops the conversation and leaves without a history entry', async () => {
    const { receipt, id } = await reportAnonymously();
    await schoolAsks(id, QUESTION);
    const { page, problems } = await openPage('/volgen');
    // The neutral page is served here, so that nothing leaves the machine.
    await context.route('https://www.google.nl/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>weer</title>' }),
    );
    await enterCode(page, receipt);
    await expect.poll(() => page.getByText(QUESTION).count()).toBe(1);
    const before = await page.evaluate('history.length');
    await Promise.all([page.waitForURL(/google\.nl/), page.getByRole('button', { name: 'Snel weg' }).click()]);
    expect(await page.evaluate('history.length')).toBe(before);
    await page.goBack().catch(() => undefined);
    expect(page.url().startsWith(baseUrl)).toBe(false);
    expect(problems).toEqual([]);
  });

  it('answers an unknown code with the server’s kind message and a way to a new report', async () => {
    const { page, problems } = await openPage('/volgen/');
    await expect.poll(() => page.getByLabel('Jouw code').isVisible()).toBe(true);
    await enterCode(page, '0000-0000-0000-0000');

    const alert = page.getByRole('alert');
    await expect.poll(() => alert.isVisible()).toBe(true);
    expect(await alert.textContent()).toContain('We kennen deze code niet.');
    expect(await alert.textContent()).toContain('We kunnen een code die kwijt is niet terugvinden.');
    expect(await alert.getByRole('link', { name: 'Maak een nieuwe melding' }).getAttribute('href')).toBe('/');
    expect(await focused(page)).toContain('div#problem');
    expect(await page.getByLabel('Jouw code').getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    // 404 from the API is the expected answer here, not a page problem.
    expect(problems.filter((problem) => !problem.includes('404'))).toEqual([]);
  });

  it('checks the shape of a code in the browser before asking the server', async () => {
    const { page } = await openPage('/volgen');
    await expect.poll(() => page.getByLabel('Jouw code').isVisible()).toBe(true);
    let lookups = 0;
    page.on('request', (request) => {
      if (request.url().endsWith('/api/followup')) lookups += 1;
    });
    await enterCode(page, '1234-5678');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Een code is zes woorden. Of 16 cijfers.');
    expect(lookups).toBe(0);
    // The DOM scan used after "Klaar" does see a typed code.
    expect(await everythingInTheDom(page)).toContain('1234-5678');
  });

  it('forgets everything after ten minutes without activity, and says why', async () => {
    const { receipt, id } = await reportAnonymously();
    await t.context.db.updateTable('report').set({ reporter_status: 'in_progress' }).where('id', '=', id).execute();
    context = await browser.newContext({ viewport: { width: 800, height: 900 } });
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(`${baseUrl}/volgen`);
    await expect.poll(() => page.getByLabel('Jouw code').isVisible()).toBe(true);
    await enterCode(page, receipt);
    await expect.poll(() => page.getByText('We zijn ermee bezig.').isVisible()).toBe(true);
    expect(await page.getByText('Er zijn nog geen berichten.', { exact: false }).isVisible()).toBe(true);

    await page.clock.fastForward('09:00');
    expect(await page.getByText('We zijn ermee bezig.').isVisible()).toBe(true);
    await page.clock.fastForward('01:01');
    await expect.poll(() => page.getByText('Je deed 10 minuten niets.', { exact: false }).isVisible()).toBe(true);
    expect(await page.getByLabel('Jouw code').inputValue()).toBe('');
    expect(await everythingInTheDom(page)).not.toContain(normalizeReceiptCode(receipt)!);
  });

  // Last in this block: it uses up this address's follow-up budget on the shared server.
  it('shows the server’s message when there were too many tries', async () => {
    const { page } = await openPage('/volgen');
    await expect.poll(() => page.getByLabel('Jouw code').isVisible()).toBe(true);
    let status = 0;
    for (let tries = 0; tries <= FOLLOW_UP_RATE_LIMIT && status !== 429; tries += 1) {
      const response = await fetch(`${baseUrl}/api/followup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ receipt: '0000-0000-0000-0000' }),
      });
      status = response.status;
    }
    expect(status).toBe(429);
    await enterCode(page, '1111-2222-3333-4444');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Wacht een paar minuten');
    expect(await page.getByRole('alert').textContent()).not.toContain('Ben je je code kwijt?');
  });
});

describe('follow-up page in English', () => {
  it('switches to English', async () => {
    const { page } = await openPage('/volgen');
    await chooseLanguage(page, 'en');
    await expect.poll(() => page.getByLabel('Your code').isVisible()).toBe(true);
    expect(await page.title()).toBe('Follow your report');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });
});

describe('receipt view after a report', () => {
  const CODE = '1234-5678-9012-3456';

  /** The receipt component as the report page shows it after sending. */
  async function showReceipt(page: Page): Promise<void> {
    // As after a real report: the receipt appears only once the page has its catalog (the form is drawn).
    await expect.poll(() => page.getByRole('button', { name: 'Snel weg' }).isVisible()).toBe(true);
    await page.evaluate(`{
      const receipt = document.createElement('receipt-code');
      receipt.setAttribute('code', '${CODE}');
      receipt.setAttribute('school', 'CBS de Kopakker');
      document.body.append(receipt);
    }`);
    await expect.poll(() => page.getByRole('button', { name: 'Print' }).isVisible()).toBe(true);
  }

  /** Whether leaving the page now would ask "are you sure?". */
  function leavingAsks(page: Page): Promise<boolean> {
    return page.evaluate(`!window.dispatchEvent(new Event('beforeunload', { cancelable: true }))`);
  }

  it('asks before leaving until the code is written down, links to /volgen, and prints only the slip', async () => {
    const { page, problems } = await openPage('/');
    await showReceipt(page);

    expect(await leavingAsks(page)).toBe(true);
    // Chromium asks only on a page the person has touched: the click on the link is that touch (a real
    // input event), so the question comes with the navigation it starts. The click ends only once the
    // question is answered, so the answer ("stay") is given as the dialog event arrives, however late.
    const dialogShown = page.waitForEvent('dialog', { timeout: 20_000 }).then(async (dialog) => {
      await dialog.dismiss();
      return dialog.type();
    });
    await page.getByRole('link', { name: 'Je melding volgen' }).click();
    expect(await dialogShown).toBe('beforeunload');
    expect(page.url()).toBe(`${baseUrl}/`);

    await page.getByLabel('Ik heb mijn code opgeschreven').check();
    expect(await leavingAsks(page)).toBe(false);
    expect(await page.getByRole('link', { name: 'Je melding volgen' }).getAttribute('href')).toBe('/volgen');
    // Only the receipt view: the report form it replaces is another part's business.
    expect(await axeViolations(page, 'receipt-code')).toEqual([]);
    const receiptView = page.locator('receipt-code');
    await receiptView.screenshot({ path: path.join(ARTIFACTS, 'receipt-1280.png') });
    await page.setViewportSize({ width: 320, height: 640 });
    expect(await smallTargets(page)).toEqual([]);
    await receiptView.screenshot({ path: path.join(ARTIFACTS, 'receipt-320.png') });
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.emulateMedia({ media: 'print' });
    const slip = page.locator('receipt-code .slip');
    expect(await slip.isVisible()).toBe(true);
    const slipText = (await slip.textContent()) ?? '';
    expect(slipText).toContain(CODE);
    expect(slipText).toContain('School: CBS de Kopakker');
    expect(slipText).toContain(`${baseUrl}/volgen`);
    expect(await page.getByRole('button', { name: 'Kopieer' }).isVisible()).toBe(false);
    // The slip covers the whole sheet: whatever else the page holds is underneath it.
    const topmost = await page.evaluate(`[[10, 10], [640, 300], [1200, 800]].map(([x, y]) => document.elementFromPoint(x, y).localName)`);
    expect(topmost).toEqual(['receipt-code', 'receipt-code', 'receipt-code']);
    await page.screenshot({ path: path.join(ARTIFACTS, 'receipt-print.png') });
    expect(problems).toEqual([]);
  });

  it('stops asking once the code is copied', async () => {
    const { page } = await openPage('/');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    await showReceipt(page);
    expect(await leavingAsks(page)).toBe(true);
    await page.getByRole('button', { name: 'Kopieer' }).click();
    await expect.poll(() => page.getByText('Gekopieerd!').isVisible()).toBe(true);
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(CODE);
    expect(await leavingAsks(page)).toBe(false);
  });
});
