// Case components ask the case page to make a change; the page calls the API, takes the case
// as the server now has it, and answers with the error, if any. The answer travels back through
// the event's detail: the page fills in `result` while the event is dispatched.
import type { ApiError } from './api';

export interface CaseActionDetail {
  method: 'POST' | 'PUT';
  action: string;
  body: object;
  result?: Promise<ApiError | undefined>;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'case-action': CustomEvent<CaseActionDetail>;
  }
}

export async function requestCaseChange(
  from: HTMLElement,
  method: CaseActionDetail['method'],
  action: string,
  body: object = {},
): Promise<ApiError | undefined> {
  const detail: CaseActionDetail = { method, action, body };
  from.dispatchEvent(new CustomEvent('case-action', { detail, bubbles: true, composed: true }));
  return detail.result;
}
