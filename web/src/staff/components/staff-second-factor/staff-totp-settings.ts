import { css, html } from 'lit';
import { StaffActionElement } from '../../action-element';
import { secondFactorApi, type SecondFactorStatusResponse, type TotpSetupResponse } from '../../second-factor-api';
import './staff-recovery-codes';
import { staffStyles } from '../../staff-styles';

/**
 * Turning the TOTP second factor on (a QR code or a secret to type into an authenticator app, then
 * one code to prove it, then the recovery codes, shown once) and off (with a code). Also the only page a session sees when its school requires
 * TOTP and it is not on yet (`forced`).
 */
export class StaffTotpSettings extends StaffActionElement {
  static override properties = {
    forced: { type: Boolean },
    status: { state: true },
    setup: { state: true },
    recoveryCodes: { state: true },
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

      .qr {
        display: block;
        width: 12rem;
        height: 12rem;
        margin: 0.5rem 0;
        image-rendering: pixelated;
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
  /** Shown once, right after turning on; gone when the person says they kept them or leaves. */
  declare recoveryCodes: string[];
  declare notice: string;

  constructor() {
    super();
    this.forced = false;
    this.status = undefined;
    this.setup = undefined;
    this.recoveryCodes = [];
    this.notice = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.busyWhile(async () => {
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
    if (this.recoveryCodes.length > 0) {
      return html`<staff-recovery-codes .codes=${this.recoveryCodes} @staff-recovery-codes-kept=${this.codesKept}></staff-recovery-codes>`;
    }
    if (status.enabled) {
      return html`
        <p>Staat aan. Na de inloglink vraagt het portaal ook om de code uit je app.</p>
        <p>Herstelcodes over: ${status.recoveryCodesLeft}.</p>
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
          Scan deze QR-code met je authenticator-app:
          <img class="qr" src=${this.setup.qrCode} alt="QR-code voor je authenticator-app" width="192" height="192" />
          Lukt scannen niet? Kies dan in de app voor een sleutel invoeren (handmatig). Naam: <strong>klikvrij</strong>. Sleutel:
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
    await this.busyWhile(async () => {
      this.setup = await secondFactorApi.setup();
    });
  }

  private async turnOn(): Promise<void> {
    await this.busyWhile(async () => {
      const { recoveryCodes, ...status } = await secondFactorApi.enable(this.code());
      this.status = status;
      this.setup = undefined;
      this.recoveryCodes = recoveryCodes;
      this.notice = 'Inloggen met een authenticator-app staat aan. Andere sessies van jou zijn beëindigd.';
    });
  }

  /** Only once the codes are kept does the page move on (a forced setup then opens the portal). */
  private codesKept(): void {
    this.recoveryCodes = [];
    this.dispatchEvent(new CustomEvent('staff-second-factor-done', { bubbles: true, composed: true }));
  }

  private async turnOff(): Promise<void> {
    await this.busyWhile(async () => {
      this.status = await secondFactorApi.disable(this.code());
      this.notice = 'Inloggen met een authenticator-app staat uit.';
    });
  }

}

customElements.define('staff-totp-settings', StaffTotpSettings);

declare global {
  interface HTMLElementTagNameMap {
    'staff-totp-settings': StaffTotpSettings;
  }
}
