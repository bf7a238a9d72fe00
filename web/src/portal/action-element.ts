// The base of portal components that run one action at a time: `busy` disables their buttons
// while it runs and `error` says what went wrong.
import { LitElement, html, nothing, type PropertyDeclarations } from 'lit';

export class PortalActionElement extends LitElement {
  static override properties: PropertyDeclarations = {
    busy: { state: true },
    error: { state: true },
  };

  declare busy: boolean;
  declare error: string;

  constructor() {
    super();
    this.busy = false;
    this.error = '';
  }

  /** The error, if any, as an alert; `id` lets a field point at it with aria-describedby. */
  protected renderError(id?: string) {
    return this.error ? html`<p id=${id ?? nothing} class="error" role="alert">${this.error}</p>` : '';
  }
}
