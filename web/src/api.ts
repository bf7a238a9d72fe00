// The browser's side of POST /api/reports and /api/followup (see PRODUCT.md, "HTTP contract"). The
// answers' shapes and values come from server/shared, where the server takes them from too.
import type { ErrorBody } from '../../server/shared/errors';
import { MESSAGE_AUTHORS, REPORTER_STATUSES } from '../../server/shared/protocol';
import { currentLanguage } from './i18n/index';
import { pageSchool } from './report/page-school';
import type { FollowUpResponse, ReceiptResponse } from '../../server/shared/reporter-responses';

type FollowUpMessage = FollowUpResponse['messages'][number];

/** The server words its errors in the page's language (the browser's own header may name another). */
function languageHeader(): Record<string, string> {
  return { 'accept-language': currentLanguage() };
}

/** The server answered with something that is neither a receipt nor an error body. */
class UnexpectedResponseError extends Error {
  constructor(readonly status: number, url = '/api/reports') {
    super(`Unexpected response from ${url}: HTTP ${status}`);
    this.name = 'UnexpectedResponseError';
  }
}

function isReceipt(body: unknown): body is ReceiptResponse {
  return typeof body === 'object' && body !== null && typeof (body as ReceiptResponse).receipt === 'string';
}

function isErrorBody(body: unknown): body is ErrorBody {
  const error = typeof body === 'object' && body !== null ? (body as ErrorBody).error : undefined;
  return typeof error === 'object' && error !== null && typeof error.message === 'string';
}

/** The error body as the pages use it: `fields` is always there. */
function toErrorBody(body: ErrorBody): ErrorBody {
  return { error: { code: body.error.code, message: body.error.message, fields: body.error.fields ?? {} } };
}

/**
 * Sends a report. Resolves with the receipt (201) or the server's error body (400/413/415/429);
 * rejects on a network failure (TypeError from fetch) or an unexpected answer.
 */
export async function submitReport(formData: FormData): Promise<ReceiptResponse | ErrorBody> {
  const school = pageSchool();
  if (school) formData.set('school', school);
  formData.set('language', currentLanguage());
  const response = await fetch('/api/reports', { method: 'POST', body: formData, headers: languageHeader() });
  const body: unknown = await response.json().catch(() => undefined);
  if (response.status === 201 && isReceipt(body)) {
    return typeof body.receiptWords === 'string' ? { receipt: body.receipt, receiptWords: body.receiptWords } : { receipt: body.receipt };
  }
  if (!response.ok && isErrorBody(body)) {
    return toErrorBody(body);
  }
  throw new UnexpectedResponseError(response.status);
}

// --- Follow-up: the reporter comes back with the receipt code ---

function isFollowUpMessage(message: unknown): message is FollowUpMessage {
  const { from, text, at } = (typeof message === 'object' && message !== null ? message : {}) as Partial<FollowUpMessage>;
  return MESSAGE_AUTHORS.some((known) => known === from) && typeof text === 'string' && typeof at === 'string';
}

function isFollowUp(body: unknown): body is FollowUpResponse {
  const { status, messages } = (typeof body === 'object' && body !== null ? body : {}) as Partial<FollowUpResponse>;
  return (
    REPORTER_STATUSES.some((known) => known === status) && Array.isArray(messages) && messages.every(isFollowUpMessage)
  );
}

// The reporter's requests carry no cookies: a staff session on a shared Chromebook stays out of them.
const FOLLOW_UP_INIT = { method: 'POST', credentials: 'omit', cache: 'no-store' } as const satisfies RequestInit;

/** Status and messages of the report behind a receipt code; 404 (unknown code) and 429 come as error bodies. */
export async function lookUpFollowUp(receipt: string): Promise<FollowUpResponse | ErrorBody> {
  const response = await fetch('/api/followup', {
    ...FOLLOW_UP_INIT,
    headers: { 'content-type': 'application/json', ...languageHeader() },
    body: JSON.stringify({ receipt, language: currentLanguage() }),
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (response.status === 200 && isFollowUp(body)) {
    return { status: body.status, messages: body.messages.map(({ from, text, at }) => ({ from, text, at })) };
  }
  if (!response.ok && isErrorBody(body)) return toErrorBody(body);
  throw new UnexpectedResponseError(response.status, '/api/followup');
}

/**
 * The reporter's answer, with screenshots when picked. Resolves with null when stored (201). `submission`
 * is the same for every try of one answer: sent again after its 201 was lost, it is stored once.
 */
export async function sendFollowUpMessage(
  receipt: string,
  answer: { text: string; screenshots: readonly File[]; submission: string },
): Promise<ErrorBody | null> {
  const data = new FormData();
  data.append('receipt', receipt);
  data.append('text', answer.text);
  data.append('submission', answer.submission);
  data.append('language', currentLanguage());
  for (const file of answer.screenshots) data.append('screenshots', file);
  const response = await fetch('/api/followup/messages', { ...FOLLOW_UP_INIT, body: data, headers: languageHeader() });
  if (response.status === 201) return null;
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok && isErrorBody(body)) return toErrorBody(body);
  throw new UnexpectedResponseError(response.status, '/api/followup/messages');
}
