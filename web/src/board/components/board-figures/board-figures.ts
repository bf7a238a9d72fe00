import { css, html } from 'lit';
import { KIND_LABELS } from '../../../../../server/shared/labels';
import { MIN_SHOWN_COUNT } from '../../../../../server/shared/limits';
import { StaffActionElement } from '../../../staff/action-element';
import { staffStyles } from '../../../staff/staff-styles';
import { boardTableStyles } from '../../board-styles';
import { ApiError, boardApi, type BoardFiguresResponse, type BoardSchoolFigures } from '../../api';
import '../board-bar-chart/board-bar-chart';

const monthName = new Intl.DateTimeFormat('nl-NL', { timeZone: 'UTC', month: 'short', year: '2-digit' });
const monthLabel = (key: string) => monthName.format(new Date(`${key}-15T12:00:00Z`));

/**
 * The board's figures per school: counts only, small ones as "< 5", reports for the
 * vertrouwenspersoon only never counted. No report can be opened from here.
 */
export class BoardFigures extends StaffActionElement {
  static override properties = { data: { state: true }, fields: { state: true } };

  static override styles = [
    staffStyles,
    boardTableStyles,
    css`
      :host {
        display: grid;
        gap: 1rem;
      }

      form {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
        gap: 0.75rem;
      }

      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.25rem 1rem;
      }

      dd {
        margin: 0;
      }
    `,
  ];

  declare data: BoardFiguresResponse | undefined;
  declare fields: Record<string, string>;

  constructor() {
    super();
    this.data = undefined;
    this.fields = {};
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load({});
  }

  private async load(period: { from?: string; to?: string }): Promise<void> {
    this.busy = true;
    try {
      this.data = await boardApi.figures(period);
      this.fields = {};
      this.error = '';
    } catch (error) {
      this.fields = error instanceof ApiError ? error.body.fields : {};
      this.error = error instanceof ApiError ? error.message : String(error);
    } finally {
      this.busy = false;
    }
  }

  private submit(event: SubmitEvent): void {
    event.preventDefault();
    const value = (id: string) => this.renderRoot.querySelector<HTMLInputElement>(`#${id}`)!.value;
    void this.load({ from: value('from') || undefined, to: value('to') || undefined });
  }

  private school(school: BoardSchoolFigures) {
    const id = `school-${school.slug}`;
    return html`<section class="panel" aria-labelledby=${id}>
      <h2 id=${id}>${school.name}</h2>
      <dl>
        <dt>Meldingen</dt>
        <dd>${school.total}</dd>
        <dt>Zaken (gekoppelde meldingen tellen als één)</dt>
        <dd>${school.cases}</dd>
        <dt>Open zaken</dt>
        <dd>${school.open}</dd>
        <dt>Afgesloten zaken</dt>
        <dd>${school.closed}</dd>
        <dt>Dagen tot eerste keer geopend (mediaan)</dt>
        <dd>${school.medianDaysToOpen ?? `nog niet te zeggen (minder dan ${MIN_SHOWN_COUNT} geopend)`}</dd>
      </dl>
      <h3>Per maand</h3>
      <board-bar-chart .counts=${school.months} label=${`Meldingen per maand, ${school.name}`} .labelOf=${monthLabel}></board-bar-chart>
      <h3>Per soort</h3>
      <table>
        <thead>
          <tr><th scope="col">Soort</th><th scope="col">Meldingen</th></tr>
        </thead>
        <tbody>
          ${school.kinds.map((kind) => html`<tr><td>${KIND_LABELS[kind.key] ?? kind.key}</td><td>${kind.reports}</td></tr>`)}
        </tbody>
      </table>
    </section>`;
  }

  override render() {
    const data = this.data;
    return html`<section class="panel" aria-labelledby="figures-title">
        <h1 id="figures-title">Cijfers per school</h1>
        <p class="muted">
          Alleen aantallen. 1 tot ${MIN_SHOWN_COUNT} staat als "&lt; ${MIN_SHOWN_COUNT}", zodat niemand een kind kan herkennen. Meldingen
          alleen voor de vertrouwenspersoon tellen hier niet mee.
        </p>
        <form @submit=${this.submit} novalidate aria-label="Periode">
          <div>
            <label for="from">Van</label>
            <input id="from" type="date" .value=${data?.from ?? ''} />
          </div>
          <div>
            <label for="to">Tot en met</label>
            <input id="to" type="date" .value=${data?.to ?? ''} aria-describedby=${this.fields.to ? 'to-error' : ''} />
            ${this.fields.to ? html`<p class="error" id="to-error" role="alert">${this.fields.to}</p>` : ''}
          </div>
          <div><button type="submit" ?disabled=${this.busy}>Toon</button></div>
        </form>
        ${this.renderError()}
      </section>
      ${data ? data.schools.map((school) => this.school(school)) : html`<p class="muted" role="status">Even laden…</p>`}`;
  }
}

customElements.define('board-figures', BoardFigures);

declare global {
  interface HTMLElementTagNameMap {
    'board-figures': BoardFigures;
  }
}
