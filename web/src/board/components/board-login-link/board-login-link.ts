import { html } from 'lit';
import { StaffActionElement } from '../../../staff/action-element';
import { staffStyles } from '../../../staff/staff-styles';
import { ApiError, boardApi, type BoardMeResponse } from '../../api';
import '../board-login-form/board-login-form';

declare global {
  interface GlobalEventHandlersEventMap {
    'board-logged-in': CustomEvent<BoardMeResponse>;
  }
}

/** The page behind the link in the login mail; the link is spent only by the button. */
export class BoardLoginLink extends StaffActionElement {
  static override properties = { token: {} };
  static override styles = staffStyles;

  declare token: string;

  constructor() {
    super();
    this.token = '';
  }

  override render() {
    return html`<section class="panel" aria-labelledby="title">
      <h1 id="title">Inloggen bij het beheer</h1>
      ${this.error
        ? html`${this.renderError()}<board-login-form></board-login-form>`
        : html`<p>Klik op de knop om in te loggen. De link werkt één keer.</p>
            <button class="primary" type="button" ?disabled=${this.busy} @click=${this.logIn}>Inloggen</button>`}
    </section>`;
  }

  private async logIn(): Promise<void> {
    this.busy = true;
    try {
      const me = await boardApi.redeemLink(this.token);
      this.dispatchEvent(new CustomEvent('board-logged-in', { detail: me, bubbles: true, composed: true }));
    } catch (error) {
      this.error = error instanceof ApiError ? error.message : String(error);
    } finally {
      this.busy = false;
    }
  }
}

customElements.define('board-login-link', BoardLoginLink);

declare global {
  interface HTMLElementTagNameMap {
    'board-login-link': BoardLoginLink;
  }
}
