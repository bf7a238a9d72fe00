import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './helpers/test-app.js';
import { BERTINE, addressesOf, asStaff, loginAs, outbox, submitReport } from './helpers/staff.js';

const PARENT = 'ouder.de.vries@example.nl';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(async () => {
  await t.close();
});

async function schoolAnswers(extra: Record<string, unknown>) {
  const { id } = await submitReport(t, { role: 'parent', ...extra });
  const bertine = await loginAs(t, BERTINE);
  const sent = await asStaff(t, bertine, 'POST', `/api/staff/reports/${id}/messages`, { text: 'Kunt u ons bellen over Daan?' });
  expect(sent.statusCode).toBeLessThan(300);
  return outbox(t, 'reporter-notice');
}

describe('"there is an answer for you" mail', () => {
  it('goes to a named parent who asked for it, without what the school wrote', async () => {
    const notices = await schoolAnswers({ anonymous: false, name: 'Mevrouw de Vries', email: PARENT, notifyOnAnswer: true });
    expect(addressesOf(notices)).toEqual([PARENT]);
    const [notice] = notices;
    expect(notice!.text_body).toContain('/volgen');
    expect(notice!.text_body + notice!.html_body + notice!.subject).not.toContain('Daan');
  });

  it('is not sent when the parent did not ask for it', async () => {
    expect(await schoolAnswers({ anonymous: false, name: 'Mevrouw de Vries', email: PARENT })).toHaveLength(0);
  });

  it('is never sent for an anonymous report, even with an address and the box ticked', async () => {
    expect(await schoolAnswers({ anonymous: true, email: PARENT, notifyOnAnswer: true })).toHaveLength(0);
    const stored = await t.context.db.selectFrom('report').select(['reporter_email', 'notify_on_answer']).executeTakeFirstOrThrow();
    expect(stored).toEqual({ reporter_email: null, notify_on_answer: 0 });
  });

  it('is not sent to a named reporter who gave no address', async () => {
    expect(await schoolAnswers({ anonymous: false, name: 'Mevrouw de Vries', notifyOnAnswer: true })).toHaveLength(0);
  });
});
