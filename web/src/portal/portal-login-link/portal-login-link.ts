import { css, html, type TemplateResult } from 'lit';
import { errorMessage } from '../api-client';
import { PortalActionElement } from '../action-element';
import { staffStyles } from '../../staff/staff-styles';

declare global {
  interface GlobalEventHandlersEventMap {
    /** The link was spent; `detail` is the portal's answer to it. */
    'portal-logged-in': CustomEvent<unknown>;
  }
}

/**
 * The page behind the link in the login mail. The link is spent only when the person presses the
 * button: mail scanners that open every link cannot use it up. A refused link shows why and the
 * portal's login form (`retry`) to ask for a new one.
 */
export class PortalLoginLink extends PortalActionElement {
  static override properties = {
    token: {},
    heading: {},
    redeem: { attribute: false },
    retry: { attribute: false },
  };

  static override styles = [
    staffStyles,
    css`
      h1 {
        margin: 0 0 0.5rem;
        font-size: 1.4rem;
      }

      .retry {
        margin-top: 1rem;
      }
    `,
  ];

  /** The one-time token from the address. */
  declare token: string;
  declare heading: string;
  declare redeem: (token: string) => Promise<unknown>;
  declare retry: () => TemplateResult;

  constructor() {
    super();
    this.token = '';
    this.heading = 'Inloggen bij klikvrij';
    this.redeem = () => Promise.reject(new Error('redeem is not set'));
    this.retry = () => html``;
  }

  override render() {
    return html`
      <section class="panel" aria-labelledby="title">
        <h1 id="title">${this.heading}</h1>
        ${this.error
          ? html`${this.renderError()}
              <div class="retry">${this.retry()}</div>`
          : html`<p>Klik op de knop om in te loggen. De link werkt één keer.</p>
              <button class="primary" type="button" ?disabled=${this.busy} @click=${this.logIn}>Inloggen</button>`}
      </section>
    `;
  }

  private async logIn(): Promise<void> {
    this.busy = true;
    try {
      const answer = await this.redeem(this.token);
      this.dispatchEvent(new CustomEvent('portal-logged-in', { detail: answer, bubbles: true, composed: true }));
    } catch (error) {
      this.error = errorMessage(error);
    } finally {
      this.busy = false;
    }
  }
}

customElements.define('portal-login-link', PortalLoginLink);

declare global {
  interface HTMLElementTagNameMap {
    'portal-login-link': PortalLoginLink;
  }
}
