import { LitElement, css, html } from 'lit';
import { api, type MeResponse } from '../../api';
import { errorMessage } from '../../../portal/api-client';
import { staffStyles } from '../../staff-styles';
import { SCHOOL_YEAR_PATH } from '../../../../../server/shared/staff-paths';
import { readsSchoolYear } from '../../../../../server/shared/school-year';
import '../../../portal/portal-bar/portal-bar';

declare global {
  interface GlobalEventHandlersEventMap {
    'staff-school-changed': CustomEvent<MeResponse>;
    'staff-logged-out': CustomEvent<void>;
  }
}

const ROLE_NAMES: Record<string, string> = {
  'anti-pestcoordinator': 'anti-pestcoördinator',
  vertrouwenspersoon: 'vertrouwenspersoon',
  ib: "IB'er",
  directeur: 'directeur',
  mt: 'MT',
  aandachtsfunctionaris: 'aandachtsfunctionaris',
};

/** Who is logged in for which school, the way to the other pages, and logging out. */
export class StaffHeader extends LitElement {
  static override properties = {
    me: { attribute: false },
    error: { state: true },
  };

  static override styles = [
    staffStyles,
    css`
      nav {
        display: flex;
        gap: 1rem;
      }

      nav a {
        display: inline-flex;
        align-items: center;
        min-height: var(--st-target);
        font-weight: 600;
      }

      .actions {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem;
      }

      select {
        width: auto;
        min-width: 12rem;
      }
    `,
  ];

  declare me: MeResponse;
  declare error: string;

  constructor() {
    super();
    this.error = '';
  }

  override render() {
    const me = this.me;
    const roles = me.kind === 'teacher' ? 'leerkracht' : me.roles.map((role) => ROLE_NAMES[role] ?? role).join(', ');
    return html`
      <portal-bar brand="klikvrij portaal" home="/staff">
        <nav slot="nav" aria-label="Portaal">
          <a href="/staff">Meldingen</a>
          ${me.wholeSchool ? html`<a href="/staff/cijfers">Cijfers</a>` : ''}
          ${me.canReadAudit ? html`<a href="/staff/logboek">Logboek</a>` : ''}
          ${me.roles.includes('directeur') ? html`<a href="/staff/leerkrachten">Leerkrachten</a>` : ''}
          ${readsSchoolYear(me.roles) ? html`<a href=${SCHOOL_YEAR_PATH}>Schooljaar</a>` : ''}
          <a href="/staff/beveiliging">Beveiliging</a>
        </nav>
        <p slot="who">
          <strong>${me.name}</strong> (${roles})<br />
          ${me.schools.length > 1 ? '' : me.school.name}
        </p>
        <div slot="actions" class="actions">
          ${me.schools.length > 1
            ? html`<label class="sr-only" for="school">School</label>
                <select id="school" @change=${this.switchSchool}>
                  ${me.schools.map(
                    (school) => html`<option value=${school.slug} ?selected=${school.slug === me.school.slug}>${school.name}</option>`,
                  )}
                </select>`
            : ''}
          <button type="button" @click=${this.logout}>Uitloggen</button>
          <button type="button" @click=${this.logoutEverywhere} title="Ook op andere apparaten">Overal uitloggen</button>
        </div>
        ${this.error ? html`<p slot="error" class="error" role="alert">${this.error}</p>` : ''}
      </portal-bar>
    `;
  }

  private async switchSchool(event: Event): Promise<void> {
    const slug = (event.target as HTMLSelectElement).value;
    try {
      const me = await api.switchSchool(slug);
      this.dispatchEvent(new CustomEvent('staff-school-changed', { detail: me, bubbles: true, composed: true }));
    } catch (error) {
      this.error = errorMessage(error);
    }
  }

  private async logout(): Promise<void> {
    await this.run(() => api.logout());
  }

  private async logoutEverywhere(): Promise<void> {
    await this.run(() => api.logoutEverywhere());
  }

  private async run(action: () => Promise<unknown>): Promise<void> {
    try {
      await action();
      this.dispatchEvent(new CustomEvent('staff-logged-out', { bubbles: true, composed: true }));
    } catch (error) {
      this.error = errorMessage(error);
    }
  }
}

customElements.define('staff-header', StaffHeader);

declare global {
  interface HTMLElementTagNameMap {
    'staff-header': StaffHeader;
  }
}
