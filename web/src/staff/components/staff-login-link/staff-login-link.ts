import { css, html } from 'lit';
import { StaffActionElement } from '../../action-element';
import { api, ApiError, type MeResponse } from '../../api';
import { staffStyles } from '../../staff-styles';
import '../staff-login-form/staff-login-form';

declare global {
  interface GlobalEventHandlersEventMap {
    'staff-logged-in': CustomEvent<MeResponse>;
  }
}

/**
 * The page behind the link in the login mail. The link is spent only when the person presses the
 * button: mail scanners that open every link cannot use it up.
 */
export class StaffLoginLink extends StaffActionElement {
  static override properties = {
    token: {},
  };

  static override styles = [
    staffStyles,
    css`
      h1 {
        margin: 0 0 0.5rem;
        font-size: 1.4rem;
      }

      staff-login-form {
        margin-top: 1rem;
      }
    `,
  ];

  /** The one-time token from the address. */
  declare token: string;

  constructor() {
    super();
    this.token = '';
  }

  override render() {
    return html`
      <section class="panel" aria-labelledby="title">
        <h1 id="title">Inloggen bij klikvrij</h1>
        ${this.error
          ? html`<p class="error" role="alert">${this.error}</p>
              <staff-login-form></staff-login-form>`
          : html`<p>Klik op de knop om in te loggen. De link werkt één keer.</p>
              <button class="primary" type="button" ?disabled=${this.busy} @click=${this.logIn}>Inloggen</button>`}
      </section>
    `;
  }

  private async logIn(): Promise<void> {
    this.busy = true;
    try {
      const me = await api.redeemLink(this.token);
      this.dispatchEvent(new CustomEvent('staff-logged-in', { detail: me, bubbles: true, composed: true }));
    } catch (error) {
      this.error = error instanceof ApiError ? error.message : String(error);
    } finally {
      this.busy = false;
    }
  }
}

customElements.define('staff-login-link', StaffLoginLink);

declare global {
  interface HTMLElementTagNameMap {
    'staff-login-link': StaffLoginLink;
  }
}
