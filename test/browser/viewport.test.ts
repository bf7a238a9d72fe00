// The question and the way on stay in view: on a 1366x768 Chromebook and a 360x740 phone, in Dutch
// and English, every screen of the longest pupil path shows its question heading and its primary
// button without scrolling, below the sticky bar and above the bottom of the window. axe-core runs
// on each screen, and a screenshot of what the child sees is written to test-artifacts/.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, axeViolations, startBrowserApp, type BrowserApp, chooseLanguage } from '../helpers/chromium.js';

const VIEWPORTS = [
  { name: 'chromebook', width: 1366, height: 768 },
  { name: 'phone', width: 360, height: 740 },
] as const;
const LANGUAGES = ['nl', 'en'] as const;

let run: BrowserApp;

beforeAll(async () => {
  run = await startBrowserApp();
});

afterAll(async () => {
  await run?.close();
});

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

interface ScreenLayout {
  step: string;
  heading: Box | null;
  primary: Box[];
  barBottom: number;
  innerWidth: number;
  innerHeight: number;
}

/** Where the heading, the primary control(s) and the sticky bar are, in window coordinates. */
function layoutOf(page: Page): Promise<ScreenLayout> {
  return page.evaluate(() => {
    const app = document.querySelector('klikvrij-app')!.shadowRoot!;
    const form = app.querySelector('report-form')!.shadowRoot!;
    const box = (element: Element | null) => {
      if (!element) return null;
      const { top, bottom, left, right } = element.getBoundingClientRect();
      return { top, bottom, left, right };
    };
    const step = /step-(\S+)/.exec(form.querySelector('form')!.className)?.[1] ?? '';
    // On the first screen the three entry paths are the way on; elsewhere the forward/send button.
    const primary = step === 'role' ? [...form.querySelectorAll('.entries .entry')] : [form.querySelector('.nav .next')];
    return {
      step,
      heading: box(form.querySelector('#question')),
      primary: primary.map(box).filter((b): b is NonNullable<typeof b> => b !== null),
      barBottom: app.querySelector('.bar')!.getBoundingClientRect().bottom,
      innerWidth: window.innerWidth,
      innerHeight: window.innerHeight,
    };
  });
}

function outside(layout: ScreenLayout, what: string, b: Box | null): string[] {
  if (!b) return [`${layout.step}: no ${what}`];
  const inside = b.top >= layout.barBottom && b.bottom <= layout.innerHeight && b.left >= 0 && b.right <= layout.innerWidth;
  return inside ? [] : [`${layout.step}: ${what} at ${JSON.stringify(b)} (window ${layout.innerWidth}x${layout.innerHeight}, bar ends ${layout.barBottom})`];
}

/** Answers what the screen needs so that the next screen is the longest path's next one. */
async function fill(page: Page, step: string): Promise<void> {
  const form = page.locator('report-form');
  if (step === 'kinds') await form.locator('choice-group input[value="cyber"]').check();
  if (step === 'places') await form.locator('choice-group input[value="online"]').check();
  if (step === 'frequency') await form.locator('choice-group input[value="daily"]').check();
  if (step === 'description') await form.locator('textarea').fill('Ze sturen nare berichten in de groepsapp.');
}

/** The story's counter is hidden until 80% of the limit, then says in child words how much is left. */
async function counterNearLimit(page: Page, language: 'nl' | 'en'): Promise<string[]> {
  const counter = page.locator('report-form text-field .counter');
  const problems: string[] = [];
  const textarea = page.locator('report-form textarea');
  const max = Number(await textarea.getAttribute('maxlength'));
  await textarea.fill('x'.repeat(Math.ceil(max * 0.8) - 1));
  if ((await counter.count()) !== 0) problems.push(`description: counter shown below 80% of ${max}`);
  await textarea.fill('x'.repeat(Math.ceil(max * 0.8)));
  const left = max - Math.ceil(max * 0.8);
  const expected = language === 'nl' ? `Nog ${left} letters. Dan is het vol.` : `${left} letters left. Then it is full.`;
  await expect.poll(() => counter.count()).toBe(1);
  if ((await counter.innerText()).trim() !== expected) problems.push(`description: counter says "${await counter.innerText()}"`);
  await textarea.fill('');
  if ((await counter.count()) !== 0) problems.push('description: counter stays when the story is short again');
  return problems;
}

/** "Sla over" is a plain button of Terug's size (as tall, same letters), not coloured as the way on. */
async function skipNotBiggest(page: Page, step: string): Promise<string[]> {
  const sizes = await page.evaluate(() => {
    const form = document.querySelector('klikvrij-app')!.shadowRoot!.querySelector('report-form')!.shadowRoot!;
    const size = (element: Element | null) =>
      element ? { height: element.getBoundingClientRect().height, font: parseFloat(getComputedStyle(element).fontSize) } : null;
    const next = form.querySelector('.nav .next');
    return {
      skip: next?.classList.contains('skip') ?? false,
      primary: next?.classList.contains('primary') ?? false,
      next: size(next),
      back: size(form.querySelector('.nav .back')),
    };
  });
  if (!sizes.skip) return [];
  const problems = sizes.primary ? [`${step}: "Sla over" looks like the primary button`] : [];
  const { next, back } = sizes;
  if (next && back && (next.height > back.height + 0.5 || next.font > back.font)) {
    problems.push(`${step}: "Sla over" (${JSON.stringify(next)}) is bigger than Terug (${JSON.stringify(back)})`);
  }
  return problems;
}

/** The heading and the primary button in view, axe, and a screenshot named `name`. */
async function checkScreen(page: Page, layout: ScreenLayout, name: string): Promise<string[]> {
  const problems = outside(layout, 'question heading', layout.heading);
  if (layout.primary.length === 0) problems.push(`${layout.step}: no primary button`);
  for (const primary of layout.primary) problems.push(...outside(layout, 'primary button', primary));
  for (const violation of await axeViolations(page)) problems.push(`${layout.step}: axe ${violation}`);
  problems.push(...(await skipNotBiggest(page, layout.step)));
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
  return problems;
}

describe('the question and the primary button without scrolling', () => {
  for (const viewport of VIEWPORTS) {
    for (const language of LANGUAGES) {
      it(`every screen at ${viewport.width}x${viewport.height} in ${language.toUpperCase()}`, async () => {
        const context = await run.browser.newContext({ viewport: viewport });
        const page = await context.newPage();
        await page.emulateMedia({ reducedMotion: 'reduce' });
        await page.goto(run.baseUrl);
        await page.locator('report-form').waitFor();
        await chooseLanguage(page, language);

        const problems: string[] = [];
        const seen: string[] = [];
        for (let screen = 0; screen < 20; screen++) {
          const layout = await layoutOf(page);
          seen.push(layout.step);
          const name = `step-${viewport.name}-${language}-${String(screen + 1).padStart(2, '0')}-${layout.step}`;
          problems.push(...(await checkScreen(page, layout, name)));
          if (layout.step === 'summary') break;
          if (layout.step === 'description') {
            if ((await page.locator('report-form text-field .counter').count()) !== 0) problems.push('description: counter shown at 0');
            problems.push(...(await counterNearLimit(page, language)));
          }
          // "Ja" to danger opens the panel with the numbers and "Stuur nu"; "ja" to fear a note. The
          // question and the way on stay in view with them, and both are photographed too.
          if (layout.step === 'danger' || layout.step === 'afraid') {
            await page.locator('report-form choice-group input[value="yes"]').check();
            await page.locator(layout.step === 'danger' ? 'report-form .urgent' : 'report-form .afraid-note').waitFor();
            problems.push(...(await checkScreen(page, await layoutOf(page), `${name}-yes`)));
          }

          await fill(page, layout.step);
          if (layout.step === 'role') await page.locator('report-form .entries .entry').first().click();
          else await page.locator('report-form .nav .next').click();
          await expect.poll(async () => (await layoutOf(page)).step).not.toBe(layout.step);
        }
        expect(seen).toEqual([
          'role', 'danger', 'afraid', 'kinds', 'places', 'platforms', 'screenshots', 'frequency', 'since', 'equal', 'sameTarget',
          'hurtful', 'description', 'names', 'identity', 'recipients', 'summary',
        ]);
        expect(problems).toEqual([]);
        await context.close();
      });
    }
  }
});
