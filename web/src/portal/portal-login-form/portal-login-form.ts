import { css, html } from 'lit';
import { ApiError } from '../api-client';
import { PortalActionElement } from '../action-element';
import { staffStyles } from '../../staff/staff-styles';

/**
 * Asks for an e-mail address and has a one-time login link mailed to it. What the portal adds
 * (another way to sign in) goes in the default slot, above the form.
 */
export class PortalLoginForm extends PortalActionElement {
  static override properties = {
    heading: {},
    intro: {},
    label: {},
    requestLink: { attribute: false },
    sent: { state: true },
  };

  static override styles = [
    staffStyles,
    css`
      form {
        display: grid;
        gap: 0.75rem;
      }

      h1 {
        margin: 0 0 0.5rem;
        font-size: 1.4rem;
      }
    `,
  ];

  declare heading: string;
  /** Who signs in here and how, under the heading. */
  declare intro: string;
  /** The label of the address field. */
  declare label: string;
  /** Asks the portal's server for a link; resolves with the one answer it gives to every address. */
  declare requestLink: (email: string) => Promise<{ message: string }>;
  declare sent: string;

  constructor() {
    super();
    this.heading = 'Inloggen';
    this.intro = '';
    this.label = 'Je e-mailadres';
    this.requestLink = () => Promise.reject(new Error('requestLink is not set'));
    this.sent = '';
  }

  override render() {
    return html`
      <section class="panel" aria-labelledby="title">
        <h1 id="title">${this.heading}</h1>
        <p class="muted">${this.intro}</p>
        <slot></slot>
        ${this.sent
          ? html`<p class="notice" role="status">${this.sent}</p>
              <button type="button" @click=${() => (this.sent = '')}>Nog een link aanvragen</button>`
          : html`
              <form @submit=${this.submit} novalidate>
                <div>
                  <label for="email">${this.label}</label>
                  <input
                    id="email"
                    name="email"
                    type="email"
                    autocomplete="email"
                    required
                    aria-invalid=${this.error ? 'true' : 'false'}
                    aria-describedby=${this.error ? 'email-error' : ''}
                  />
                  ${this.renderError('email-error')}
                </div>
                <div><button class="primary" type="submit" ?disabled=${this.busy}>Stuur mij een inloglink</button></div>
              </form>
            `}
      </section>
    `;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const email = this.renderRoot.querySelector<HTMLInputElement>('#email')?.value.trim() ?? '';
    if (!email) {
      this.error = 'Vul je e-mailadres in.';
      return;
    }
    this.busy = true;
    this.error = '';
    try {
      this.sent = (await this.requestLink(email)).message;
    } catch (error) {
      this.error = error instanceof ApiError ? (error.body.fields.email ?? error.message) : String(error);
    } finally {
      this.busy = false;
    }
  }
}

customElements.define('portal-login-form', PortalLoginForm);

declare global {
  interface HTMLElementTagNameMap {
    'portal-login-form': PortalLoginForm;
  }
}
