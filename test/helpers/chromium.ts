import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { MAIL_FOLDER } from '../../server/context.js';
import { PORTAL_PAGE, WEB_ROOT } from '../../server/plugins/web-pages.js';
import { startTestApp, type TestApp } from './test-app.js';

/**
 * Debian's Chromium as its headless shell (package chromium-headless-shell: the same Blink and V8 as
 * the chromium package, without the desktop browser around them; playwright's own headless default).
 * It needs less CPU for the same pages: the languages and staff-portal files took 0.78x the CPU of the
 * full browser (paired runs, load average 10-16). playwright-core never downloads a browser here.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium-headless-shell';

/** Screenshots a person can look at after a run. */
export const ARTIFACTS = path.resolve('test-artifacts');

const AXE_SCRIPT = path.resolve('node_modules/axe-core/axe.min.js');

/**
 * axe-core's options for every audit: violations only, and of the assets axe loads before its rules
 * only the media (for no-autoplay-audio). By default it also copies every style sheet out of every
 * shadow root, for one rule alone, css-orientation-lock, which is experimental and never runs: that
 * copy was about a third of each run's time. The rules run and their results stay the same.
 */
export const AXE_RUN_OPTIONS = { resultTypes: ['violations'], preload: { assets: ['media'] } } as const;

/** A headless Chromium that makes no requests of its own (updates, sync, field trials). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

let workerChromium: Promise<Browser> | undefined;

/**
 * This worker's one Chromium, launched at its first use and kept for the files that follow in the same
 * worker (`isolate: false`): a launch took about a second here (2 cores under load). Each
 * file works in contexts of its own (a fresh profile each: cookies, storage, permissions) and ends with
 * closeContexts(), so no page of one file runs on into the next. Playwright kills the browser when the
 * worker exits; one that crashed, was closed or failed to launch is launched again.
 */
export function sharedChromium(): Promise<Browser> {
  workerChromium ??= launchChromium().then(
    (browser) => {
      browser.once('disconnected', () => (workerChromium = undefined));
      return browser;
    },
    (error: unknown) => {
      workerChromium = undefined;
      throw error;
    },
  );
  return workerChromium;
}

/** Closes every context (and with it every page) a file opened in the shared Chromium. */
export async function closeContexts(browser: Browser): Promise<void> {
  await Promise.all(browser.contexts().map((context) => context.close()));
}

export interface BrowserApp {
  t: TestApp;
  browser: Browser;
  baseUrl: string;
  close: () => Promise<void>;
}

/** The real app on a real port with a fresh database, the built pages, and the worker's Chromium. */
export async function startBrowserApp(options: Parameters<typeof startTestApp>[0] = {}): Promise<BrowserApp> {
  for (const page of ['index.html', 'volgen/index.html', PORTAL_PAGE]) {
    if (!existsSync(path.join(WEB_ROOT, page))) throw new Error(`dist/web/${page} is missing: run npm run build first`);
  }
  await mkdir(ARTIFACTS, { recursive: true });
  const t = await startTestApp(options);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const browser = await sharedChromium();
  return {
    t,
    browser,
    baseUrl,
    async close() {
      await closeContexts(browser);
      await t.close();
    },
  };
}

/**
 * A new browser context at `viewport` on the report form, in `language`, past the first question
 * (`entry`, the role's button text). Page errors are collected in `errors`; motion is reduced, so no
 * transition stands between a click and what the test reads.
 */
export async function openReportForm(
  run: BrowserApp,
  options: { viewport: { width: number; height: number }; language: string; entry: string },
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await run.browser.newContext({ viewport: options.viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(run.baseUrl);
  await page.locator('report-form').waitFor();
  await chooseLanguage(page, options.language);
  await page.locator('report-form .entry', { hasText: options.entry }).click();
  return { context, page, errors };
}

/** The report form's screen (its step id), or '' when no form is on the page. A string: this file has no DOM types. */
export function reportStep(page: Page): Promise<string> {
  return page.evaluate(`(() => {
    const form = document.querySelector('klikvrij-app')?.shadowRoot?.querySelector('report-form')?.shadowRoot;
    return /step-(\\S+)/.exec(form?.querySelector('form')?.className ?? '')?.[1] ?? '';
  })()`);
}

/**
 * axe-core's violations on the page, shadow roots included, as "rule at [targets]" lines. The
 * app's CSP refuses inline scripts, so the script goes in through the DevTools protocol instead
 * of a script tag: the page keeps its real CSP. `scope` limits it to one element and its shadow tree.
 */
export async function axeViolations(page: Page, scope?: string): Promise<string[]> {
  if (!(await page.evaluate('"axe" in window'))) await page.evaluate(await readFile(AXE_SCRIPT, 'utf8'));
  const context = scope ? JSON.stringify({ include: [[scope]] }) : 'document';
  return page.evaluate(`(async () => {
    const result = await axe.run(${context}, ${JSON.stringify(AXE_RUN_OPTIONS)});
    return result.violations.map((v) => v.id + ' at ' + JSON.stringify(v.nodes.map((n) => n.target)));
  })()`);
}

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Sends what the outbox holds, then reads every .eml the server wrote, as a mail program would. */
export async function readMailbox(t: TestApp): Promise<Mail[]> {
  await t.context.mailWorker.sendDue();
  const folder = path.join(t.dataDir, MAIL_FOLDER);
  const files = (await readdir(folder)).filter((file) => file.endsWith('.eml')).sort();
  return Promise.all(
    files.map(async (file) => {
      const parsed = await simpleParser(await readFile(path.join(folder, file)));
      const to = Array.isArray(parsed.to) ? parsed.to.map((address) => address.text).join(', ') : (parsed.to?.text ?? '');
      return { to, subject: parsed.subject ?? '', text: parsed.text ?? '' };
    }),
  );
}

/** Logs `email` in to the staff portal in `page` with the mailed link, as a colleague would; ends at the inbox. */
export async function logInToStaffPortal(run: BrowserApp, page: Page, email: string): Promise<void> {
  await page.goto(`${run.baseUrl}/staff`);
  await page.getByLabel('Je e-mailadres van school').fill(email);
  await page.getByRole('button', { name: 'Stuur mij een inloglink' }).click();
  await page.getByText('inloglink in die mailbox').waitFor();
  const loginMail = (await readMailbox(run.t)).reverse().find((mail) => mail.to.toLowerCase().includes(email.toLowerCase()) && /inloglink/.test(mail.subject));
  if (!loginMail) throw new Error(`no login mail to ${email}`);
  const url = new URL(/https?:\/\/\S+\/staff\/login#[A-Za-z0-9_-]+/.exec(loginMail.text)![0]);
  await page.goto(`${run.baseUrl}${url.pathname}${url.hash}`);
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
  await page.getByRole('heading', { name: 'Meldingen' }).waitFor();
}

/** Picks a language in the page's language picker and waits until the document has switched. */
export async function chooseLanguage(page: Page, language: string): Promise<void> {
  const option = page.locator(`language-switch button[lang="${language}"]`);
  if (!(await option.isVisible())) await page.locator('language-switch .toggle').click();
  await option.click();
  // A selector, not a string predicate: the page's CSP forbids the eval that a string would need.
  await page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
}
