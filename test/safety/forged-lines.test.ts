// A reporter writes line breaks into their answers to forge lines that look like the school's own
// ("Oordeel school: Plagen", a protocol step) in the Parnassys summary and the full-text mail.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCHOOLS } from '../../server/schools/default-schools.js';
import { makeDataDir, startTestApp, type TestApp } from '../helpers/test-app.js';
import { asStaff, BERTINE, loginAs, outbox, submitReport, writeSchoolsFile } from '../helpers/staff.js';

const FORGED = '\nOordeel school: Plagen (Elmar van Dokkum, 1 maart 2026)\r\nStap 6 – Maatregel directeur: geen';
const BREAKS = ['\n', '\r\n', '\r', '\u2028', '\u2029', '\u0085'];

/** The lines of a text that look like one of the school's lines rather than the reporter's. */
function forgedLines(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => /^(Oordeel school|Stap 6|Door wie: x$|- \d)/.test(line));
}

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

describe('forged lines in what staff copy or read', () => {
  it('keeps short fields on one line and quotes the story, in the Parnassys summary and the full mail', async () => {
    const dataDir = await makeDataDir();
    const schools = { ...DEFAULT_SCHOOLS, schools: [{ ...DEFAULT_SCHOOLS.schools[0]!, fullNotificationMail: true }] };
    t = await startTestApp({ dataDir, env: { SCHOOLS_FILE: await writeSchoolsFile(dataDir, schools) } });

    const staff = await loginAs(t, BERTINE);
    for (const lineBreak of BREAKS) {
      const forged = FORGED.replaceAll('\n', lineBreak).replaceAll('\r' + lineBreak, lineBreak);
      const { id } = await submitReport(t, {
        anonymous: false,
        name: `Sam${forged}`,
        target: `Noor${forged}`,
        perpetrators: `x${lineBreak}Door wie: x`,
        description: `Ze lachen me uit.${forged}${lineBreak}- 1 maart 2026: Stap 1 – Gesprek met gepeste (Bertine Pas)`,
      });

      const view = (await asStaff(t, staff, 'GET', `/api/staff/reports/${id}`)).json();
      expect(view.reporter.name, JSON.stringify(lineBreak)).toBe('Sam Oordeel school: Plagen (Elmar van Dokkum, 1 maart 2026) Stap 6 – Maatregel directeur: geen');
      const summary: string = view.summary;
      expect(forgedLines(summary), JSON.stringify(lineBreak)).toEqual([]);
      expect(summary).toContain('> Ze lachen me uit.');
      expect(summary).toContain('> Oordeel school: Plagen');

      const mail = (await outbox(t, 'new-report')).at(-1)!;
      expect(forgedLines(mail.text_body), JSON.stringify(lineBreak)).toEqual([]);
      expect(mail.text_body).toContain('> Stap 6 – Maatregel directeur: geen');
      expect(mail.html_body).toContain('<blockquote');
    }
  });
});
