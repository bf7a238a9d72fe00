import { LitElement, css, html, type PropertyValues } from 'lit';
import { api, ApiError, type InboxItem } from '../../api';
import { staffStyles } from '../../staff-styles';
import '../staff-inbox-filters/staff-inbox-filters';
import { FILTER_NAMES, type InboxFilters } from '../staff-inbox-filters/staff-inbox-filters';
import '../staff-report-list/staff-report-list';

/** The school's reports, urgent ones first, then newest first, with filters; more pages load on request (keyset). */
export class StaffInbox extends LitElement {
  static override properties = {
    schoolSlug: {},
    filters: { state: true },
    reports: { state: true },
    next: { state: true },
    unreadCount: { state: true },
    loading: { state: true },
    error: { state: true },
  };

  static override styles = [
    staffStyles,
    css`
      .top {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 0.5rem 1rem;
        margin-bottom: 1rem;
      }

      h1 {
        margin: 0;
        font-size: 1.5rem;
      }

      staff-inbox-filters {
        margin-bottom: 1rem;
      }

      .more {
        margin-top: 1rem;
        text-align: center;
      }
    `,
  ];

  /** Reloads when the school changes. */
  declare schoolSlug: string;
  declare filters: InboxFilters;
  declare reports: InboxItem[];
  declare next: string | null;
  declare unreadCount: number;
  declare loading: boolean;
  declare error: string;

  constructor() {
    super();
    this.schoolSlug = '';
    const params = new URLSearchParams(location.search);
    this.filters = Object.fromEntries(FILTER_NAMES.filter((name) => params.get(name)).map((name) => [name, params.get(name)!]));
    this.reports = [];
    this.next = null;
    this.unreadCount = 0;
    this.loading = false;
    this.error = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('schoolSlug') || changed.has('filters')) void this.load();
  }

  private async load(before?: string): Promise<void> {
    this.loading = true;
    this.error = '';
    const query = new URLSearchParams(Object.entries(this.filters) as Array<[string, string]>);
    if (before) query.set('before', before);
    try {
      const page = await api.inbox(query);
      this.reports = before ? [...this.reports, ...page.reports] : page.reports;
      this.next = page.next;
      this.unreadCount = page.unreadCount;
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) this.error = (error as Error).message;
    } finally {
      this.loading = false;
    }
  }

  override render() {
    return html`
      <div class="top">
        <h1>Meldingen</h1>
        <a href="/staff/vastleggen">Melding vastleggen</a>
        <p class="muted" role="status">
          ${this.unreadCount === 0 ? 'Geen ongeopende meldingen.' : html`<strong>${this.unreadCount}</strong> ${this.unreadCount === 1 ? 'nieuwe melding' : 'nieuwe meldingen'} nog niet geopend.`}
        </p>
      </div>
      <staff-inbox-filters .filters=${this.filters} @filters-changed=${this.onFilters}></staff-inbox-filters>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${this.reports.length === 0 && !this.loading
        ? html`<p class="panel muted">Geen meldingen${Object.keys(this.filters).length > 0 ? ' met deze filters' : ''}.</p>`
        : html`<staff-report-list .reports=${this.reports}></staff-report-list>`}
      ${this.next !== null
        ? html`<div class="more"><button type="button" ?disabled=${this.loading} @click=${() => this.load(this.next ?? undefined)}>Meer meldingen</button></div>`
        : ''}
    `;
  }

  private onFilters(event: CustomEvent<InboxFilters>): void {
    this.filters = event.detail;
    const query = new URLSearchParams(Object.entries(event.detail) as Array<[string, string]>).toString();
    history.replaceState(null, '', `/staff${query ? `?${query}` : ''}`);
  }
}

customElements.define('staff-inbox', StaffInbox);

declare global {
  interface HTMLElementTagNameMap {
    'staff-inbox': StaffInbox;
  }
}
