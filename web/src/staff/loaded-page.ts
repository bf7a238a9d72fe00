import { LitElement, html, type TemplateResult } from 'lit';
import { ApiError } from './api';
import { staffStyles } from './staff-styles';

/**
 * A staff page drawn from one API answer: "Even laden…" until it arrives, the server's message when
 * it fails, and `renderData` once it is there. Subclasses replace `data` after a change they make.
 */
export abstract class StaffLoadedPage<T> extends LitElement {
  static override properties = {
    data: { state: true },
    error: { state: true },
  };

  static override styles = [staffStyles];

  declare data: T | undefined;
  declare error: string;

  constructor() {
    super();
    this.data = undefined;
    this.error = '';
  }

  protected abstract load(): Promise<T>;

  protected abstract renderData(data: T): TemplateResult;

  override connectedCallback(): void {
    super.connectedCallback();
    this.load().then(
      (data) => (this.data = data),
      (error: unknown) => (this.error = error instanceof ApiError ? error.message : String(error)),
    );
  }

  override render() {
    if (this.data) return this.renderData(this.data);
    return this.error ? html`<p class="error" role="alert">${this.error}</p>` : html`<p class="muted" role="status">Even laden…</p>`;
  }
}
