// Shared by the mail fault tests: waiting for a condition, and one line per fault in the suite's output.

export async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export interface FaultFigures {
  /** Mails the app was asked to deliver. */
  handedOver: number;
  /** Copies the mail server accepted. */
  copiesReceived: number;
  /** Mails the server read to the end, accepted or refused. */
  attempts: number;
  /** What GET /healthz answered during the fault (status code, and the operator's status when known). */
  healthz: number | string;
  [more: string]: number | string;
}

export function reportFault(fault: string, figures: FaultFigures): void {
  const parts = Object.entries(figures).map(([key, value]) => `${key} ${value}`);
  console.log(`mail fault "${fault}": ${parts.join(', ')}`);
}
