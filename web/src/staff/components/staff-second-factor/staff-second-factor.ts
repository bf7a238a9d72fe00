import { css, html } from 'lit';
import { StaffActionElement, codeFieldError } from '../../action-element';
import { api, ApiError } from '../../api';
import { secondFactorApi } from '../../second-factor-api';
import { staffStyles } from '../../staff-styles';

declare global {
  interface HTMLElementEventMap {
    /** The session is complete: the code was right, or TOTP was just turned on. */
    'staff-second-factor-done': CustomEvent<void>;
    /** The session is gone (too many wrong codes, or the person gave up). */
    'staff-second-factor-cancelled': CustomEvent<string>;
  }
}

/** After the login link, for someone with TOTP on: the six digits from the authenticator app. */
export class StaffSecondFactor extends StaffActionElement {
  static override styles = [
    staffStyles,
    css`
      h1 {
        margin: 0 0 0.5rem;
        font-size: 1.4rem;
      }

      input {
        font-size: 1.4rem;
        letter-spacing: 0.1em;
        width: 14ch;
      }

      .row {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        flex-wrap: wrap;
        margin: 0.5rem 0;
      }
    `,
  ];

  override render() {
    return html`
      <section class="panel" aria-labelledby="title">
        <h1 id="title">Code uit je authenticator-app</h1>
        <p>Open de authenticator-app op je telefoon en vul de code van zes cijfers in die bij klikvrij staat.</p>
        <p class="muted">Telefoon kwijt? Vul dan een van je herstelcodes in. Of vraag de directeur om de app los te koppelen.</p>
        <form @submit=${this.submit} novalidate>
          <label for="code">Code</label>
          <div class="row">
            <input
              id="code"
              name="code"
              autocomplete="one-time-code"
              autocapitalize="off"
              spellcheck="false"
              maxlength="20"
              required
              aria-invalid=${this.error ? 'true' : 'false'}
              aria-describedby=${this.error ? 'code-error' : ''}
            />
            <button class="primary" type="submit" ?disabled=${this.busy}>Verder</button>
          </div>
          ${this.renderError('code-error')}
        </form>
        <p><button type="button" ?disabled=${this.busy} @click=${this.cancel}>Stoppen en uitloggen</button></p>
      </section>
    `;
  }

  override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLInputElement>('#code')?.focus();
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#code')!;
    this.busy = true;
    try {
      await secondFactorApi.verify(input.value);
      this.error = '';
      this.dispatchEvent(new CustomEvent('staff-second-factor-done', { bubbles: true, composed: true }));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        this.dispatchEvent(new CustomEvent('staff-second-factor-cancelled', { detail: error.message, bubbles: true, composed: true }));
        return;
      }
      this.error = codeFieldError(error);
      input.value = '';
      input.focus();
    } finally {
      this.busy = false;
    }
  }

  private async cancel(): Promise<void> {
    this.busy = true;
    await api.logout().catch(() => undefined);
    this.busy = false;
    this.dispatchEvent(new CustomEvent('staff-second-factor-cancelled', { detail: 'Je bent uitgelogd.', bubbles: true, composed: true }));
  }
}

customElements.define('staff-second-factor', StaffSecondFactor);

declare global {
  interface HTMLElementTagNameMap {
    'staff-second-factor': StaffSecondFactor;
  }
}
