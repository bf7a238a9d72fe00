import { html } from 'lit';
import type { SchoolYearStatus } from '../../../../../server/shared/board-responses';
import { StaffActionElement } from '../../../staff/action-element';
import { formatWhen } from '../../../staff/format';
import { staffStyles } from '../../../staff/staff-styles';

/**
 * Whether the school's contact table is confirmed for the school year, with the button that
 * confirms it; in /beheer for the board admin, in the staff portal for the directeur.
 */
export class SchoolYearStatusPanel extends StaffActionElement {
  static override properties = {
    status: { attribute: false },
    schoolName: {},
    /** The action that confirms; absent for someone who may only read. */
    confirm: { attribute: false },
  };

  static override styles = [staffStyles];

  declare status: SchoolYearStatus;
  declare schoolName: string;
  declare confirm: (() => Promise<unknown>) | undefined;

  constructor() {
    super();
    this.schoolName = '';
    this.confirm = undefined;
  }

  override render() {
    const status = this.status;
    const year = status.schoolYear;
    return html`<section class="panel" aria-labelledby="school-year-title">
      <h2 id="school-year-title">Schooljaar ${year}</h2>
      ${status.confirmed
        ? html`<p role="status">De contacttabel voor ${year} is bevestigd door ${status.confirmed.by} op ${formatWhen(status.confirmed.at)}.</p>`
        : status.unconfirmed
          ? html`<p class="notice school-year-warning">
              Let op: de contacttabel van ${this.schoolName} voor schooljaar ${year} is nog niet bevestigd. De tabel werkt gewoon door.
              Kijk of de namen en rollen kloppen.
            </p>`
          : html`<p>Kloppen de contactpersonen en hun rollen voor schooljaar ${year}? Bevestig het dan.</p>`}
      ${this.confirm && !status.confirmed
        ? html`${this.renderError()}
            <p><button class="primary" type="button" ?disabled=${this.busy} @click=${this.onConfirm}>Tabel ${year} bevestigen</button></p>`
        : ''}
    </section>`;
  }

  private readonly onConfirm = async (): Promise<void> => {
    const confirm = this.confirm;
    if (confirm) await this.busyWhile(async () => void (await confirm()));
  };
}

customElements.define('school-year-status', SchoolYearStatusPanel);

declare global {
  interface HTMLElementTagNameMap {
    'school-year-status': SchoolYearStatusPanel;
  }
}
