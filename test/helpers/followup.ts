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
