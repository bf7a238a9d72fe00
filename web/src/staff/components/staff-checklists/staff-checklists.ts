import { LitElement, css, html } from 'lit';
import type { CaseResponse } from '../../api';
import { requestCaseChange } from '../../case-action';
import { formatWhen } from '../../format';
import { staffStyles } from '../../staff-styles';

/** The protocol's begeleiding lists for gepeste, pester and meeloper, ticked per case. */
export class StaffChecklists extends LitElement {
  static override properties = {
    data: { attribute: false },
    error: { state: true },
  };

  static override styles = [
    staffStyles,
    css`
      details {
        border-top: 1px solid var(--st-border);
        padding: 0.5rem 0;
      }

      summary {
        min-height: var(--st-target);
        display: flex;
        align-items: center;
        font-weight: 600;
        cursor: pointer;
      }

      ul {
        margin: 0;
        padding: 0;
        list-style: none;
      }

      label {
        display: flex;
        gap: 0.6rem;
        align-items: flex-start;
        padding: 0.35rem 0;
        font-weight: 400;
        cursor: pointer;
      }

      input[type='checkbox'] {
        margin-top: 0.15rem;
      }

      .by {
        display: block;
        color: var(--st-muted);
        font-size: 0.8rem;
      }
    `,
  ];

  declare data: CaseResponse;
  declare error: string;

  constructor() {
    super();
    this.error = '';
  }

  override render() {
    const locked = this.data.status === 'closed' || this.data.purgedAt !== null;
    return html`
      <section class="panel" aria-labelledby="lists-title">
        <h2 id="lists-title">Hulp en begeleiding</h2>
        ${this.data.checklists.map((list) => {
          const done = list.items.filter((item) => item.tickedAt !== null).length;
          return html`<details ?open=${list.name === 'gepeste'}>
            <summary>${list.title} (${done}/${list.items.length})</summary>
            <ul>
              ${list.items.map(
                (item) => html`<li>
                  <label>
                    <input
                      type="checkbox"
                      .checked=${item.tickedAt !== null}
                      ?disabled=${locked}
                      @change=${(event: Event) => this.toggle(list.name, item.index, event.target as HTMLInputElement)}
                    />
                    <span>${item.text}${item.tickedAt ? html`<span class="by">${item.tickedBy}, ${formatWhen(item.tickedAt)}</span>` : ''}</span>
                  </label>
                </li>`,
              )}
            </ul>
          </details>`;
        })}
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      </section>
    `;
  }

  private async toggle(list: string, item: number, input: HTMLInputElement): Promise<void> {
    const error = await requestCaseChange(this, 'PUT', 'checklist', { list, item, checked: input.checked });
    this.error = error?.message ?? '';
    if (error) input.checked = !input.checked;
  }
}

customElements.define('staff-checklists', StaffChecklists);

declare global {
  interface HTMLElementTagNameMap {
    'staff-checklists': StaffChecklists;
  }
}
