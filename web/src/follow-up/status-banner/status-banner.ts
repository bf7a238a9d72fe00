import { LitElement, html, svg, type SVGTemplateResult } from 'lit';
import type { ReporterStatus } from '../../../../server/shared/protocol';
import { I18nController } from '../../i18n/index';
import { sharedStyles } from '../../styles/shared';
import { statusBannerStyles } from './status-banner.styles';

const ICONS: Record<ReporterStatus, SVGTemplateResult> = {
  // An envelope: it has arrived.
  received: svg`<rect x="3" y="6" width="18" height="12" rx="2" /><path d="m3.5 7 8.5 6 8.5-6" />`,
  // A clock: someone is working on it.
  in_progress: svg`<circle cx="12" cy="12" r="9" /><path d="M12 7v5l3 2" />`,
  // A tick: done.
  closed: svg`<circle cx="12" cy="12" r="9" /><path d="m8 12.5 3 3 5-6" />`,
};

/** Where the report is, in plain words a child understands. */
export class StatusBanner extends LitElement {
  static override properties = {
    status: {},
  };

  static override styles = [sharedStyles, statusBannerStyles];

  declare status: ReporterStatus;

  private readonly i18n = new I18nController(this);

  constructor() {
    super();
    this.status = 'received';
  }

  override render() {
    return html`
      <p>
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">${ICONS[this.status]}</svg>
        <span>${this.i18n.m.followUp.status[this.status]}</span>
      </p>
    `;
  }
}

customElements.define('status-banner', StatusBanner);

declare global {
  interface HTMLElementTagNameMap {
    'status-banner': StatusBanner;
  }
}
