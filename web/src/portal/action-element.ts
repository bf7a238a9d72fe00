// The base of portal components that run one action at a time: `busy` disables their buttons
// while it runs and `error` says what went wrong.
import { LitElement, html, nothing, type PropertyDeclarations, type ReactiveController } from 'lit';

/**
 * Gives the focus back after an action to the control that had it: a button disabled while busy
 * drops the focus to the page, and a keyboard user then had to start again at the top of the page
 * (a class teacher after "Stap vastleggen", two screens of Tab from where they were).
 */
class FocusKeeper implements ReactiveController {
  private wasBusy = false;
  private focused: HTMLElement | null = null;

  constructor(private readonly host: PortalActionElement) {
    host.addController(this);
  }

  hostUpdate(): void {
    // Before the render that disables the button: it still has the focus.
    if (this.host.busy && !this.wasBusy) this.focused = (this.host.renderRoot as ShadowRoot).activeElement as HTMLElement | null;
  }

  hostUpdated(): void {
    if (!this.host.busy && this.wasBusy) {
      const { focused } = this;
      this.focused = null;
      // Only when the focus went nowhere: a component that moved it on purpose (to an error) keeps its choice.
      if (focused?.isConnected && document.activeElement === document.body) focused.focus();
    }
    this.wasBusy = this.host.busy;
  }
}

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
    new FocusKeeper(this);
  }

  /** The error, if any, as an alert; `id` lets a field point at it with aria-describedby. */
  protected renderError(id?: string) {
    return this.error ? html`<p id=${id ?? nothing} class="error" role="alert">${this.error}</p>` : '';
  }
}
