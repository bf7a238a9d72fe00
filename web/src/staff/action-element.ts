// Staff components that run one action at a time are portal action elements; case panels add the
// case and a way to change it.
import type { PropertyDeclarations } from 'lit';
import { PortalActionElement } from '../portal/action-element';
import { ApiError, type CaseResponse } from './api';
import { requestCaseChange, type CaseActionDetail } from './case-action';

/** A portal action element that can also run an action whose failure names a code field (TOTP). */
export class StaffActionElement extends PortalActionElement {
  /** Runs one action with the buttons disabled; its failure becomes `error` (a code field's message first). */
  protected async busyWhile(action: () => Promise<void>): Promise<void> {
    this.busy = true;
    try {
      await action();
      this.error = '';
    } catch (error) {
      this.error = codeFieldError(error);
    } finally {
      this.busy = false;
    }
  }
}

/** A panel of the case page: shows `data` and asks the page for changes to it. */
export class StaffCasePanel extends StaffActionElement {
  static override properties: PropertyDeclarations = {
    data: { attribute: false },
  };

  declare data: CaseResponse;

  /**
   * Asks the case page for one change while the buttons wait, then shows the error (`describe`
   * picks its text) or clears it. Resolves with the error, if any.
   */
  protected async changeCase(
    method: CaseActionDetail['method'],
    action: string,
    body?: object,
    describe: (error: ApiError) => string = (error) => error.message,
  ): Promise<ApiError | undefined> {
    this.busy = true;
    const error = await requestCaseChange(this, method, action, body);
    this.busy = false;
    this.error = error ? describe(error) : '';
    return error;
  }
}

/** The text of an error about a form's one `text` field. */
export const textFieldError = (error: ApiError): string => error.body.fields.text ?? error.message;

/** The text of an error from a form with one `code` field (the TOTP code), or of any other failure. */
export const codeFieldError = (error: unknown): string =>
  error instanceof ApiError ? (error.body.fields.code ?? error.message) : String(error);
