import { LitElement, css, html } from 'lit';
import { INDICATION_LABELS, KIND_LABELS, PLACE_LABELS, STATUS_LABELS } from '../../../../../server/shared/labels';
import { STEP_LABELS, STEPS } from '../../../../../server/shared/protocol';
import { staffStyles } from '../../staff-styles';

export const FILTER_NAMES = ['status', 'step', 'kind', 'place', 'indication', 'from', 'to', 'unread', 'followUp'] as const;
export type InboxFilters = Partial<Record<(typeof FILTER_NAMES)[number], string>>;

declare global {
  interface GlobalEventHandlersEventMap {
    'filters-changed': CustomEvent<InboxFilters>;
  }
}

/** The inbox filters; every change is sent up at once as a `filters-changed` event. */
export class StaffInboxFilters extends LitElement {
  static override properties = {
    filters: { attribute: false },
  };

  static override styles = [
    staffStyles,
    css`
      form {
        display: grid;
        grid-template-columns: repeat(4, minmax(0, 1fr));
        gap: 0.75rem 1rem;
        align-items: end;
      }

      @media (max-width: 640px) {
        form {
          grid-template-columns: repeat(2, minmax(0, 1fr));
        }
      }

      label {
        font-size: 0.875rem;
      }

      .check {
        display: flex;
        align-items: center;
        gap: 0.5rem;
        min-height: var(--st-target);
        margin: 0;
      }
    `,
  ];

  declare filters: InboxFilters;

  constructor() {
    super();
    this.filters = {};
  }

  override render() {
    const f = this.filters;
    const select = (name: keyof InboxFilters, label: string, options: Array<[string, string]>) => html`
      <div>
        <label for=${name}>${label}</label>
        <select id=${name} name=${name} .value=${f[name] ?? ''}>
          <option value="">Alle</option>
          ${options.map(([value, text]) => html`<option value=${value} ?selected=${f[name] === value}>${text}</option>`)}
        </select>
      </div>
    `;
    return html`
      <form @change=${this.changed} @submit=${(event: Event) => event.preventDefault()} aria-label="Filters">
        ${select('status', 'Status', Object.entries(STATUS_LABELS))}
        ${select('step', 'Stap', [['none', 'Nog geen stap'], ...STEPS.map((step): [string, string] => [step, STEP_LABELS[step].split(' – ')[0]!])])}
        ${select('kind', 'Wat', Object.entries(KIND_LABELS).map(([value, text]): [string, string] => [value, text.split(' (')[0]!]))}
        ${select('place', 'Waar', Object.entries(PLACE_LABELS))}
        ${select('indication', 'Plagen of pesten', Object.entries(INDICATION_LABELS))}
        <div>
          <label for="from">Ontvangen vanaf</label>
          <input id="from" name="from" type="date" .value=${f.from ?? ''} />
        </div>
        <div>
          <label for="to">Ontvangen tot en met</label>
          <input id="to" name="to" type="date" .value=${f.to ?? ''} />
        </div>
        <label class="check"><input type="checkbox" name="unread" ?checked=${f.unread === 'true'} /> Alleen ongeopend</label>
        <label class="check"><input type="checkbox" name="followUp" value="due" ?checked=${f.followUp === 'due'} /> Terugkijken: vandaag of eerder</label>
      </form>
    `;
  }

  private changed(): void {
    const form = this.renderRoot.querySelector('form');
    if (!form) return;
    const data = new FormData(form);
    const filters: InboxFilters = {};
    for (const name of FILTER_NAMES) {
      const value = name === 'unread' ? (data.has('unread') ? 'true' : '') : String(data.get(name) ?? '');
      if (value) filters[name] = value;
    }
    this.dispatchEvent(new CustomEvent('filters-changed', { detail: filters }));
  }
}

customElements.define('staff-inbox-filters', StaffInboxFilters);

declare global {
  interface HTMLElementTagNameMap {
    'staff-inbox-filters': StaffInboxFilters;
  }
}
