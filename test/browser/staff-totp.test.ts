import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totp } from '../../server/staff-auth/totp.js';
import { base32Decode } from '../helpers/authenticator.js';
import { startBrowserApp, type BrowserApp } from '../helpers/chromium.js';
import { readQrCode } from '../helpers/qr-code.js';
import { BERTINE, ELMAR, latestLoginToken } from '../helpers/staff.js';
import { TOTP_RECOVERY_CODES } from '../../server/shared/limits.js';

const STEP_MS = 30_000;

let run: BrowserApp;

beforeAll(async () => {
  run = await startBrowserApp();
});
afterAll(async () => {
  await run?.close();
});

/** Asks for a login link on the page and opens it, as the mail would. */
async function logIn(page: Page, email = BERTINE): Promise<void> {
  await page.goto(`${run.baseUrl}/staff`);
  await page.getByLabel('Je e-mailadres van school').fill(email);
  await page.getByRole('button', { name: 'Stuur mij een inloglink' }).click();
  await expect.poll(() => page.getByText('inloglink in die mailbox').count()).toBe(1);
  await page.goto(`${run.baseUrl}/staff/login#${await latestLoginToken(run.t, email)}`);
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
}

describe('TOTP second factor in the browser', () => {
  it('is turned on with a QR code, gives recovery codes once, asks for a code at the next login; the directeur can unhook it', { timeout: 90_000 }, async () => {
    const context = await run.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
    const page = await context.newPage();
    await logIn(page);
    await page.getByRole('heading', { name: 'Meldingen' }).waitFor();

    await page.getByRole('link', { name: 'Beveiliging' }).click();
    await page.getByRole('button', { name: 'Aanzetten' }).click();
    const typed = (await page.getByLabel('Sleutel').innerText()).replace(/\s/g, '');
    const secret = base32Decode(typed);
    // The QR code on the screen, read from its pixels as a phone's camera would, carries the same secret.
    const qr = page.getByRole('img', { name: 'QR-code voor je authenticator-app' });
    await qr.waitFor();
    const scanned = await readQrCode(await qr.screenshot());
    expect(scanned).toBe(`otpauth://totp/klikvrij:bertine.pas@vivente.nu?secret=${typed}&issuer=klikvrij`);

    await page.getByLabel('Code uit de app').fill(totp(secret, new Date()));
    await page.getByRole('button', { name: 'Aanzetten' }).click();
    // The recovery codes, shown once.
    const codes = page.getByRole('list', { name: 'Herstelcodes' }).getByRole('listitem');
    await expect.poll(() => codes.count()).toBe(TOTP_RECOVERY_CODES);
    const recoveryCodes = await codes.allInnerTexts();
    expect(recoveryCodes.every((code) => /^[0-9a-z]{5}-[0-9a-z]{5}$/.test(code))).toBe(true);
    await page.getByRole('button', { name: 'Ik heb ze bewaard' }).click();
    await expect.poll(() => page.getByText('Staat aan. Na de inloglink vraagt het portaal ook om de code uit je app.').count()).toBe(1);
    await expect.poll(() => page.getByText(`Herstelcodes over: ${TOTP_RECOVERY_CODES}.`).count()).toBe(1);

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

    // Phone lost: a recovery code opens the next login instead.
    await page.getByRole('button', { name: 'Uitloggen', exact: true }).click();
    await page.getByLabel('Je e-mailadres van school').waitFor();
    await logIn(page);
    await page.getByRole('heading', { name: 'Code uit je authenticator-app' }).waitFor();
    await page.getByLabel('Code', { exact: true }).fill(recoveryCodes[0]!);
    await page.getByRole('button', { name: 'Verder' }).click();
    await page.getByRole('heading', { name: 'Meldingen' }).waitFor();
    await context.close();

    // The directeur unhooks the app (confirming the question first).
    const director = await run.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
    const directorPage = await director.newPage();
    directorPage.on('dialog', (dialog) => void dialog.accept());
    await logIn(directorPage, ELMAR);
    await directorPage.getByRole('heading', { name: 'Meldingen' }).waitFor();
    await directorPage.getByRole('link', { name: 'Beveiliging' }).click();
    await directorPage.getByRole('button', { name: 'App loskoppelen van Bertine Pas' }).click();
    await expect.poll(() => directorPage.getByText('De app van Bertine Pas is losgekoppeld.', { exact: false }).count()).toBe(1);
    // (Bertine's next login without a code is tested in test/staff-totp.test.ts: a fourth link to one
    // address from the same requester within the hour is not mailed.)
    expect(await directorPage.getByRole('button', { name: 'App loskoppelen van Bertine Pas' }).count()).toBe(0);
    await director.close();
  });
});
