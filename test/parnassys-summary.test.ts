// The plain-text summary staff paste into Parnassys is the school's record of the case: every note,
// step and ticked checklist item must be in it, so that losing one fails here.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHECKLISTS, CLOSE_LABELS, CLOSING_MESSAGES, REFERRAL_LABELS, STEP_LABELS } from '../server/shared/protocol.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';
import { asStaff, BERTINE, loginAs, submitReport, YVONNE, type StaffSession } from './helpers/staff.js';

let t: TestApp;
let bertine: StaffSession;
beforeEach(async () => {
  t = await startTestApp();
  bertine = await loginAs(t, BERTINE);
});
afterEach(async () => {
  await t.close();
});

/** The summary's lines under a heading, up to the next blank line. */
function section(summary: string, heading: string): string[] {
  const lines = summary.split('\n');
  const start = lines.indexOf(heading);
  expect(start, `${heading} in\n${summary}`).toBeGreaterThanOrEqual(0);
  const end = lines.indexOf('', start);
  return lines.slice(start + 1, end === -1 ? undefined : end);
}

describe('the Parnassys summary', () => {
  it('holds every step with its note and referral, every ticked item, every note, the judgement and the closing', async () => {
    const { id, receipt } = await submitReport(t, { kinds: ['cyber'], places: ['online'] });
    const post = async (path: string, body: Record<string, unknown>, method: 'POST' | 'PUT' = 'POST') => {
      const response = await asStaff(t, bertine, method, `/api/staff/reports/${id}/${path}`, body);
      expect(response.statusCode, `${path} ${JSON.stringify(body)}: ${response.body}`).toBeLessThan(300);
    };
    await post('indication', { indication: 'pesten' });
    await post('steps', { step: '1', note: 'Gemeld door leerling' });
    await post('steps', { step: '3a', note: 'Ouders op school geweest' });
    await post('steps', { step: '5', referral: 'ggd' });
    await post('checklist', { list: 'gepeste', item: 0, checked: true }, 'PUT');
    await post('checklist', { list: 'pester', item: 2, checked: true }, 'PUT');
    await post('checklist', { list: 'meeloper', item: 1, checked: true }, 'PUT');
    await post('checklist', { list: 'meeloper', item: 0, checked: true }, 'PUT');
    await post('checklist', { list: 'meeloper', item: 0, checked: false }, 'PUT');
    await post('notes', { text: 'Vader belde ook.' });
    await post('notes', { text: 'Tweede gesprek gepland.' });
    await post('messages', { text: 'In welke klas zit je?' });
    const answered = await t.app.inject({ method: 'POST', url: '/api/followup/messages', payload: { receipt, text: 'Groep 6.\nBehandeld door: niemand' } });
    expect(answered.statusCode).toBe(201);
    await post('assignee', { email: YVONNE }, 'PUT');
    await post('close', { outcome: 'resolved', note: 'Rustig sinds twee weken', message: CLOSING_MESSAGES.resolved });

    const view = (await asStaff(t, bertine, 'GET', `/api/staff/reports/${id}`)).json();
    const summary: string = view.summary;

    expect(summary).toContain('Oordeel school: Pesten (Bertine Pas, ');
    expect(summary).toContain(`Status: Afgesloten (${CLOSE_LABELS.resolved})`);
    expect(summary).toMatch(/\nAfgesloten: \d+ \S+ \d{4}/);

    const steps = section(summary, 'Stappen anti-pestprotocol:');
    expect(steps).toHaveLength(3);
    expect(steps[0]).toMatch(new RegExp(`^- .+: ${escape(STEP_LABELS['1'])} \\(Bertine Pas\\): Gemeld door leerling$`));
    expect(steps[1]).toMatch(new RegExp(`^- .+: ${escape(STEP_LABELS['3a'])} \\(Bertine Pas\\): Ouders op school geweest$`));
    expect(steps[2]).toMatch(new RegExp(`^- .+: ${escape(STEP_LABELS['5'])} – verwezen naar ${escape(REFERRAL_LABELS.ggd)} \\(Bertine Pas\\)$`));

    expect(section(summary, `${CHECKLISTS.gepeste.title}:`)).toEqual([expect.stringMatching(ticked(CHECKLISTS.gepeste.items[0]!))]);
    expect(section(summary, `${CHECKLISTS.pester.title}:`)).toEqual([expect.stringMatching(ticked(CHECKLISTS.pester.items[2]!))]);
    // The unticked item is gone again; only the ticked one stays.
    expect(section(summary, `${CHECKLISTS.meeloper.title}:`)).toEqual([expect.stringMatching(ticked(CHECKLISTS.meeloper.items[1]!))]);

    const notes = section(summary, 'Notities:');
    expect(notes).toEqual([
      expect.stringMatching(/^- .+ \(Bertine Pas\): Vader belde ook\.$/),
      expect.stringMatching(/^- .+ \(Bertine Pas\): Tweede gesprek gepland\.$/),
      // Closing with a note keeps that note among the case's notes.
      expect.stringMatching(/^- .+ \(Bertine Pas\): Afgesloten: .+: Rustig sinds twee weken$/),
    ]);

    expect(summary.split('\n')).toContain('Behandeld door: Yvonne de Bruin');
    // Messages are quoted like the description, each under who wrote it and when: the reporter's
    // second line cannot pose as one of the school's own lines.
    const messages = section(summary, 'Berichten met de melder:');
    expect(messages).toEqual([
      expect.stringMatching(/^- \d+ \S+ \d{4}.*, van school \(Bertine Pas\):$/),
      '> In welke klas zit je?',
      expect.stringMatching(/^- \d+ \S+ \d{4}.*, van melder:$/),
      '> Groep 6.',
      '> Behandeld door: niemand',
      expect.stringMatching(/^- .+, van school \(Bertine Pas\):$/),
      ...CLOSING_MESSAGES.resolved.split('\n').map((line) => `> ${line}`),
    ]);
  });

  it('leaves out the sections a case does not have yet', async () => {
    const { id } = await submitReport(t);
    const summary: string = (await asStaff(t, bertine, 'GET', `/api/staff/reports/${id}`)).json().summary;
    expect(summary.split('\n')).toContain('Behandeld door: niemand toegewezen');
    for (const heading of ['Stappen anti-pestprotocol:', 'Notities:', 'Berichten met de melder:', ...Object.values(CHECKLISTS).map((list) => `${list.title}:`)]) {
      expect(summary.split('\n'), heading).not.toContain(heading);
    }
    expect(summary).not.toContain('Afgesloten:');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function ticked(item: string): RegExp {
  return new RegExp(`^- \\[x\\] ${escape(item)} \\(Bertine Pas, .+\\)$`);
}
