import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totp } from '../../server/staff-auth/totp.js';
import { base32Decode } from '../helpers/authenticator.js';
import { launchChromium } from '../helpers/chromium.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { BERTINE, latestLoginToken } from '../helpers/staff.js';

const STEP_MS = 30_000;

let t: TestApp;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  t = await startTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** Asks for a login link on the page and opens it, as the mail would. */
async function logIn(page: Page): Promise<void> {
  await page.goto(`${baseUrl}/staff`);
  await page.getByLabel('Je e-mailadres van school').fill(BERTINE);
  await page.getByRole('button', { name: 'Stuur mij een inloglink' }).click();
  await expect.poll(() => page.getByText('inloglink in die mailbox').count()).toBe(1);
  await page.goto(`${baseUrl}/staff/login#${await latestLoginToken(t, BERTINE)}`);
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
}

describe('TOTP second factor in the browser', () => {
  it('is turned on with a code from an authenticator app, and asked for at the next login', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
    const page = await context.newPage();
    await logIn(page);
    await page.getByRole('heading', { name: 'Meldingen' }).waitFor();

    await page.getByRole('link', { name: 'Beveiliging' }).click();
    await page.getByRole('button', { name: 'Aanzetten' }).click();
    const secret = base32Decode((await page.getByLabel('Sleutel').innerText()).replace(/\s/g, ''));
    await page.getByLabel('Code uit de app').fill(totp(secret, new Date()));
    await page.getByRole('button', { name: 'Aanzetten' }).click();
    await expect.poll(() => page.getByText('Staat aan. Na de inloglink vraagt het portaal ook om de code uit je app.').count()).toBe(1);

    await page.getByRole('button', { name: 'Uitloggen', exact: true }).click();
    await page.getByLabel('Je e-mailadres van school').waitFor();
    await logIn(page);
    await page.getByRole('heading', { name: 'Code uit je authenticator-app' }).waitFor();

    // A wrong code keeps the door shut; the next step's code (one step of drift is allowed) opens it.
    await page.getByLabel('Code', { exact: true }).fill('000000');
    await page.getByRole('button', { name: 'Verder' }).click();
    await expect.poll(() => page.getByRole('alert').count()).toBe(1);
    await page.getByLabel('Code', { exact: true }).fill(totp(secret, new Date(Date.now() + STEP_MS)));
    await page.getByRole('button', { name: 'Verder' }).click();
    await page.getByRole('heading', { name: 'Meldingen' }).waitFor();
    await context.close();
  });
});
