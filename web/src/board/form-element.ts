import type { PropertyDeclarations } from 'lit';
import { StaffActionElement } from '../staff/action-element';
import { ApiError } from '../portal/api-client';

/** A board form (also used in the staff portal) whose refusals name fields: `fields` holds the messages per field. */
export class BoardFormElement extends StaffActionElement {
  static override properties: PropertyDeclarations = {
    fields: { state: true },
  };

  declare fields: Record<string, string>;

  constructor() {
    super();
    this.fields = {};
  }

  /** Runs one action with the buttons disabled; a refusal fills `error` and `fields`. Resolves with whether it worked. */
  protected async run(action: () => Promise<void>): Promise<boolean> {
    this.busy = true;
    try {
      await action();
      this.fields = {};
      this.error = '';
      return true;
    } catch (error) {
      this.fields = error instanceof ApiError ? error.body.fields : {};
      this.error = error instanceof ApiError ? error.message : String(error);
      return false;
    } finally {
      this.busy = false;
    }
  }
}
