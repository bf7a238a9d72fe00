// The browser's side of POST /api/reports (see PRODUCT.md, "HTTP contract").

export interface ReceiptBody {
  receipt: string;
}

export interface ErrorBody {
  error: { code: string; message: string; fields: Record<string, string> };
}

/** The server answered with something that is neither a receipt nor an error body. */
class UnexpectedResponseError extends Error {
  constructor(readonly status: number) {
    super(`Unexpected response from /api/reports: HTTP ${status}`);
    this.name = 'UnexpectedResponseError';
  }
}

function isReceipt(body: unknown): body is ReceiptBody {
  return typeof body === 'object' && body !== null && typeof (body as ReceiptBody).receipt === 'string';
}

function isErrorBody(body: unknown): body is ErrorBody {
  const error = typeof body === 'object' && body !== null ? (body as ErrorBody).error : undefined;
  return typeof error === 'object' && error !== null && typeof error.message === 'string';
}

/**
 * Sends a report. Resolves with the receipt (201) or the server's error body (400/413/415/429);
 * rejects on a network failure (TypeError from fetch) or an unexpected answer.
 */
export async function submitReport(formData: FormData): Promise<ReceiptBody | ErrorBody> {
  const response = await fetch('/api/reports', { method: 'POST', body: formData });
  const body: unknown = await response.json().catch(() => undefined);
  if (response.status === 201 && isReceipt(body)) return { receipt: body.receipt };
  if (!response.ok && isErrorBody(body)) {
    return { error: { code: body.error.code, message: body.error.message, fields: body.error.fields ?? {} } };
  }
  throw new UnexpectedResponseError(response.status);
}
