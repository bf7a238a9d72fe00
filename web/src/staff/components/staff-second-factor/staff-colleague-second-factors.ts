import { css, html } from 'lit';
import { StaffActionElement } from '../../action-element';
import { secondFactorApi, type ColleagueSecondFactorsResponse } from '../../second-factor-api';
import { staffStyles } from '../../staff-styles';

/**
 * For the directeur: which colleagues use an authenticator app, and a way to unhook it for one who
 * lost their phone (they are mailed, their sessions end, their next login is by link alone).
 */
export class StaffColleagueSecondFactors extends StaffActionElement {
  static override properties = {
    colleagues: { state: true },
    notice: { state: true },
  };

  static override styles = [
    staffStyles,
    css`
      ul {
        list-style: none;
        padding: 0;
      }

      li {
        display: flex;
        gap: 1rem;
        align-items: center;
        flex-wrap: wrap;
        padding: 0.4rem 0;
        border-bottom: 1px solid #ddd;
      }
    `,
  ];

  declare colleagues: ColleagueSecondFactorsResponse | undefined;
  declare notice: string;

  constructor() {
    super();
    this.colleagues = undefined;
    this.notice = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.busyWhile(async () => {
      this.colleagues = await secondFactorApi.colleagues();
    });
  }

  override render() {
    return html`
      <section class="panel" aria-labelledby="colleagues-title">
        <h2 id="colleagues-title">Authenticator-app van collega's</h2>
        <p>Is een collega de telefoon kwijt en heeft die geen herstelcode meer? Koppel de app dan hier los.</p>
        ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : ''} ${this.renderError()}
        ${this.colleagues
          ? html`<ul>
              ${this.colleagues.map(
                (colleague) => html`<li>
                  <span>${colleague.name}</span>
                  ${colleague.enabled
                    ? html`<button type="button" ?disabled=${this.busy} @click=${() => this.reset(colleague.email, colleague.name)}>
                        App loskoppelen van ${colleague.name}
                      </button>`
                    : html`<span class="muted">geen app</span>`}
                </li>`,
              )}
            </ul>`
          : ''}
      </section>
    `;
  }

  private async reset(email: string, name: string): Promise<void> {
    if (!confirm(`De authenticator-app van ${name} loskoppelen? ${name} krijgt hierover een mail.`)) return;
    await this.busyWhile(async () => {
      this.colleagues = await secondFactorApi.resetColleague(email);
      this.notice = `De app van ${name} is losgekoppeld. ${name} krijgt een mail en logt de volgende keer in met alleen de inloglink.`;
    });
  }

}

customElements.define('staff-colleague-second-factors', StaffColleagueSecondFactors);

declare global {
  interface HTMLElementTagNameMap {
    'staff-colleague-second-factors': StaffColleagueSecondFactors;
  }
}
