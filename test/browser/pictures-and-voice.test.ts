// A child who cannot read yet: every question and every answer has a pictogram, on every path, and
// every screen has a read-aloud button (the questions, the receipt, /volgen with the school's
// messages, the information pages). Where the device has no voice the button stays and explains.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, startBrowserApp, type BrowserApp, chooseLanguage } from '../helpers/chromium.js';
import { schoolWrites } from '../helpers/followup.js';
import { installSpeech, setVoices, spokenIn } from './speech.js';

let run: BrowserApp;

beforeAll(async () => {
  run = await startBrowserApp();
});

afterAll(async () => {
  await run?.close();
});

const DUTCH_VOICE = [{ lang: 'nl-NL', name: 'Nederlands', localService: true }];
const NO_VOICE_NL = 'Deze computer kan niet voorlezen. Vraag iemand om het voor te lezen.';
const NO_VOICE_EN = 'This computer cannot read aloud. Ask someone to read it to you.';

interface Screen {
  step: string;
  /** The heading's pictogram has something drawn in it. */
  questionPictogram: boolean;
  /** Answers (tiles, entry paths, field labels) that show no pictogram. */
  bare: string[];
  answers: number;
  readAloud: number;
}

/** What one screen of the report shows, looking through every shadow root. */
function screenOf(page: Page): Promise<Screen> {
  return page.evaluate(() => {
    const form = document.querySelector('klikvrij-app')!.shadowRoot!.querySelector('report-form')!.shadowRoot!;
    const step = /step-(\S+)/.exec(form.querySelector('form')!.className)?.[1] ?? '';
    const drawn = (svg: Element | null | undefined) => Boolean(svg && svg.querySelector('path, circle, rect'));
    const answers: { name: string; svg: Element | null }[] = [];
    const visit = (root: ShadowRoot) => {
      for (const option of root.querySelectorAll('label.option, button.entry, label.label:not(.sr-only), label.pick')) {
        answers.push({ name: (option.textContent ?? '').trim().slice(0, 40), svg: option.querySelector('svg') });
      }
      for (const element of root.querySelectorAll('*')) if (element.shadowRoot) visit(element.shadowRoot);
    };
    visit(form);
    return {
      step,
      questionPictogram: drawn(form.querySelector('.head svg.question-pictogram')),
      bare: answers.filter((answer) => !drawn(answer.svg)).map((answer) => answer.name),
      answers: answers.length,
      readAloud: form.querySelectorAll('.head read-aloud').length,
    };
  });
}

/** Answers so that the longest version of each path appears: online, a name, an e-mail address. */
async function fill(page: Page, step: string): Promise<void> {
  const form = page.locator('report-form');
  if (step === 'kinds') await form.locator('choice-group input[value="cyber"]').check();
  if (step === 'places') await form.locator('choice-group input[value="online"]').check();
  if (step === 'description') await form.locator('textarea').fill('Ze sturen nare berichten.');
  if (step === 'identity') {
    await form.locator('identity-fields choice-group input[value="named"]').check();
    await form.locator('identity-fields text-field input[type="email"]').fill('ouder@example.nl');
  }
}

async function currentStep(page: Page): Promise<string> {
  return (await screenOf(page)).step;
}

describe('pictograms', () => {
  for (const role of ['self', 'bystander', 'parent', 'other'] as const) {
    it(`on every question and answer of the "${role}" path`, async () => {
      const context = await run.browser.newContext({ viewport: { width: 360, height: 740 } });
      const page = await context.newPage();
      await page.goto(run.baseUrl);
      await page.locator('report-form').waitFor();
      const problems: string[] = [];
      const seen: string[] = [];
      for (let screen = 0; screen < 20; screen++) {
        const shown = await screenOf(page);
        seen.push(shown.step);
        if (!shown.questionPictogram) problems.push(`${shown.step}: no pictogram beside the question`);
        for (const answer of shown.bare) problems.push(`${shown.step}: "${answer}" has no pictogram`);
        if (shown.readAloud !== 1) problems.push(`${shown.step}: ${shown.readAloud} read-aloud buttons`);
        if (shown.step === 'summary') break;
        await fill(page, shown.step);
        if (shown.step === 'role') await page.locator(`report-form .entry:has-text("${await roleLabel(page, role)}")`).click();
        else await page.locator('report-form .nav .next').click();
        await expect.poll(() => currentStep(page)).not.toBe(shown.step);
      }
      expect(seen.at(-1)).toBe('summary');
      if (role === 'parent') expect(seen).toContain('signals');
      expect(seen).toContain('platforms');
      expect(problems).toEqual([]);
      await context.close();
    }, 60_000);
  }
});

async function roleLabel(page: Page, role: string): Promise<string> {
  const labels: Record<string, string> = {
    self: 'Het gebeurt bij mij',
    bystander: 'Ik zie het bij iemand anders',
    parent: 'Ik ben ouder of verzorger',
    other: 'Iets anders',
  };
  void page;
  return labels[role]!;
}

/** Sends the shortest report through the form and waits for the receipt. */
async function sendShortReport(page: Page): Promise<void> {
  await page.locator('report-form .entry', { hasText: 'Iets anders' }).click();
  for (let screen = 0; screen < 20; screen++) {
    const step = await currentStep(page);
    if (step === 'summary') break;
    await fill(page, step === 'identity' ? '' : step);
    await page.locator('report-form .nav .next').click();
    await expect.poll(() => currentStep(page)).not.toBe(step);
  }
  await page.locator('report-form .nav .next').click();
  await page.locator('receipt-code #code').waitFor();
}

describe('read aloud', () => {
  it('without a voice: every screen has the button, and it explains in Dutch and English', async () => {
    const context = await run.browser.newContext({ viewport: { width: 1366, height: 768 } });
    await installSpeech(context);
    const page = await context.newPage();
    await page.goto(run.baseUrl);
    await page.locator('report-form').waitFor();
    const explain = async (where: string, readAloud: string, expected: string) => {
      await page.locator(`${readAloud} button`).click();
      await expect.poll(() => page.locator(`${readAloud} .no-voice`).innerText(), { message: where }).toBe(expected);
    };
    await explain('question', 'report-form .head read-aloud', NO_VOICE_NL);
    await chooseLanguage(page, 'en');
    // A new language, a new sentence: the explanation is asked for again.
    await explain('question in English', 'report-form .head read-aloud', NO_VOICE_EN);
    await chooseLanguage(page, 'nl');

    for (const topic of ['Plagen of pesten?', 'Afspraken over social media', 'Wie helpt je?', 'Voor ouders']) {
      await page.locator('footer a', { hasText: topic }).click();
      await page.locator('info-page').waitFor();
      await explain(`info: ${topic}`, 'info-page read-aloud', NO_VOICE_NL);
    }
    await page.locator('main .back button').click();

    await sendShortReport(page);
    await explain('receipt', 'receipt-code read-aloud', NO_VOICE_NL);

    await page.goto(`${run.baseUrl}/volgen`).catch(() => undefined);
    await page.locator('follow-up-page').waitFor();
    await explain('/volgen', 'follow-up-page read-aloud', NO_VOICE_NL);
    expect(await spokenIn(page)).toEqual([]);
    await context.close();
  }, 90_000);

  it('with a voice: the receipt code, the school’s message on /volgen and an information page are heard', async () => {
    const context = await run.browser.newContext({ viewport: { width: 1366, height: 768 } });
    await installSpeech(context, DUTCH_VOICE);
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(run.baseUrl);
    await page.locator('report-form').waitFor();

    await page.locator('footer a', { hasText: 'Plagen of pesten?' }).click();
    await page.locator('info-page read-aloud button').click();
    await page.locator('main .back button').click();

    await sendShortReport(page);
    const receipt = (await page.locator('receipt-code #code').innerText()).replace(/\s+/g, '');
    await page.locator('receipt-code read-aloud button').click();
    await page.screenshot({ path: path.join(ARTIFACTS, 'receipt-read-aloud.png') });

    const spokenOnReport = await spokenIn(page);
    expect(spokenOnReport).toHaveLength(2);
    expect(spokenOnReport[0]!.text).toContain('Plagen is niet hetzelfde als pesten.');
    expect(spokenOnReport[0]!.text).not.toContain('Lees voor');
    expect(spokenOnReport[0]!.text).not.toContain('Meld het hier');
    // The code as it can be written down: every part, in order.
    const heard = spokenOnReport[1]!.text;
    let at = 0;
    for (const part of receipt.split('-')) {
      const spokenPart = /^\d+$/.test(part) ? part.split('').join(' ') : part;
      const found = heard.indexOf(spokenPart, at);
      expect(found, `"${spokenPart}" in "${heard}"`).toBeGreaterThan(at - 1);
      at = found + spokenPart.length;
    }

    // The school asks something; the child hears it on /volgen.
    await schoolWrites(run.t, receipt, 'Dank je. In welke groep zit je?');
    await page.locator('receipt-code input[type=checkbox]').check();
    await page.goto(`${run.baseUrl}/volgen`);
    await page.getByLabel('Jouw code').fill(receipt);
    await page.keyboard.press('Enter');
    await page.locator('follow-up-page message-list li').first().waitFor();
    await setVoices(page, DUTCH_VOICE);
    await page.locator('follow-up-page section read-aloud button').click();
    const spokenOnFollowUp = await spokenIn(page);
    expect(spokenOnFollowUp).toHaveLength(1);
    expect(spokenOnFollowUp[0]).toEqual({
      lang: 'nl-NL',
      text: expect.stringContaining('School: Dank je. In welke groep zit je?'),
    });
    expect(spokenOnFollowUp[0]!.text).toContain('We hebben je melding gekregen.');
    await context.close();
  }, 90_000);
});
