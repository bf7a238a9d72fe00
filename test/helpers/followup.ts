import { insertMessage } from '../../db/queries/messages.js';
import { normalizeReceiptCode } from '../../server/receipts/receipt-code.js';
import type { TestApp } from './test-app.js';

/** The school writes to the reporter of `receipt`, as staff do from the case page; returns the report's id. */
export async function schoolWrites(t: TestApp, receipt: string, text: string): Promise<number> {
  const hash = t.context.keyedHash(normalizeReceiptCode(receipt)!);
  const report = await t.context.db.selectFrom('report').select('id').where('receipt_hash', '=', hash).executeTakeFirstOrThrow();
  await insertMessage(t.context.db, { report_id: report.id, author: 'school', staff_email: 'Bertine.pas@vivente.nu', text, created_at: new Date().toISOString() });
  return report.id;
}

/**
 * Opens each receipt through POST /api/followup, each from an address of its own (X-Forwarded-For;
 * the server must trust 127.0.0.1 as its proxy), past the follow-up limit per address. Returns the
 * receipts that did not open, each with the status it got.
 */
export async function unopenedReceipts(serverUrl: string, receipts: readonly string[]): Promise<string[]> {
  const unopened: string[] = [];
  for (const [i, receipt] of receipts.entries()) {
    const response = await fetch(`${serverUrl}/api/followup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.0.${i >> 8}.${i & 255}` },
      body: JSON.stringify({ receipt }),
    });
    await response.arrayBuffer();
    if (response.status !== 200) unopened.push(`${receipt}: ${response.status}`);
  }
  return unopened;
}
