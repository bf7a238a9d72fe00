import { css, html } from 'lit';
import { StaffActionElement, codeFieldError } from '../../action-element';
import { secondFactorApi, type SecondFactorStatusResponse, type TotpSetupResponse } from '../../second-factor-api';
import { staffStyles } from '../../staff-styles';

/**
 * Turning the TOTP second factor on (a new secret to type into an authenticator app, then one code
 * to prove it) and off (with a code). Also the only page a session sees when its school requires
 * TOTP and it is not on yet (`forced`).
 */
export class StaffTotpSettings extends StaffActionElement {
  static override properties = {
    forced: { type: Boolean },
    status: { state: true },
    setup: { state: true },
    notice: { state: true },
  };

  static override styles = [
    staffStyles,
    css`
      h1 {
        margin: 0 0 0.5rem;
        font-size: 1.4rem;
      }

      .secret {
        font-family: ui-monospace, monospace;
        font-size: 1.3rem;
        letter-spacing: 0.05em;
        word-spacing: 0.4em;
      }

      .uri {
        font-family: ui-monospace, monospace;
        word-break: break-all;
      }

      input {
        font-size: 1.3rem;
        letter-spacing: 0.2em;
        width: 9ch;
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

  declare forced: boolean;
  declare status: SecondFactorStatusResponse | undefined;
  declare setup: TotpSetupResponse | undefined;
  declare notice: string;

  constructor() {
    super();
    this.forced = false;
    this.status = undefined;
    this.setup = undefined;
    this.notice = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.run(async () => {
      this.status = await secondFactorApi.status();
    });
  }

  override render() {
    return html`
      <section class="panel" aria-labelledby="totp-title">
        <h1 id="totp-title">Inloggen met een authenticator-app</h1>
        ${this.forced
          ? html`<p class="notice">Je school vraagt om een tweede stap bij het inloggen. Zet die eerst aan; daarna kun je verder.</p>`
          : ''}
        ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : ''}
        ${this.body()}
        ${this.renderError('totp-error')}
      </section>
    `;
  }

  private body() {
    const status = this.status;
    if (!status) return html`<p class="muted" role="status">Even laden…</p>`;
    if (status.enabled) {
      return html`
        <p>Staat aan. Na de inloglink vraagt het portaal ook om de code uit je app.</p>
        ${status.required
          ? html`<p class="muted">Je school vraagt hierom, daarom kun je het niet uitzetten.</p>`
          : this.codeForm('Code om uit te zetten', 'Uitzetten', () => this.turnOff())}
      `;
    }
    if (!this.setup) {
      return html`
        <p>
          Met een authenticator-app (bijvoorbeeld Microsoft Authenticator of Google Authenticator) vraagt het portaal na
          de inloglink ook om een code van zes cijfers die elke 30 seconden verandert.
        </p>
        <button class="primary" type="button" ?disabled=${this.busy} @click=${this.start}>Aanzetten</button>
      `;
    }
    return html`
      <ol>
        <li>
          Kies in je authenticator-app voor een nieuwe sleutel invoeren (handmatig). Naam: <strong>klikvrij</strong>. Sleutel:
          <p class="secret" aria-label="Sleutel">${this.setup.secretGroups}</p>
          <details>
            <summary>Koppeling voor apps die een link lezen</summary>
            <p class="uri">${this.setup.uri}</p>
          </details>
        </li>
        <li>Vul hieronder de code in die de app nu laat zien.</li>
      </ol>
      ${this.codeForm('Code uit de app', 'Aanzetten', () => this.turnOn())}
    `;
  }

  private codeForm(label: string, action: string, submit: () => Promise<void>) {
    return html`
      <form
        novalidate
        @submit=${(event: SubmitEvent) => {
          event.preventDefault();
          void submit();
        }}
      >
        <label for="totp-code">${label}</label>
        <div class="row">
          <input
            id="totp-code"
            inputmode="numeric"
            autocomplete="one-time-code"
            maxlength="7"
            required
            aria-invalid=${this.error ? 'true' : 'false'}
            aria-describedby=${this.error ? 'totp-error' : ''}
          />
          <button class="primary" type="submit" ?disabled=${this.busy}>${action}</button>
        </div>
      </form>
    `;
  }

  private code(): string {
    return this.renderRoot.querySelector<HTMLInputElement>('#totp-code')?.value ?? '';
  }

  private async start(): Promise<void> {
    await this.run(async () => {
      this.setup = await secondFactorApi.setup();
    });
  }

  private async turnOn(): Promise<void> {
    await this.run(async () => {
      this.status = await secondFactorApi.enable(this.code());
      this.setup = undefined;
      this.notice = 'Inloggen met een authenticator-app staat aan. Andere sessies van jou zijn beëindigd.';
      this.dispatchEvent(new CustomEvent('staff-second-factor-done', { bubbles: true, composed: true }));
    });
  }

  private async turnOff(): Promise<void> {
    await this.run(async () => {
      this.status = await secondFactorApi.disable(this.code());
      this.notice = 'Inloggen met een authenticator-app staat uit.';
    });
  }

  private async run(action: () => Promise<void>): Promise<void> {
    this.busy = true;
    try {
      await action();
      this.error = '';
    } catch (error) {
      this.error = codeFieldError(error);
    } finally {
      this.busy = false;
    }
  }
}

customElements.define('staff-totp-settings', StaffTotpSettings);

declare global {
  interface HTMLElementTagNameMap {
    'staff-totp-settings': StaffTotpSettings;
  }
}
