import { LitElement, css, html, type PropertyValues } from 'lit';
import type { StaffStage } from '../../../../../server/shared/staff-session';
import { api, ApiError, onSessionEnded, setCsrfToken, type MeResponse } from '../../api';
import { followLink, navigate, NAVIGATE_EVENT, parseRoute, rememberReturnPath, takeReturnPath, type StaffRoute } from '../../router';
import { staffStyles } from '../../staff-styles';
import { portalLayoutStyles } from '../../../portal/layout-styles';
import { LOGIN_LINK_PATH } from '../../../../../server/shared/staff-paths';
import { readsSchoolYear } from '../../../../../server/shared/school-year';
import '../staff-audit-log/staff-audit-log';
import '../staff-case-page/staff-case-page';
import '../staff-header/staff-header';
import '../staff-inbox/staff-inbox';
import '../staff-record-report/staff-record-report';
import '../../../portal/portal-login-link/portal-login-link';
import { staffLoginForm } from '../staff-login-form/staff-login-form';
import '../staff-second-factor/staff-second-factor';
import '../staff-second-factor/staff-totp-settings';
import '../staff-second-factor/staff-colleague-second-factors';
import '../staff-statistics/staff-statistics';
import '../staff-teacher-cases/staff-teacher-cases';
import '../staff-teacher-list/staff-teacher-list';
import '../staff-school-year/staff-school-year';
import '../staff-school-year-notice/staff-school-year-notice';
import '../staff-mail-problems/staff-mail-problems';
import { isPendingLogin, secondFactorApi, SECOND_FACTOR_REQUIRED, TOTP_SETUP_REQUIRED, type PendingLoginResponse } from '../../second-factor-api';

/**
 * The route of the address bar. A login token is read from the fragment once and then removed from
 * the address bar and the history, so it is not kept in the browser after the page has it.
 */
function currentRoute(): StaffRoute {
  const route = parseRoute(location.pathname, location.hash);
  if (route.page === 'login-link' || route.page === 'outdated-login-link') history.replaceState(null, '', LOGIN_LINK_PATH);
  return route;
}

const OUTDATED_LINK_MESSAGE = 'Deze inloglink is van een oudere soort en werkt niet meer. Vraag hieronder een nieuwe aan.';

/** 'second-factor': the TOTP code is owed; 'totp-setup': the school requires TOTP and it is not on yet. */
type SessionState = 'checking' | 'in' | 'out' | Exclude<StaffStage, 'full'>;

/** The staff portal: checks the session, then shows the page the address asks for. */
export class StaffApp extends LitElement {
  static override properties = {
    route: { state: true },
    me: { state: true },
    session: { state: true },
    notice: { state: true },
  };

  static override styles = [
    staffStyles,
    portalLayoutStyles,
    // A printed page (the receipt slip for a pupil or parent, the recovery codes) carries no
    // colleague's name, role or menu: the header lives in this shadow root, so the rule does too.
    css`
      @media print {
        staff-header {
          display: none;
        }
      }
    `,
  ];

  declare route: StaffRoute;
  declare me: MeResponse | undefined;
  declare session: SessionState;
  declare notice: string;

  private readonly onNavigate = (): void => {
    this.route = currentRoute();
  };
  private stopListening: (() => void) | undefined;

  constructor() {
    super();
    this.route = currentRoute();
    this.me = undefined;
    this.session = 'checking';
    this.notice = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.onNavigate);
    window.addEventListener(NAVIGATE_EVENT, this.onNavigate);
    this.addEventListener('click', followLink);
    // Only a session that was live can end; the first look while logged out is not news.
    this.stopListening = onSessionEnded((message) => {
      if (this.session !== 'out' && this.session !== 'checking') this.loggedOut(message);
    });
    void this.checkSession();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.onNavigate);
    window.removeEventListener(NAVIGATE_EVENT, this.onNavigate);
    this.removeEventListener('click', followLink);
    this.stopListening?.();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('route') || changed.has('session')) {
      document.title = this.pageTitle();
    }
    // After a move inside the portal or a login the focus was left on the page, and the next Tab went
    // through the header again: it goes to the new page (not on the first load, which starts at the top).
    const moved = changed.get('route') !== undefined || (changed.has('session') && changed.get('session') !== 'checking');
    if (this.session === 'in' && moved) this.renderRoot.querySelector<HTMLElement>('main')?.focus({ preventScroll: true });
  }

  private async checkSession(): Promise<void> {
    // A login link is used only by its button: never check (or spend) anything on load.
    if (this.route.page === 'login-link') {
      this.session = 'out';
      return;
    }
    try {
      this.loggedIn(await api.me());
    } catch (error) {
      if (error instanceof ApiError && (error.body.code === SECOND_FACTOR_REQUIRED || error.body.code === TOTP_SETUP_REQUIRED)) {
        return this.pendingLogin(await secondFactorApi.status().catch(() => undefined));
      }
      this.session = 'out';
      if (!(error instanceof ApiError) || error.status !== 401) this.notice = (error as Error).message;
      rememberReturnPath(location.pathname);
    }
  }

  private loggedIn(me: MeResponse): void {
    setCsrfToken(me.csrfToken);
    this.me = me;
    this.session = 'in';
    this.notice = '';
  }

  /** A session that owes its TOTP code or setup; `full` (or no answer) means look again. */
  private pendingLogin(status: { stage: string; csrfToken: string } | undefined): void {
    if (!status || (status.stage !== 'second-factor' && status.stage !== 'totp-setup')) {
      this.session = 'out';
      return;
    }
    setCsrfToken(status.csrfToken);
    this.me = undefined;
    this.session = status.stage;
    this.notice = '';
  }

  private loggedOut(message: string): void {
    this.me = undefined;
    this.session = 'out';
    this.notice = message;
    rememberReturnPath(location.pathname);
  }

  private pageTitle(): string {
    const pages: Record<StaffRoute['page'], string> = {
      inbox: 'Meldingen',
      case: this.route.page === 'case' ? `Melding ${this.route.id}` : 'Melding',
      record: 'Melding vastleggen',
      audit: 'Logboek',
      statistics: 'Cijfers',
      security: 'Beveiliging',
      'school-year': 'Schooljaar',
      teachers: 'Leerkrachten',
      'login-link': 'Inloggen',
      'outdated-login-link': 'Inloggen',
      'not-found': 'Pagina niet gevonden',
    };
    return `${this.session === 'in' ? pages[this.route.page] : 'Inloggen'} – klikvrij portaal`;
  }

  override render() {
    if (this.session === 'checking') return html`<main><p class="muted" role="status">Even laden…</p></main>`;
    if (this.route.page === 'login-link' && this.session === 'out') {
      return html`<main class="centered">
        <portal-login-link .token=${this.route.token} .redeem=${api.redeemLink} .retry=${staffLoginForm} @portal-logged-in=${this.onLoginLink}></portal-login-link>
      </main>`;
    }
    if (this.session === 'second-factor') {
      return html`<main class="centered">
        <staff-second-factor
          @staff-second-factor-done=${() => void this.checkSession()}
          @staff-second-factor-cancelled=${(event: CustomEvent<string>) => this.loggedOut(event.detail)}
        ></staff-second-factor>
      </main>`;
    }
    if (this.session === 'totp-setup') {
      return html`<main class="centered">
        <staff-totp-settings forced @staff-second-factor-done=${() => void this.checkSession()}></staff-totp-settings>
        <p><button type="button" @click=${() => void api.logout().finally(() => this.loggedOut('Je bent uitgelogd.'))}>Uitloggen</button></p>
      </main>`;
    }
    if (this.session === 'out' || !this.me) {
      const notice = this.route.page === 'outdated-login-link' ? OUTDATED_LINK_MESSAGE : this.notice;
      return html`<main class="centered">
        ${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
        ${staffLoginForm()}
      </main>`;
    }
    return html`
      <staff-header
        .me=${this.me}
        @staff-school-changed=${(event: CustomEvent<MeResponse>) => this.onSchoolChanged(event.detail)}
        @staff-logged-out=${() => this.loggedOut('Je bent uitgelogd.')}
      ></staff-header>
      <main tabindex="-1">${this.page(this.me)}</main>
    `;
  }

  /**
   * A class teacher: their invited cases, a case, recording a report told to them, their own security
   * settings; nothing else of the portal.
   */
  private teacherPage(me: MeResponse) {
    switch (this.route.page) {
      case 'case':
        return html`<staff-case-page .reportId=${this.route.id} .me=${me}></staff-case-page>`;
      case 'record':
        return html`<staff-record-report .me=${me}></staff-record-report>`;
      case 'security':
        return html`<staff-totp-settings></staff-totp-settings>`;
      case 'not-found':
        return html`<p>Deze pagina bestaat niet. <a href="/staff">Naar jouw meldingen</a></p>`;
      default:
        return html`<staff-teacher-cases></staff-teacher-cases>`;
    }
  }

  private page(me: MeResponse) {
    if (me.kind === 'teacher') return this.teacherPage(me);
    switch (this.route.page) {
      case 'inbox':
      case 'login-link':
      case 'outdated-login-link':
        return html`${readsSchoolYear(me.roles) ? html`<staff-school-year-notice></staff-school-year-notice>` : ''}
          ${me.canReadAudit || me.canSeeConfidential ? html`<staff-mail-problems></staff-mail-problems>` : ''}
          <staff-inbox .schoolSlug=${me.school.slug}></staff-inbox>`;
      case 'case':
        return html`<staff-case-page .reportId=${this.route.id} .me=${me}></staff-case-page>`;
      case 'record':
        return html`<staff-record-report .me=${me}></staff-record-report>`;
      case 'audit':
        return me.canReadAudit
          ? html`<staff-audit-log></staff-audit-log>`
          : html`<p class="notice">Alleen de directeur kan het logboek inzien.</p>`;
      case 'statistics':
        return html`<staff-statistics .canExport=${me.roles.includes('directeur')}></staff-statistics>`;
      case 'security':
        return html`<staff-totp-settings></staff-totp-settings>
          ${me.canReadAudit ? html`<staff-colleague-second-factors></staff-colleague-second-factors>` : ''}`;
      case 'school-year':
        return readsSchoolYear(me.roles)
          ? html`<staff-school-year></staff-school-year>`
          : html`<p class="notice">Alleen de directeur en de anti-pestcoördinator zien het schooljaar.</p>`;
      case 'teachers':
        return me.roles.includes('directeur')
          ? html`<staff-teacher-list></staff-teacher-list>`
          : html`<p class="notice">Alleen de directeur houdt de lijst van leerkrachten bij.</p>`;
      case 'not-found':
        return html`<p>Deze pagina bestaat niet. <a href="/staff">Naar de meldingen</a></p>`;
    }
  }

  private onLoginLink(event: CustomEvent<unknown>): void {
    // With TOTP on (or required) the link answers with the stage only; the code or setup comes first.
    const answer = event.detail as MeResponse | PendingLoginResponse;
    if (isPendingLogin(answer)) this.pendingLogin(answer);
    else this.loggedIn(answer);
    // The used link leaves the address bar and the history.
    navigate(takeReturnPath(), { replace: true });
  }

  private onSchoolChanged(me: MeResponse): void {
    this.loggedIn(me);
    navigate('/staff');
    // The other school may require TOTP.
    void this.checkSession();
  }
}

customElements.define('staff-app', StaffApp);

declare global {
  interface HTMLElementTagNameMap {
    'staff-app': StaffApp;
  }
}
