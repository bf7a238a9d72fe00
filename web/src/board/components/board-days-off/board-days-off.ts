import { css, html } from 'lit';
import { BoardFormElement } from '../../form-element';
import { staffStyles } from '../../../staff/staff-styles';
import { boardTableStyles } from '../../board-styles';
import type { SchoolCalendar } from '../../../../../server/shared/board-responses';
import type { BoardDayOff } from '../../api';

/** How the page that shows the calendar changes it (the board's API or the staff portal's), updating what it shows. */
export interface DayOffEditor {
  add(body: { day: string; label: string }): Promise<void>;
  remove(id: number): Promise<void>;
}

const dutchDay = new Intl.DateTimeFormat('nl-NL', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const readable = (day: string) => dutchDay.format(new Date(`${day}T12:00:00Z`));

/**
 * The days a school is closed: the national holidays of its region (shipped with the portal) and
 * the days it adds itself (studiedagen). Reminders count school days and skip both. In /beheer for
 * the board admin and in the staff portal for the directeur; read only without an editor.
 */
export class BoardDaysOff extends BoardFormElement {
  static override properties = {
    calendar: { attribute: false },
    editor: { attribute: false },
  };

  static override styles = [
    staffStyles,
    boardTableStyles,
    css`
      form {
        display: grid;
        gap: 0.75rem;
        margin-top: 1rem;
      }

      input[type='date'] {
        max-width: 14rem;
      }
    `,
  ];

  declare calendar: SchoolCalendar;
  declare editor: DayOffEditor | undefined;

  constructor() {
    super();
    this.editor = undefined;
  }

  private fieldError(name: string) {
    const message = this.fields[name];
    return message ? html`<p class="error" id="dayoff-${name}-error" role="alert">${message}</p>` : '';
  }

  override render() {
    const school = this.calendar;
    const editable = this.editor !== undefined;
    return html`<section class="panel" aria-labelledby="days-off-title">
      <h2 id="days-off-title">Vakanties en vrije dagen</h2>
      <p class="muted">Herinneringen tellen alleen schooldagen. Weekenden, vakanties en deze vrije dagen tellen niet mee.</p>
      <h3>Schoolvakanties${school.holidayRegion ? ` regio ${school.holidayRegion}` : ''}</h3>
      ${school.holidayRegion
        ? html`<p class="small muted">Volgens het rooster van de rijksoverheid. Kijk of het klopt met de schoolgids.</p>
            <table>
              <thead>
                <tr><th scope="col">Vakantie</th><th scope="col">Schooljaar</th><th scope="col">Eerste dag</th><th scope="col">Laatste dag</th></tr>
              </thead>
              <tbody>
                ${school.holidays.map(
                  (holiday) => html`<tr><td>${holiday.name}</td><td>${holiday.schoolYear}</td><td>${readable(holiday.from)}</td><td>${readable(holiday.to)}</td></tr>`,
                )}
              </tbody>
            </table>`
        : html`<p>Kies hierboven de regio van de schoolvakanties. Tot dan telt elke doordeweekse dag als schooldag.</p>`}
      <h3>Eigen vrije dagen (studiedagen)</h3>
      ${school.daysOff.length === 0
        ? html`<p class="muted">Nog geen eigen vrije dagen.</p>`
        : html`<table>
            <thead>
              <tr><th scope="col">Dag</th><th scope="col">Wat</th>${editable ? html`<th scope="col"><span class="sr-only">Acties</span></th>` : ''}</tr>
            </thead>
            <tbody>
              ${school.daysOff.map(
                (dayOff) => html`<tr>
                  <td>${readable(dayOff.day)}</td>
                  <td>${dayOff.label}</td>
                  ${editable
                    ? html`<td>
                        <button type="button" ?disabled=${this.busy} @click=${() => this.removeDay(dayOff)}>
                          Weghalen<span class="sr-only"> — ${readable(dayOff.day)}</span>
                        </button>
                      </td>`
                    : ''}
                </tr>`,
              )}
            </tbody>
          </table>`}
      ${editable ? this.renderForm() : ''}
    </section>`;
  }

  private renderForm() {
    return html`<form @submit=${this.add} novalidate aria-label="Vrije dag toevoegen">
        <div>
          <label for="dayoff-day">Datum</label>
          <input id="dayoff-day" type="date" aria-describedby=${this.fields.day ? 'dayoff-day-error' : ''} />
          ${this.fieldError('day')}
        </div>
        <div>
          <label for="dayoff-label">Wat is het? (bijvoorbeeld: studiedag)</label>
          <input id="dayoff-label" aria-describedby=${this.fields.label ? 'dayoff-label-error' : ''} />
          ${this.fieldError('label')}
        </div>
        ${this.renderError()}
        <div><button type="submit" ?disabled=${this.busy}>Vrije dag toevoegen</button></div>
      </form>`;
  }


  private async add(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const input = (id: string) => this.renderRoot.querySelector<HTMLInputElement>(`#${id}`)!;
    const body = { day: input('dayoff-day').value, label: input('dayoff-label').value.trim() };
    if (await this.run(() => this.editor!.add(body))) {
      input('dayoff-day').value = '';
      input('dayoff-label').value = '';
    }
  }

  private async removeDay(dayOff: BoardDayOff): Promise<void> {
    await this.run(() => this.editor!.remove(dayOff.id));
  }
}

customElements.define('board-days-off', BoardDaysOff);

declare global {
  interface HTMLElementTagNameMap {
    'board-days-off': BoardDaysOff;
  }
}
