import { LitElement, css, html } from 'lit';
import { HOLIDAY_REGIONS } from '../../../../../server/shared/board-values';
import { staffStyles } from '../../../staff/staff-styles';
import type { BoardSchool, SchoolOptionsInput } from '../../api';

/** A school's name and options inside a form of its parent, which calls read(). */
export class BoardSchoolFields extends LitElement {
  static override properties = {
    school: { attribute: false },
    errors: { attribute: false },
    defaultRetentionMonths: { attribute: false },
  };

  static override styles = [
    staffStyles,
    css`
      .grid {
        display: grid;
        gap: 0.75rem;
      }

      .check {
        display: flex;
        align-items: center;
        gap: 0.5rem;
        min-height: var(--st-target);
        font-weight: 400;
      }

      input[type='number'],
      select {
        max-width: 14rem;
      }
    `,
  ];

  declare school: BoardSchool | undefined;
  declare errors: Record<string, string>;
  declare defaultRetentionMonths: number;

  constructor() {
    super();
    this.school = undefined;
    this.errors = {};
    this.defaultRetentionMonths = 12;
  }

  read(): SchoolOptionsInput {
    const input = (id: string) => this.renderRoot.querySelector<HTMLInputElement>(`#${id}`)!;
    const months = input('retention').value.trim();
    const region = this.renderRoot.querySelector<HTMLSelectElement>('#region')!.value;
    return {
      name: input('school-name').value.trim(),
      fullNotificationMail: input('full-mail').checked,
      requireTotp: input('require-totp').checked,
      // An empty field means the installation's default; anything else goes to the server as typed.
      retentionMonths: months === '' ? null : Number(months),
      holidayRegion: region === '' ? null : region,
      loginLink: input('login-link').checked,
    };
  }

  private error(name: string) {
    const message = this.errors[name];
    return message ? html`<p class="error" id="${name}-error" role="alert">${message}</p>` : '';
  }

  override render() {
    const school = this.school;
    return html`<div class="grid">
      <div>
        <label for="school-name">Naam van de school</label>
        <input id="school-name" .value=${school?.name ?? ''} aria-describedby=${this.errors.name ? 'name-error' : ''} />
        ${this.error('name')}
      </div>
      <label class="check"
        ><input id="full-mail" type="checkbox" .checked=${school?.fullNotificationMail ?? false} /> Meldingsmail met de inhoud van
        de melding (standaard uit: alleen een link)</label
      >
      <label class="check"
        ><input id="require-totp" type="checkbox" .checked=${school?.requireTotp ?? false} /> Tweede inlogstap (TOTP) verplicht voor
        het personeel</label
      >
      <label class="check"
        ><input id="login-link" type="checkbox" .checked=${school?.loginLink ?? true} /> Personeel mag inloggen met een inloglink per
        e-mail (uit alleen als de school via het eigen inlogsysteem inlogt)</label
      >
      <div>
        <label for="retention">Bewaartermijn na afsluiten, in maanden</label>
        <input
          id="retention"
          type="number"
          inputmode="numeric"
          .value=${school?.retentionMonths === null || school === undefined ? '' : String(school.retentionMonths)}
          placeholder=${`leeg: ${this.defaultRetentionMonths} (standaard)`}
          aria-describedby=${this.errors.retentionMonths ? 'retentionMonths-error' : ''}
        />
        ${this.error('retentionMonths')}
      </div>
      <div>
        <label for="region">Regio van de schoolvakanties</label>
        <select id="region" .value=${school?.holidayRegion ?? ''}>
          <option value="" ?selected=${!school?.holidayRegion}>nog niet gekozen</option>
          ${HOLIDAY_REGIONS.map((region) => html`<option value=${region} ?selected=${school?.holidayRegion === region}>${region}</option>`)}
        </select>
        ${this.error('holidayRegion')}
      </div>
    </div>`;
  }
}

customElements.define('board-school-fields', BoardSchoolFields);

declare global {
  interface HTMLElementTagNameMap {
    'board-school-fields': BoardSchoolFields;
  }
}
