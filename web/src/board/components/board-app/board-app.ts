import { LitElement, css, html, type PropertyValues } from 'lit';
import { staffStyles } from '../../../staff/staff-styles';
import { portalLayoutStyles } from '../../../portal/layout-styles';
import { ApiError, boardApi, onBoardSessionEnded, setBoardCsrfToken, type BoardMeResponse } from '../../api';
import { BOARD_NAVIGATE_EVENT, boardNavigate, currentBoardRoute, followBoardLink, type BoardRoute } from '../../router';
import '../../../portal/portal-bar/portal-bar';
import '../../../portal/portal-login-form/portal-login-form';
import '../../../portal/portal-login-link/portal-login-link';
import '../board-figures/board-figures';
import '../board-poster/board-poster';
import '../board-school-form/board-school-form';
import '../board-school-list/board-school-list';
import '../board-school-page/board-school-page';

const boardLoginForm = () =>
  html`<portal-login-form
    heading="Inloggen voor het bestuur"
    intro="Voor beheerders: scholen en contactpersonen. Meldingen zie je hier niet. Je krijgt een inloglink per e-mail."
    .requestLink=${boardApi.requestLink}
  ></portal-login-form>`;

/** The board admin area: checks the session, then shows the page the address asks for. */
export class BoardApp extends LitElement {
  static override properties = {
    route: { state: true },
    me: { state: true },
    checking: { state: true },
    notice: { state: true },
  };

  static override styles = [
    staffStyles,
    portalLayoutStyles,
    // A printed page (the poster) is the page alone.
    css`
      @media print {
        portal-bar {
          display: none;
        }

        main {
          padding: 0;
        }
      }
    `,
  ];

  declare route: BoardRoute;
  declare me: BoardMeResponse | undefined;
  declare checking: boolean;
  declare notice: string;

  private readonly onNavigate = (): void => {
    this.route = currentBoardRoute();
  };
  private stopListening: (() => void) | undefined;

  constructor() {
    super();
    this.route = currentBoardRoute();
    this.me = undefined;
    this.checking = true;
    this.notice = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.onNavigate);
    window.addEventListener(BOARD_NAVIGATE_EVENT, this.onNavigate);
    this.addEventListener('click', followBoardLink);
    this.stopListening = onBoardSessionEnded((message) => {
      if (this.me) this.loggedOut(message);
    });
    void this.checkSession();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.onNavigate);
    window.removeEventListener(BOARD_NAVIGATE_EVENT, this.onNavigate);
    this.removeEventListener('click', followBoardLink);
    this.stopListening?.();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('route') || changed.has('me')) document.title = `${this.me ? 'Beheer' : 'Inloggen'} – klikvrij`;
  }

  private async checkSession(): Promise<void> {
    // A login link is spent by its button only, never on load.
    if (this.route.page !== 'login-link') {
      try {
        this.loggedIn(await boardApi.me());
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 401) this.notice = (error as Error).message;
      }
    }
    this.checking = false;
  }

  private loggedIn(me: BoardMeResponse): void {
    setBoardCsrfToken(me.csrfToken);
    this.me = me;
  }

  private loggedOut(message: string): void {
    this.me = undefined;
    this.notice = message;
  }

  private async logOut(): Promise<void> {
    await boardApi.logout().catch(() => undefined);
    this.loggedOut('Je bent uitgelogd.');
  }

  override render() {
    if (this.checking) return html`<main><p class="muted" role="status">Even laden…</p></main>`;
    if (this.route.page === 'login-link' && !this.me) {
      return html`<main class="centered">
        <portal-login-link
          heading="Inloggen bij het beheer"
          .token=${this.route.token}
          .redeem=${boardApi.redeemLink}
          .retry=${boardLoginForm}
          @portal-logged-in=${(event: CustomEvent<unknown>) => {
            this.loggedIn(event.detail as BoardMeResponse);
            boardNavigate('/beheer', { replace: true });
          }}
        ></portal-login-link>
      </main>`;
    }
    if (!this.me) {
      return html`<main class="centered">
        ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : ''}
        ${boardLoginForm()}
      </main>`;
    }
    return html`
      <portal-bar brand="klikvrij beheer" home="/beheer">
        <p slot="who">${this.me.name} (beheerder)</p>
        <button slot="actions" type="button" @click=${this.logOut}>Uitloggen</button>
      </portal-bar>
      <main>${this.page()}</main>
    `;
  }

  private page() {
    switch (this.route.page) {
      case 'schools':
      case 'login-link':
        return html`<board-school-list></board-school-list>`;
      case 'school':
        return html`<board-school-page .slug=${this.route.slug}></board-school-page>`;
      case 'poster':
        return html`<board-poster .slug=${this.route.slug}></board-poster>`;
      case 'new-school':
        return html`<board-school-form></board-school-form>`;
      case 'figures':
        return html`<board-figures></board-figures>`;
      case 'not-found':
        return html`<p>Deze pagina bestaat niet. <a href="/beheer">Naar de scholen</a></p>`;
    }
  }
}

customElements.define('board-app', BoardApp);

declare global {
  interface HTMLElementTagNameMap {
    'board-app': BoardApp;
  }
}
