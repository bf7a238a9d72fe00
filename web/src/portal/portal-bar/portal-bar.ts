import { LitElement, css, html } from 'lit';
import { staffStyles } from '../../staff/staff-styles';

/**
 * The top bar of a portal: its name (a link home), then what the portal slots in: `nav`, `who`
 * (the person logged in) and `actions` (log out). Below it, `error` for a failed action.
 */
export class PortalBar extends LitElement {
  static override properties = {
    brand: {},
    home: {},
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

      .brand a {
        color: inherit;
        text-decoration: none;
      }

      ::slotted([slot='who']) {
        margin: 0 0 0 auto;
        text-align: end;
        font-size: 0.9rem;
        line-height: 1.3;
      }

      ::slotted([slot='error']) {
        max-width: 1200px;
        margin: 0 auto 0.5rem;
      }
    `,
  ];

  /** The portal's name in the bar. */
  declare brand: string;
  /** Where the name links to. */
  declare home: string;

  constructor() {
    super();
    this.brand = 'klikvrij';
    this.home = '/';
  }

  override render() {
    return html`<header>
      <div class="bar">
        <p class="brand"><a href=${this.home}>${this.brand}</a></p>
        <slot name="nav"></slot>
        <slot name="who"></slot>
        <slot name="actions"></slot>
      </div>
      <slot name="error"></slot>
    </header>`;
  }
}

customElements.define('portal-bar', PortalBar);

declare global {
  interface HTMLElementTagNameMap {
    'portal-bar': PortalBar;
  }
}
