import { LitElement, css, html } from 'lit';
import { isOidcFailureCode, OIDC_FAILURE_MESSAGES, OIDC_FAILURE_PARAM, OIDC_START_PATH } from '../../../../../server/shared/school-sign-in';
import { api } from '../../api';
import { staffStyles } from '../../staff-styles';


/**
 * The button that signs in with the school's own account (shown when the portal has a provider),
 * and why the last such sign-in did not work (the callback sends `?inlogfout=` along).
 */
export class StaffSchoolSignIn extends LitElement {
  static override properties = {
    available: { state: true },
    failure: { state: true },
  };

  static override styles = [
    staffStyles,
    css`
      .start {
        margin: 0.75rem 0 1rem;
      }
    `,
  ];

  declare available: boolean;
  declare failure: string;

  constructor() {
    super();
    this.available = false;
    const code = new URLSearchParams(location.search).get(OIDC_FAILURE_PARAM);
    this.failure = isOidcFailureCode(code) ? OIDC_FAILURE_MESSAGES[code] : '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.failure) {
      // Shown once: a reload or a bookmark does not repeat an old failure.
      const url = new URL(location.href);
      url.searchParams.delete(OIDC_FAILURE_PARAM);
      history.replaceState(history.state, '', url.pathname + url.search);
    }
    void api.loginOptions().then(
      (options) => (this.available = options.oidc),
      () => (this.available = false),
    );
  }

  override render() {
    return html`
      ${this.failure ? html`<p class="error" role="alert">${this.failure}</p>` : ''}
      ${this.available
        ? // A plain navigation, not a form: CSP form-action 'self' would block the redirect to the provider.
          html`<p class="start">
            <button class="primary" type="button" @click=${() => location.assign(OIDC_START_PATH)}>Inloggen met je schoolaccount</button>
          </p>`
        : ''}
    `;
  }
}

customElements.define('staff-school-sign-in', StaffSchoolSignIn);

declare global {
  interface HTMLElementTagNameMap {
    'staff-school-sign-in': StaffSchoolSignIn;
  }
}
