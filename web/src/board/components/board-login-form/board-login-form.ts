import { css, html } from 'lit';
import { StaffActionElement } from '../../../staff/action-element';
import { staffStyles } from '../../../staff/staff-styles';
import { ApiError, boardApi } from '../../api';

/** Asks for a board admin's address and has a one-time login link mailed to it. */
export class BoardLoginForm extends StaffActionElement {
  static override properties = { sent: { state: true } };

  static override styles = [
    staffStyles,
    css`
      form {
        display: grid;
        gap: 0.75rem;
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
        <h1 id="title">Inloggen voor het bestuur</h1>
        <p class="muted">Voor beheerders: scholen en contactpersonen. Meldingen zie je hier niet. Je krijgt een inloglink per e-mail.</p>
        ${this.sent
          ? html`<p class="notice" role="status">${this.sent}</p>`
          : html`<form @submit=${this.submit} novalidate>
              <div>
                <label for="email">Je e-mailadres</label>
                <input id="email" type="email" autocomplete="email" required aria-describedby=${this.error ? 'email-error' : ''} />
                ${this.renderError('email-error')}
              </div>
              <div><button class="primary" type="submit" ?disabled=${this.busy}>Stuur mij een inloglink</button></div>
            </form>`}
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
      this.sent = (await boardApi.requestLink(email)).message;
    } catch (error) {
      this.error = error instanceof ApiError ? (error.body.fields.email ?? error.message) : String(error);
    } finally {
      this.busy = false;
    }
  }
}

customElements.define('board-login-form', BoardLoginForm);

declare global {
  interface HTMLElementTagNameMap {
    'board-login-form': BoardLoginForm;
  }
}
