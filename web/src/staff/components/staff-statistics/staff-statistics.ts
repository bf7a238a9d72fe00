import { LitElement, css, html } from 'lit';
import { INDICATION_LABELS, KIND_LABELS, PLACE_LABELS, SOURCE_LABELS } from '../../../../../server/shared/labels';
import { CLOSE_LABELS } from '../../../../../server/shared/protocol';
import { api, ApiError, type StatisticsResponse } from '../../api';
import { formatWhen } from '../../format';
import { staffStyles } from '../../staff-styles';

type Count = StatisticsResponse['months'][number];

const OUTCOME_LABELS: Record<string, string> = { open: 'Nog niet afgesloten', ...CLOSE_LABELS, closed: 'Afgesloten (zonder uitkomst)' };
const VERDICT_LABELS: Record<string, string> = { ...INDICATION_LABELS, none: 'Nog geen oordeel' };
const monthFormat = new Intl.DateTimeFormat('nl-NL', { timeZone: 'UTC', month: 'long', year: 'numeric' });

function monthLabel(month: string): string {
  return monthFormat.format(new Date(`${month}-15T12:00:00Z`));
}

/**
 * The school's numbers for a period (default: this school year): only counts, never a report.
 * Reports for the vertrouwenspersoon only and reports whose content has been deleted are counted too.
 */
export class StaffStatistics extends LitElement {
  static override properties = {
    data: { state: true },
    error: { state: true },
    fieldErrors: { state: true },
    loading: { state: true },
    canExport: { attribute: false },
  };

  static override styles = [
    staffStyles,
    css`
      h1 {
        margin: 0 0 0.5rem;
        font-size: 1.5rem;
      }

      form {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
        gap: 0.75rem 1rem;
        margin-bottom: 1rem;
      }

      .tables {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr));
        gap: 1rem 1.5rem;
        align-items: start;
      }

      table {
        width: 100%;
        border-collapse: collapse;
        background: var(--st-surface);
      }

      caption {
        text-align: start;
        font-weight: 700;
        padding: 0.3rem 0;
      }

      th,
      td {
        padding: 0.35rem 0.6rem;
        border-bottom: 1px solid var(--st-border);
        text-align: start;
        font-size: 0.9rem;
      }

      td.number,
      th.number {
        text-align: end;
        font-variant-numeric: tabular-nums;
      }

      thead th {
        background: var(--st-bg);
      }
    `,
  ];

  declare data: StatisticsResponse | undefined;
  declare error: string;
  declare fieldErrors: Record<string, string>;
  declare loading: boolean;
  /** The directeur may download the register of the period (server/register/register-export.ts). */
  declare canExport: boolean;

  constructor() {
    super();
    this.canExport = false;
    this.data = undefined;
    this.error = '';
    this.fieldErrors = {};
    this.loading = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load(new URLSearchParams());
  }

  private async load(query: URLSearchParams): Promise<void> {
    this.loading = true;
    try {
      this.data = await api.statistics(query);
      this.error = '';
      this.fieldErrors = {};
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return;
      this.error = (error as Error).message;
      this.fieldErrors = error instanceof ApiError ? error.body.fields : {};
    } finally {
      this.loading = false;
    }
  }

  private submit(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const query = new URLSearchParams();
    for (const name of ['from', 'to']) {
      const value = String(data.get(name) ?? '');
      if (value) query.set(name, value);
    }
    void this.load(query);
  }

  override render() {
    const data = this.data;
    return html`
      <h1>Cijfers</h1>
      <p class="muted">
        Alleen aantallen, nooit een melding. Meldingen voor alleen de vertrouwenspersoon en meldingen waarvan de inhoud al is verwijderd tellen mee.
        Een melding kan bij meer soorten en plekken horen en telt dan bij elk.
      </p>
      <form @submit=${this.submit} aria-label="Periode">
        <div>
          <label for="from">Vanaf</label>
          <input id="from" name="from" type="date" .value=${data?.from ?? ''} aria-describedby=${this.fieldErrors.from ? 'from-error' : ''} />
          ${this.fieldErrors.from ? html`<p class="error" id="from-error">${this.fieldErrors.from}</p>` : ''}
        </div>
        <div>
          <label for="to">Tot en met</label>
          <input id="to" name="to" type="date" .value=${data?.to ?? ''} aria-describedby=${this.fieldErrors.to ? 'to-error' : ''} />
          ${this.fieldErrors.to ? html`<p class="error" id="to-error">${this.fieldErrors.to}</p>` : ''}
        </div>
        <button type="submit" ?disabled=${this.loading}>Toon cijfers</button>
      </form>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${data
        ? html`
            <p role="status">
              <strong>${data.total}</strong> ${data.total === 1 ? 'melding' : 'meldingen'} van ${formatWhen(data.from)} tot en met ${formatWhen(data.to)},
              in <strong>${data.cases}</strong> ${data.cases === 1 ? 'zaak' : 'zaken'} (gekoppelde meldingen tellen als één zaak),
              waarvan <strong>${data.urgent}</strong> met gevaar of angst om naar school te gaan.
            </p>
            <div class="tables">
              ${this.table('Per maand', 'Maand', data.months, monthLabel)}
              ${this.table('Wat er gebeurde', 'Soort', data.kinds, (key) => (KIND_LABELS[key] ?? key).split(' (')[0]!)}
              ${this.table('Waar het gebeurde', 'Plek', data.places, (key) => PLACE_LABELS[key] ?? key)}
              ${this.table('Indicatie uit de antwoorden', 'Indicatie', data.indications, (key) => INDICATION_LABELS[key] ?? key)}
              ${this.table('Oordeel van de school', 'Oordeel', data.verdicts, (key) => VERDICT_LABELS[key] ?? key)}
              ${this.table('Afhandeling', 'Stand', data.outcomes, (key) => OUTCOME_LABELS[key] ?? key)}
              ${this.table('Hoe de meldingen binnenkwamen', 'Bron', data.sources, (key) => SOURCE_LABELS[key] ?? key)}
            </div>
            ${this.canExport
              ? html`<p>
                  <a href=${`/api/staff/register.csv?${new URLSearchParams({ from: data.from, to: data.to })}`} download
                    >Download het register van deze periode (CSV voor Excel)</a
                  >
                </p>
                <p class="small muted">Eén regel per melding, zonder namen en zonder tekst. Voor de MR, het jaarverslag en de Inspectie.</p>`
              : ''}
          `
        : this.loading
          ? html`<p class="muted" role="status">Even laden…</p>`
          : ''}
    `;
  }

  private table(caption: string, heading: string, rows: Count[], label: (key: string) => string) {
    return html`<table>
      <caption>${caption}</caption>
      <thead>
        <tr><th scope="col">${heading}</th><th scope="col" class="number">Meldingen</th></tr>
      </thead>
      <tbody>
        ${rows.map((row) => html`<tr><th scope="row">${label(row.key)}</th><td class="number">${row.reports}</td></tr>`)}
      </tbody>
    </table>`;
  }
}

customElements.define('staff-statistics', StaffStatistics);

declare global {
  interface HTMLElementTagNameMap {
    'staff-statistics': StaffStatistics;
  }
}
