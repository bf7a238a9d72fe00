import { LitElement, css, html, type PropertyValues } from 'lit';
import { staffStyles } from '../../../staff/staff-styles';
import { ApiError, boardApi, setBoardCsrfToken, type BoardMeResponse } from '../../api';
import { BOARD_NAVIGATE_EVENT, boardNavigate, currentBoardRoute, followBoardLink, type BoardRoute } from '../../router';
import '../board-login-form/board-login-form';
import '../board-login-link/board-login-link';
import '../board-school-form/board-school-form';
import '../board-school-list/board-school-list';
import '../board-school-page/board-school-page';

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
    css`
      header {
        border-bottom: 1px solid var(--st-border);
        background: var(--st-surface);
      }

      .bar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1.25rem;
        max-width: 1200px;
        margin: 0 auto;
        padding: 0.6rem 1rem;
      }

      .brand {
        margin: 0;
        font-size: 1.15rem;
        font-weight: 700;
      }

      .who {
        margin-inline-start: auto;
        font-size: 0.9rem;
      }

      main {
        max-width: 1200px;
        margin: 0 auto;
        padding: 1rem;
      }

      .centered {
        max-width: 32rem;
        margin: 3rem auto;
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
    void this.checkSession();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.onNavigate);
    window.removeEventListener(BOARD_NAVIGATE_EVENT, this.onNavigate);
    this.removeEventListener('click', followBoardLink);
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

  private async logOut(): Promise<void> {
    await boardApi.logout().catch(() => undefined);
    this.me = undefined;
    this.notice = 'Je bent uitgelogd.';
  }

  override render() {
    if (this.checking) return html`<main><p class="muted" role="status">Even laden…</p></main>`;
    if (this.route.page === 'login-link' && !this.me) {
      return html`<main class="centered">
        <board-login-link
          .token=${this.route.token}
          @board-logged-in=${(event: CustomEvent<BoardMeResponse>) => {
            this.loggedIn(event.detail);
            boardNavigate('/beheer', { replace: true });
          }}
        ></board-login-link>
      </main>`;
    }
    if (!this.me) {
      return html`<main class="centered">
        ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : ''}
        <board-login-form></board-login-form>
      </main>`;
    }
    return html`
      <header>
        <div class="bar">
          <p class="brand"><a href="/beheer">klikvrij beheer</a></p>
          <p class="who">${this.me.name} (beheerder)</p>
          <button type="button" @click=${this.logOut}>Uitloggen</button>
        </div>
      </header>
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
      case 'new-school':
        return html`<board-school-form></board-school-form>`;
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
