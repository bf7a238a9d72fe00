import { css, html } from 'lit';
import { StaffActionElement } from '../../action-element';
import { api, ApiError } from '../../api';
import { staffStyles } from '../../staff-styles';
import '../staff-school-sign-in/staff-school-sign-in';

/** Asks for the e-mail address and has a one-time login link mailed to it. */
export class StaffLoginForm extends StaffActionElement {
  static override properties = {
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

  declare sent: string;

  constructor() {
    super();
    this.sent = '';
  }

  override render() {
    return html`
      <section class="panel" aria-labelledby="title">
        <h1 id="title">Inloggen voor de school</h1>
        <p class="muted">
          Voor de anti-pestcoördinator, vertrouwenspersoon, IB'er, directeur en MT. Je krijgt een inloglink per e-mail.
        </p>
        <staff-school-sign-in></staff-school-sign-in>
        ${this.sent
          ? html`<p class="notice" role="status">${this.sent}</p>
              <button type="button" @click=${() => (this.sent = '')}>Nog een link aanvragen</button>`
          : html`
              <form @submit=${this.submit} novalidate>
                <div>
                  <label for="email">Je e-mailadres van school</label>
                  <input
                    id="email"
                    name="email"
                    type="email"
                    autocomplete="email"
                    required
                    aria-invalid=${this.error ? 'true' : 'false'}
                    aria-describedby=${this.error ? 'email-error' : ''}
                  />
                  ${this.error ? html`<p class="error" id="email-error" role="alert">${this.error}</p>` : ''}
                </div>
                <div><button class="primary" type="submit" ?disabled=${this.busy}>Stuur mij een inloglink</button></div>
              </form>
            `}
      </section>
    `;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#email');
    const email = input?.value.trim() ?? '';
    if (!email) {
      this.error = 'Vul je e-mailadres in.';
      return;
    }
    this.busy = true;
    this.error = '';
    try {
      this.sent = (await api.requestLink(email)).message;
    } catch (error) {
      this.error = error instanceof ApiError ? (error.body.fields.email ?? error.message) : String(error);
    } finally {
      this.busy = false;
    }
  }
}

customElements.define('staff-login-form', StaffLoginForm);

declare global {
  interface HTMLElementTagNameMap {
    'staff-login-form': StaffLoginForm;
  }
}
