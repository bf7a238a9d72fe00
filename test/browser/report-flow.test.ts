// The guided report in a real Chromium against the real app: every entry path with the keyboard
// alone, axe-core on every screen (Dutch and English, 320 and 1280 px wide), the danger and fear questions,
// quick exit, read-aloud and the information pages. Needs the build (npm test builds first).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAIL_FOLDER } from '../../server/context.js';
import { normalizeReceiptCode } from '../../server/receipts/receipt-code.js';
import { ARTIFACTS, AXE_RUN_OPTIONS, startBrowserApp, type BrowserApp, chooseLanguage } from '../helpers/chromium.js';
import { pngImage } from '../helpers/images.js';
import { installSpeech, setVoices, spokenIn } from './speech.js';
import type { TestApp } from '../helpers/test-app.js';
import { findReportByReceiptHash } from '../helpers/rows.js';

const AXE_PATH = path.resolve('node_modules/axe-core/axe.min.js');
const NEUTRAL_PAGE = '<!doctype html><html lang="nl"><title>Weer</title><p>Het weer van vandaag</p></html>';

let run: BrowserApp;
let t: TestApp;
let browser: Browser;
let baseUrl: string;
/** Requests that left 127.0.0.1: there must be none. */
const thirdParty: string[] = [];

beforeAll(async () => {
  run = await startBrowserApp();
  ({ t, browser, baseUrl } = run);
});

afterAll(async () => {
  await run?.close();
});

// --- helpers ---

interface Opened {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/**
 * A fresh context (no shared history or storage) on the report page. `bypassCSP` only where
 * axe-core is injected: every other test runs under the server's real CSP.
 */
async function open(width = 1280, url = '/', options: { bypassCSP?: boolean } = {}): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: options.bypassCSP ?? false });
  await context.route('**/*', async (route) => {
    const requested = route.request().url();
    if (requested.startsWith(baseUrl)) return route.continue();
    // The quick exit's neutral page is served here, so that nothing leaves the machine.
    if (requested.startsWith('https://www.google.nl/')) {
      return route.fulfill({ status: 200, contentType: 'text/html', body: NEUTRAL_PAGE });
    }
    thirdParty.push(requested);
    return route.abort();
  });
  const page = await context.newPage();
  // No transitions: axe must not measure a colour halfway through a fade.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(baseUrl + url);
  await page.locator('report-form, info-page').first().waitFor();
  return { context, page, errors };
}

interface Focused {
  tag: string;
  type: string;
  name: string;
  checked: boolean;
  value: string;
}

/** The focused element, looking through shadow roots, with the name a screen reader would use. */
function focused(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    let element: Element | null = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    if (!element || element === document.body) return null;
    const control = element as HTMLInputElement;
    const labels = control.labels ? [...control.labels].map((label) => label.textContent ?? '').join(' ') : '';
    // A soft hyphen (where a long word may break) is not said.
    const name = (element.getAttribute('aria-label') || labels || element.textContent || '')
      .replaceAll('\u00ad', '')
      .replace(/\s+/g, ' ')
      .trim();
    return {
      tag: element.tagName.toLowerCase(),
      type: element.getAttribute('type') ?? '',
      name,
      checked: Boolean(control.checked),
      value: typeof control.value === 'string' ? control.value : '',
    };
  });
}

/** Presses Tab until the focused element matches; fails with what it passed on the way. */
async function tabTo(page: Page, match: (element: Focused) => boolean, what: string): Promise<Focused> {
  const seen: string[] = [];
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const element = await focused(page);
    if (element && match(element)) return element;
    seen.push(element ? `${element.tag}[${element.type}] ${element.name}` : '(none)');
  }
  throw new Error(`Tab never reached ${what}. Passed: ${seen.join(' | ')}`);
}

const named = (name: string | RegExp) => (element: Focused) =>
  typeof name === 'string' ? element.name === name : name.test(element.name);

/** Tabs into the radio group and moves with the arrow keys to `label` (arrows select; Space for the first). */
async function chooseRadio(page: Page, label: string): Promise<void> {
  await tabTo(page, (element) => element.type === 'radio', `a radio group for "${label}"`);
  for (let i = 0; i < 10; i++) {
    const element = await focused(page);
    if (element?.name === label) {
      if (!element.checked) await page.keyboard.press('Space');
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`No radio "${label}"`);
}

async function tick(page: Page, label: string): Promise<void> {
  await tabTo(page, (element) => element.type === 'checkbox' && element.name === label, `checkbox "${label}"`);
  await page.keyboard.press('Space');
  expect((await focused(page))?.checked).toBe(true);
}

async function typeInto(page: Page, match: (element: Focused) => boolean, what: string, text: string): Promise<void> {
  await tabTo(page, match, what);
  await page.keyboard.type(text);
}

/** The question on screen: the focused heading after each move. */
async function expectQuestion(page: Page, title: string | RegExp): Promise<void> {
  await expect
    .poll(async () => {
      const element = await focused(page);
      return element?.tag === 'h2' ? element.name : `(focus on ${element?.tag ?? 'nothing'} ${element?.name ?? ''})`;
    }, { timeout: 5_000 })
    .toMatch(typeof title === 'string' ? new RegExp(`^${escapeRegExp(title)}$`) : title);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Tabs to the forward button ("Verder", "Sla over", "Klaar") and presses Enter. */
async function next(page: Page, expected?: 'Verder' | 'Sla over'): Promise<void> {
  const button = await tabTo(page, named(/^(Verder|Sla over|Klaar)$/), 'the forward button');
  if (expected) expect(button.name).toBe(expected);
  await page.keyboard.press('Enter');
}

async function choosePath(page: Page, entry: string, firstQuestion: string | RegExp): Promise<void> {
  await tabTo(page, named(entry), `entry path "${entry}"`);
  await page.keyboard.press('Enter');
  await expectQuestion(page, firstQuestion);
}

async function sendFromSummary(page: Page): Promise<string> {
  await expect.poll(() => page.locator('report-form form').getAttribute('class')).toContain('step-summary');
  await tabTo(page, named('Verstuur'), 'Verstuur');
  await page.keyboard.press('Enter');
  const code = page.locator('receipt-code #code');
  await code.waitFor({ timeout: 10_000 });
  const receipt = /^[a-z]+(-[a-z]+){5}$/.exec((await code.innerText()).replace(/\s+/g, ''))?.[0];
  expect(receipt).toBeDefined();
  return receipt!;
}

async function storedReport(receipt: string) {
  const hash = t.context.keyedHash(normalizeReceiptCode(receipt)!);
  return findReportByReceiptHash(t.context.db, hash);
}

async function lastOutboxId(): Promise<number> {
  const row = await t.context.db.selectFrom('outbox').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  return Number(row?.id ?? 0);
}

async function snapshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: unknown[] }[];
}

/** axe-core, target sizes and horizontal overflow, in both languages, at 1280 and 320 px. */
async function audit(page: Page, state: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  const problems: string[] = [];
  for (const language of ['nl', 'en'] as const) {
    await chooseLanguage(page, language);
    for (const width of [1280, 320]) {
      await page.setViewportSize({ width, height: 900 });
      const where = `${state} (${language}, ${width}px)`;
      const { violations, passed } = await page.evaluate(async (options) => {
        type Result = { violations: AxeViolation[]; passes: unknown[] };
        const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<Result> } }).axe;
        const result = await axe.run(document, options);
        return {
          passed: result.passes.length,
          violations: result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })),
        };
      }, AXE_RUN_OPTIONS);
      // A run that checked nothing would pass too: make sure axe looked at the page.
      expect(passed).toBeGreaterThan(10);
      for (const violation of violations) {
        problems.push(`${where}: ${violation.id} (${violation.help}) at ${JSON.stringify(violation.nodes.map((n) => n.target))}`);
      }
      const layout = await page.evaluate(() => {
        function* walk(root: Document | ShadowRoot): Generator<Element> {
          for (const element of root.querySelectorAll('*')) {
            yield element;
            if (element.shadowRoot) yield* walk(element.shadowRoot);
          }
        }
        const small: string[] = [];
        const targets =
          'button, a[href], label.option, label.pick, select, textarea, input:not([type=radio]):not([type=checkbox]):not([type=file])';
        for (const element of walk(document)) {
          if (!element.matches(targets)) continue;
          const box = element.getBoundingClientRect();
          if (box.width === 0 && box.height === 0) continue;
          if (box.width < 44 || box.height < 44) {
            small.push(`${element.tagName.toLowerCase()} "${(element.textContent ?? '').trim().slice(0, 30)}" ${Math.round(box.width)}x${Math.round(box.height)}`);
          }
        }
        return { small, overflow: document.documentElement.scrollWidth - window.innerWidth };
      });
      for (const target of layout.small) problems.push(`${where}: target smaller than 44x44: ${target}`);
      if (layout.overflow > 0) problems.push(`${where}: ${layout.overflow}px wider than the window`);
    }
  }
  await chooseLanguage(page, 'nl');
  await page.setViewportSize({ width: 1280, height: 900 });
  expect(problems).toEqual([]);
}

// --- the entry paths, keyboard only ---

describe('the guided report with the keyboard alone', () => {
  it('"Het gebeurt bij mij": in danger now, not afraid of school, every question answered; stored as urgent, mail marked DRINGEND', async () => {
    const { context, page, errors } = await open();
    await snapshot(page, 'start-screen');
    const outboxBefore = await lastOutboxId();

    await choosePath(page, 'Het gebeurt bij mij', 'Ben je nu in gevaar?');
    await snapshot(page, 'path-self-first-step');
    await chooseRadio(page, 'Ja');
    // The numbers appear at once, big, and are announced (role=alert).
    const urgent = page.locator('report-form .urgent[role="alert"]');
    await expect.poll(() => urgent.isVisible()).toBe(true);
    expect(await urgent.locator('a[href="tel:112"]').innerText()).toContain('Bel 112');
    expect(await urgent.locator('a[href="tel:08000432"]').innerText()).toContain('0800-0432');
    const numberSize = await urgent.locator('.number').first().evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
    expect(numberSize).toBeGreaterThanOrEqual(24);
    // On a Chromebook tel: does nothing: De Kindertelefoon's chat is a plain link beside the numbers.
    const chat = urgent.locator('a[href="https://www.kindertelefoon.nl"]');
    expect(await chat.innerText()).toBe('www.kindertelefoon.nl');
    expect(await chat.getAttribute('target')).toBe('_blank');
    expect(await urgent.locator('button', { hasText: 'Stuur nu naar school' }).count()).toBe(1);
    await next(page, 'Verder');
    await expectQuestion(page, 'Ben je bang om naar school te gaan?');
    await chooseRadio(page, 'Nee');
    await next(page, 'Verder');

    await expectQuestion(page, 'Wat gebeurt er?');
    await tick(page, 'Schelden of uitlachen');
    await tick(page, 'Slaan, schoppen of duwen');
    await next(page, 'Verder');
    await expectQuestion(page, 'Waar gebeurt het?');
    await tick(page, 'Op het plein');
    await next(page);
    await expectQuestion(page, 'Hoe vaak gebeurt het?');
    await chooseRadio(page, 'Bijna elke dag');
    await next(page);
    await expectQuestion(page, 'Sinds wanneer gebeurt het?');
    await chooseRadio(page, 'Al een paar weken');
    await next(page);
    await expectQuestion(page, 'Zijn jullie even sterk?');
    await chooseRadio(page, 'Nee, de ander is sterker');
    await next(page);
    await expectQuestion(page, 'Gebeurt het steeds bij jou?');
    await chooseRadio(page, 'Ja, steeds bij mij');
    // Enter on an answer goes on, too.
    await page.keyboard.press('Enter');
    await expectQuestion(page, 'Is het een grapje? Of is het gemeen?');
    await chooseRadio(page, 'Het is gemeen');
    await next(page);
    await expectQuestion(page, 'Vertel wat er gebeurt.');
    await typeInto(page, (element) => element.tag === 'textarea', 'the story', 'Ze duwen mij elke dag in de pauze.');
    await next(page);
    await expectQuestion(page, 'Weet je wie het zijn?');
    // It happens to me: "bij wie?" is not asked.
    expect(await page.locator('report-form names-fields text-field').count()).toBe(1);
    await typeInto(page, named('Wie doet het?'), 'who does it', 'Sam en Daan');
    await next(page);
    await expectQuestion(page, 'Wil je je naam geven?');
    await next(page, 'Verder');
    await expectQuestion(page, 'Wie mag dit lezen?');
    await next(page, 'Verder');

    const summary = await page.locator('report-form dl.summary').innerText();
    expect(summary).toContain('Ze duwen mij elke dag in de pauze.');
    expect(summary).toContain('Schelden of uitlachen');
    expect(summary).toContain('Nee, zonder naam');
    const receipt = await sendFromSummary(page);

    const report = await storedReport(receipt);
    expect(report).toMatchObject({
      role: 'self',
      urgent: 1,
      in_danger: 1,
      afraid_of_school: 0,
      anonymous: 1,
      reporter_name: null,
      description: 'Ze duwen mij elke dag in de pauze.',
      frequency: 'daily',
      since: 'few_weeks',
      equal: 0,
      same_target: 1,
      hurtful: 1,
      target: null,
      perpetrators: 'Sam en Daan',
      recipients: 'default',
    });
    expect(JSON.parse(report.kinds).sort()).toEqual(['physical', 'verbal']);
    expect(JSON.parse(report.places)).toEqual(['playground']);
    const mails = await t.context.db.selectFrom('outbox').select('subject').where('id', '>', outboxBefore).execute();
    expect(mails.length).toBe(2);
    for (const mail of mails) expect(mail.subject).toMatch(/^DRINGEND: /);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('"Ik zie het bij iemand anders": afraid of school, "weet ik niet", names, a name given, only the vertrouwenspersoon', async () => {
    const { context, page, errors } = await open();
    await choosePath(page, 'Ik zie het bij iemand anders', 'Is iemand nu in gevaar?');
    await snapshot(page, 'path-bystander-first-step');
    await chooseRadio(page, 'Nee');
    expect(await page.locator('report-form .urgent').count()).toBe(0);
    await next(page);
    // Afraid to go to school: urgent for the school, and no 112.
    await expectQuestion(page, 'Is dat kind bang om naar school te gaan?');
    await chooseRadio(page, 'Ja');
    await expect.poll(() => page.locator('report-form .afraid-note').innerText()).toBe('Dan weet de school dat het snel moet.');
    expect(await page.locator('report-form .urgent').count()).toBe(0);
    expect(await page.locator('report-form a[href^="tel:"]').count()).toBe(0);
    await next(page);
    await expectQuestion(page, 'Wat gebeurt er?');
    await tick(page, 'Niet mee mogen doen');
    await next(page);
    await expectQuestion(page, 'Waar gebeurt het?');
    await tick(page, 'In de klas');
    await next(page);
    await expectQuestion(page, 'Hoe vaak gebeurt het?');
    await chooseRadio(page, 'Elke week');
    await next(page);
    await expectQuestion(page, 'Sinds wanneer gebeurt het?');
    await next(page, 'Sla over');
    await expectQuestion(page, 'Zijn ze even sterk?');
    await chooseRadio(page, 'Weet ik niet');
    await next(page);
    await expectQuestion(page, 'Gebeurt het steeds bij hetzelfde kind?');
    await chooseRadio(page, 'Ja, steeds bij hetzelfde kind');
    await next(page);
    await expectQuestion(page, 'Is het een grapje? Of is het gemeen?');
    await next(page, 'Sla over');
    await expectQuestion(page, 'Vertel wat er gebeurt.');
    // The story is required: "Verder" without it stays here and says why.
    await next(page, 'Verder');
    await expect.poll(() => page.locator('report-form text-field').getAttribute('error')).toBe('Schrijf eerst wat er gebeurt.');
    expect((await focused(page))?.tag).toBe('textarea');
    await page.keyboard.type('Noor mag nooit meedoen met buitenspelen.');
    await next(page);
    await expectQuestion(page, 'Weet je wie het zijn?');
    await typeInto(page, named('Bij wie gebeurt het?'), 'the target', 'Noor');
    await typeInto(page, named('Wie doet het?'), 'who does it', 'Een paar kinderen uit groep 6');
    await next(page);
    await expectQuestion(page, 'Wil je je naam geven?');
    await chooseRadio(page, 'Ja, met mijn naam');
    await typeInto(page, named('Je naam'), 'the name', 'Lotte');
    await tabTo(page, (element) => element.tag === 'select', 'the group');
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowDown');
    expect((await focused(page))?.value).toBe('6');
    await typeInto(page, named('Je e-mail'), 'the e-mail', 'lotte@example.nl');
    await tabTo(page, named('Ja, stuur mij een mailtje. Wat de school schrijft, staat er niet in.'), 'the answer-mail box');
    await page.keyboard.press('Space');
    await next(page);
    await expectQuestion(page, 'Wie mag dit lezen?');
    await chooseRadio(page, 'Alleen de vertrouwenspersoon');
    await next(page);

    // Back keeps every answer: go back to the names and forward again.
    await expectQuestion(page, 'Klopt dit?');
    await tabTo(page, named('Terug'), 'Terug');
    await page.keyboard.press('Enter');
    await expectQuestion(page, 'Wie mag dit lezen?');
    await tabTo(page, named('Terug'), 'Terug');
    await page.keyboard.press('Enter');
    await expectQuestion(page, 'Wil je je naam geven?');
    expect(await page.locator('report-form identity-fields text-field').first().evaluate((element) => (element as unknown as { value: string }).value)).toBe('Lotte');
    await next(page);
    await next(page);
    const receipt = await sendFromSummary(page);

    const report = await storedReport(receipt);
    expect(report).toMatchObject({
      role: 'bystander',
      urgent: 1,
      in_danger: 0,
      afraid_of_school: 1,
      anonymous: 0,
      reporter_name: 'Lotte',
      reporter_group: 6,
      reporter_email: 'lotte@example.nl',
      notify_on_answer: 1,
      description: 'Noor mag nooit meedoen met buitenspelen.',
      frequency: 'weekly',
      since: null,
      equal: null,
      same_target: 1,
      hurtful: null,
      target: 'Noor',
      perpetrators: 'Een paar kinderen uit groep 6',
      recipients: 'vertrouwenspersoon',
    });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('"Ik ben ouder/verzorger": signals, cyberpesten with a screenshot; stored, and both contacts mailed', async () => {
    const { context, page, errors } = await open(390);
    const outboxBefore = await lastOutboxId();
    await choosePath(page, 'Ik ben ouder of verzorger', 'Is je kind nu in gevaar?');
    await snapshot(page, 'path-parent-first-step');
    await chooseRadio(page, 'Nee');
    await next(page);
    await expectQuestion(page, 'Is je kind bang om naar school te gaan?');
    await chooseRadio(page, 'Nee');
    await next(page);
    await expectQuestion(page, 'Zie je een van deze signalen bij je kind?');
    await tick(page, 'Wil niet meer naar school, of zegt zich ziek te voelen');
    await tick(page, 'Wordt bedreigd via sociale media of apps');
    await next(page);
    await expectQuestion(page, 'Wat gebeurt er?');
    await tick(page, 'Gemeen doen in een app of game');
    await next(page);
    await expectQuestion(page, 'Waar gebeurt het?');
    await tick(page, 'Online');
    await next(page);
    await expectQuestion(page, 'Waar online gebeurt het?');
    await tick(page, 'WhatsApp');
    await next(page);
    await expectQuestion(page, 'Heb je een foto van je scherm?');
    // Listening first: the browser is told to hand file choosers to the test without an answer, so a
    // key pressed at once could come before that and open no chooser the test sees.
    const chooserOpened = page.waitForEvent('filechooser');
    await tabTo(page, (element) => element.type === 'file', 'the screenshot picker');
    await page.keyboard.press('Space');
    const chooser = await chooserOpened;
    await chooser.setFiles({ name: 'groepsapp.png', mimeType: 'image/png', buffer: await pngImage(120, 240) });
    await expect.poll(() => page.locator('report-form screenshot-picker li').count()).toBe(1);
    await next(page, 'Verder');
    await expectQuestion(page, 'Hoe vaak gebeurt het?');
    for (const question of ['Sinds wanneer gebeurt het?', 'Zijn ze even sterk?', 'Gebeurt het steeds bij hetzelfde kind?', 'Is het een grapje? Of is het gemeen?']) {
      await next(page, 'Sla over');
      await expectQuestion(page, question);
    }
    await next(page, 'Sla over');
    await expectQuestion(page, 'Vertel wat er gebeurt.');
    await typeInto(page, (element) => element.tag === 'textarea', 'the story', 'In de klassenapp wordt mijn dochter uitgescholden.');
    for (let i = 0; i < 4; i++) await next(page);
    const receipt = await sendFromSummary(page);

    const report = await storedReport(receipt);
    expect(report).toMatchObject({ role: 'parent', anonymous: 1, urgent: 0, in_danger: 0, afraid_of_school: 0, frequency: null });
    expect(report.description).toBe(
      'In de klassenapp wordt mijn dochter uitgescholden.\n\nSignalen: Wil niet meer naar school, of zegt zich ziek te voelen; Wordt bedreigd via sociale media of apps.',
    );
    expect(JSON.parse(report.platforms)).toEqual(['whatsapp']);
    expect(JSON.parse(report.kinds)).toEqual(['cyber']);
    const shots = await t.context.db.selectFrom('screenshot').select(['mime_type', 'width', 'height']).where('report_id', '=', report.id).execute();
    expect(shots).toEqual([{ mime_type: 'image/png', width: 120, height: 240 }]);

    // Sent mails leave the outbox: note this report's rows first.
    const rows = await t.context.db.selectFrom('outbox').select('id').where('id', '>', outboxBefore).execute();
    expect(rows.length).toBe(2);
    await t.context.mailWorker.sendDue();
    const recipients: string[] = [];
    for (const row of rows) {
      const file = path.join(t.dataDir, MAIL_FOLDER, `${String(row.id).padStart(7, '0')}.eml`);
      expect(existsSync(file)).toBe(true);
      const mail = await simpleParser(await readFile(file));
      expect(mail.subject).not.toMatch(/DRINGEND/);
      expect(mail.text).not.toContain('dochter');
      for (const to of Array.isArray(mail.to) ? mail.to : [mail.to]) {
        for (const address of to?.value ?? []) recipients.push(address.address?.toLowerCase() ?? '');
      }
    }
    expect(recipients.sort()).toEqual(['bertine.pas@vivente.nu', 'elmar.van.dokkum@vivente.nu']);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('"Iets anders": everything optional skipped, only the story', async () => {
    const { context, page, errors } = await open();
    await choosePath(page, 'Iets anders', 'Is iemand nu in gevaar?');
    await snapshot(page, 'path-other-first-step');
    for (let i = 0; i < 9; i++) await next(page, 'Sla over');
    await expectQuestion(page, 'Vertel wat er gebeurt.');
    await typeInto(page, (element) => element.tag === 'textarea', 'the story', 'Ik zag iets op het plein.');
    for (let i = 0; i < 4; i++) await next(page);
    const receipt = await sendFromSummary(page);
    const report = await storedReport(receipt);
    expect(report).toMatchObject({ role: 'other', urgent: 0, afraid_of_school: null, anonymous: 1, description: 'Ik zag iets op het plein.', kinds: '[]' });
    expect(errors).toEqual([]);
    await context.close();
  });
});

// --- accessibility on every screen ---

describe('accessibility', () => {
  it('axe finds nothing on any screen, in Dutch and English, at 320 and 1280 px; targets 44x44; no sideways scrolling', async () => {
    const { context, page, errors } = await open(1280, '/', { bypassCSP: true });
    await audit(page, 'start');
    await choosePath(page, 'Ik ben ouder of verzorger', /gevaar/);
    await chooseRadio(page, 'Ja');
    await audit(page, 'danger with the numbers');
    // Not in danger after all: the story is required again, so its message can be audited below.
    await chooseRadio(page, 'Nee');
    const steps: [string, (() => Promise<void>)?][] = [
      ['afraid', () => chooseRadio(page, 'Ja')],
      ['signals', () => tick(page, 'Is gauw boos of prikkelbaar')],
      ['kinds', () => tick(page, 'Gemeen doen in een app of game')],
      ['places', () => tick(page, 'Online')],
      ['platforms', () => tick(page, 'TikTok')],
      [
        'screenshots',
        async () => {
          await page.locator('report-form screenshot-picker input[type=file]').setInputFiles({
            name: 'een-heel-lange-bestandsnaam-van-een-screenshot-uit-de-groepsapp.png',
            mimeType: 'image/png',
            buffer: await pngImage(30, 30),
          });
        },
      ],
      ['frequency'],
      ['since', () => chooseRadio(page, 'Sinds deze week')],
      ['equal'],
      ['sameTarget'],
      ['hurtful'],
      ['description'],
      ['names'],
      ['identity', () => chooseRadio(page, 'Ja, met mijn naam')],
      ['recipients'],
    ];
    for (const [step, act] of steps) {
      await next(page);
      await expect.poll(() => page.locator('report-form form').getAttribute('class')).toContain(`step-${step}`);
      if (act) await act();
      if (step === 'description') {
        await next(page, 'Verder'); // the message of an empty story
        await audit(page, 'description with its error');
        await typeInto(page, (element) => element.tag === 'textarea', 'the story', 'Er worden nare berichten gestuurd.');
      } else {
        await audit(page, step);
      }
    }
    await next(page);
    await expectQuestion(page, 'Klopt dit?');
    await audit(page, 'summary');
    await sendFromSummary(page);
    await audit(page, 'receipt');

    for (const topic of ['Plagen of pesten?', 'Afspraken over social media', 'Wie helpt je?', 'Voor ouders']) {
      await page.locator('footer a', { hasText: topic }).click();
      await page.locator('info-page').waitFor();
      if (topic === 'Wie helpt je?') await page.locator('info-page table').waitFor();
      await audit(page, `info: ${topic}`);
    }
    expect(errors).toEqual([]);
    expect(thirdParty).toEqual([]);
    await context.close();
  }, 180_000);

  it('at 200% zoom (640 px) nothing scrolls sideways and the sticky bar never hides what has focus', async () => {
    const { context, page } = await open(640);
    await page.setViewportSize({ width: 640, height: 450 });
    const problems: string[] = [];
    const check = async (where: string) => {
      const state = await page.evaluate(() => {
        let element: Element | null = document.activeElement;
        while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
        const bar = document.querySelector('klikvrij-app')!.shadowRoot!.querySelector('header')!.getBoundingClientRect();
        let inBar = false;
        for (let node: Node | null = element; node; node = node instanceof ShadowRoot ? node.host : node.parentNode) {
          if (node instanceof HTMLElement && node.tagName === 'HEADER') inBar = true;
        }
        const box = element?.getBoundingClientRect();
        return {
          name: element?.textContent?.trim().slice(0, 30) ?? '',
          hidden: !inBar && box !== undefined && box.bottom <= bar.bottom + 1,
          overflow: document.documentElement.scrollWidth - window.innerWidth,
        };
      });
      if (state.hidden) problems.push(`${where}: "${state.name}" is under the sticky bar`);
      if (state.overflow > 0) problems.push(`${where}: ${state.overflow}px sideways`);
    };
    await choosePath(page, 'Ik ben ouder of verzorger', /gevaar/);
    for (let screen = 0; screen < 8; screen++) {
      // Backwards too: Shift+Tab scrolls up, where a sticky bar could cover the target.
      for (let i = 0; i < 6; i++) {
        await page.keyboard.press('Tab');
        await check(`screen ${screen}, Tab ${i}`);
      }
      for (let i = 0; i < 4; i++) {
        await page.keyboard.press('Shift+Tab');
        await check(`screen ${screen}, Shift+Tab ${i}`);
      }
      await next(page);
    }
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('respects forced colours and reduced motion without losing the focus ring', async () => {
    const { context, page } = await open();
    await page.emulateMedia({ forcedColors: 'active', reducedMotion: 'reduce' });
    await tabTo(page, named('Het gebeurt bij mij'), 'the first entry');
    const outline = await page.evaluate(() => {
      let element: Element | null = document.activeElement;
      while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
      const style = getComputedStyle(element!);
      return { width: parseFloat(style.outlineWidth), style: style.outlineStyle, transition: style.transitionDuration };
    });
    expect(outline.style).toBe('solid');
    expect(outline.width).toBeGreaterThanOrEqual(2);
    expect(outline.transition).toBe('0s');
    await snapshot(page, 'start-forced-colors');
    await context.close();
  });
});

// --- quick exit ---

describe('Snel weg', () => {
  it('the button clears the form and replaces the page: no history entry, back does not return', async () => {
    const { context, page } = await open();
    await choosePath(page, 'Het gebeurt bij mij', /gevaar/);
    await chooseRadio(page, 'Ja');
    const before = await page.evaluate(() => history.length);
    // Shift+Tab: the button is at the top of every page.
    await page.keyboard.press('Shift+Tab');
    let element = await focused(page);
    for (let i = 0; i < 20 && element?.name !== 'Snel weg'; i++) {
      await page.keyboard.press('Shift+Tab');
      element = await focused(page);
    }
    expect(element?.name).toBe('Snel weg');
    await Promise.all([page.waitForURL(/google\.nl/), page.keyboard.press('Enter')]);
    expect(await page.evaluate(() => history.length)).toBe(before);
    await page.goBack().catch(() => undefined);
    expect(page.url().startsWith(baseUrl)).toBe(false);
    await context.close();
  });

  it('leaves from the receipt too, without a "leave this page?" question', async () => {
    const { context, page } = await open();
    await choosePath(page, 'Iets anders', /gevaar/);
    for (let i = 0; i < 9; i++) await next(page, 'Sla over');
    await typeInto(page, (element) => element.tag === 'textarea', 'the story', 'Snel weg na het versturen.');
    for (let i = 0; i < 4; i++) await next(page);
    await sendFromSummary(page);
    await page.locator('receipt-code input[type=checkbox]').count(); // the receipt is on screen
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.type());
      void dialog.dismiss();
    });
    await Promise.all([page.waitForURL(/google\.nl/, { timeout: 5_000 }), page.locator('quick-exit button').click()]);
    expect(dialogs).toEqual([]);
    await context.close();
  });

  it('Escape twice leaves too; once does not', async () => {
    const { context, page } = await open();
    await choosePath(page, 'Ik zie het bij iemand anders', /gevaar/);
    const before = await page.evaluate(() => history.length);
    await page.keyboard.press('Escape');
    await page.waitForTimeout(100);
    expect(page.url().startsWith(baseUrl)).toBe(true);
    await Promise.all([page.waitForURL(/google\.nl/), page.keyboard.press('Escape')]);
    expect(await page.evaluate(() => history.length)).toBe(before);
    await context.close();
  });

  it('goes where index.html says (data-exit-url)', async () => {
    const { context, page } = await open();
    await page.evaluate((url) => {
      document.body.dataset['exitUrl'] = url;
    }, `${baseUrl}/healthz`);
    await Promise.all([page.waitForURL(`${baseUrl}/healthz`), page.locator('quick-exit button').click()]);
    await context.close();
  });
});

// --- read aloud ---

describe('read aloud', () => {
  it('reads the question with a voice on the device; without one the button stays and says why', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await installSpeech(context);
    const page = await context.newPage();
    await page.goto(baseUrl);
    await page.locator('report-form').waitFor();
    // No voice at all: the button is there, and pressing it explains.
    await page.locator('report-form read-aloud button').click();
    await expect.poll(() => page.locator('report-form read-aloud .no-voice').innerText()).toBe(
      'Deze computer kan niet voorlezen. Vraag iemand om het voor te lezen.',
    );
    expect(await spokenIn(page)).toEqual([]);

    // A Dutch voice on the device, and an English one that lives on a server: only the first counts.
    await setVoices(page, [
      { lang: 'nl-NL', name: 'Nederlands', localService: true },
      { lang: 'en-GB', name: 'Cloud English', localService: false },
    ]);
    await tabTo(page, named('Lees voor: Wie ben jij?'), 'the speaker button');
    await page.keyboard.press('Enter');
    const spoken = await spokenIn(page);
    expect(spoken).toHaveLength(1);
    expect(spoken[0]!.lang).toBe('nl-NL');
    expect(spoken[0]!.text).toContain('Wie ben jij?');
    expect(spoken[0]!.text).toContain('Het gebeurt bij mij.');

    // No English voice on the device (the cloud one never counts): in English the button explains.
    await chooseLanguage(page, 'en');
    await page.locator('report-form read-aloud button').click();
    await expect.poll(() => page.locator('report-form read-aloud .no-voice').innerText()).toBe(
      'This computer cannot read aloud. Ask someone to read it to you.',
    );
    expect(await spokenIn(page)).toHaveLength(1);
    await context.close();
  });
});

// --- information pages ---

describe('information pages', () => {
  it('open from every page without losing answers, and show the seed’s table, rules, contacts and steps', async () => {
    const { context, page, errors } = await open();
    await choosePath(page, 'Het gebeurt bij mij', /gevaar/);
    await next(page);
    await next(page);
    await tick(page, 'Bang maken of dreigen');
    const entries = await page.evaluate(() => history.length);

    await tabTo(page, named('Plagen of pesten?'), 'the link to plagen of pesten');
    await page.keyboard.press('Enter');
    await expectQuestion(page, 'Plagen of pesten?');
    expect(await page.locator('info-page tbody tr').count()).toBe(4);
    expect(await page.locator('info-page thead').innerText()).toMatch(/Plagen\s+Pesten/);

    await page.locator('footer a', { hasText: 'Afspraken over social media' }).click();
    await expect.poll(() => page.locator('info-page .rules li').count()).toBe(11);

    await page.locator('footer a', { hasText: 'Wie helpt je?' }).click();
    await page.locator('info-page table').waitFor();
    const contacts = await page.locator('info-page table').innerText();
    for (const name of ['Bertine Pas', 'Elmar van Dokkum', 'Yvonne de Bruin', 'Judith van Driel', 'Jorma van den Hoeven']) {
      expect(contacts).toContain(name);
    }
    expect(contacts).toContain('Vertrouwenspersoon');
    expect(await page.locator('info-page').innerText()).not.toContain('@');

    await page.locator('footer a', { hasText: 'Voor ouders' }).click();
    await expect.poll(() => page.locator('info-page .steps li').count()).toBe(7);
    expect(await page.locator('info-page ul li').count()).toBeGreaterThanOrEqual(11);

    // Back to the form: the same question, the same answer.
    await page.locator('main .back button').click();
    await expectQuestion(page, 'Wat gebeurt er?');
    expect(await page.locator('report-form choice-group input[value="threat"]').isChecked()).toBe(true);
    // Information pages open inside the page, four of them over one history entry (Back closes them:
    // test/browser/back-and-draft.test.ts), which the way back to the form went back over.
    expect(await page.evaluate(() => history.length)).toBe(entries + 1);

    // English too.
    await chooseLanguage(page, 'en');
    await page.locator('footer a', { hasText: 'Teasing or bullying?' }).click();
    await expect.poll(() => page.locator('info-page h2').innerText()).toBe('Teasing or bullying?');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('?info= opens a page directly; GET /api/schools/default gives names and roles, never an address', async () => {
    const { context, page } = await open(1280, '/?info=parents');
    await expect.poll(() => page.locator('info-page h2').innerText()).toBe('Voor ouders en verzorgers');
    await context.close();

    const response = await t.app.inject({ method: 'GET', url: '/api/schools/default' });
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('@');
    expect(response.json()).toEqual({
      name: 'CBS de Kopakker',
      contacts: [
        { name: 'Bertine Pas', roles: ['anti-pestcoordinator', 'vertrouwenspersoon'] },
        { name: 'Elmar van Dokkum', roles: ['anti-pestcoordinator', 'directeur'] },
        { name: 'Yvonne de Bruin', roles: ['ib'] },
        { name: 'Judith van Driel', roles: ['orthopedagoog'] },
        { name: 'Jorma van den Hoeven', roles: ['schoolmaatschappelijk-werker'] },
      ],
    });
  });
});
