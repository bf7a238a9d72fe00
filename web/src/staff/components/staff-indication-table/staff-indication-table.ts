import { css, html } from 'lit';
import { INDICATION_LABELS } from '../../../../../server/shared/labels';
import { StaffCasePanel } from '../../action-element';
import { formatWhen } from '../../format';
import { staffStyles } from '../../staff-styles';

/**
 * The protocol's table "Plagen / Pesten", the four criteria side by side, with the reporter's
 * answers marked; staff confirm or overrule the indication.
 */
export class StaffIndicationTable extends StaffCasePanel {
  static override styles = [
    staffStyles,
    css`
      table {
        width: 100%;
        border-collapse: collapse;
        margin-bottom: 0.75rem;
      }

      th,
      td {
        width: 50%;
        padding: 0.45rem 0.6rem;
        border: 1px solid var(--st-border);
        text-align: start;
        vertical-align: top;
      }

      thead th.plagen {
        background: var(--st-plagen-bg);
        color: var(--st-plagen);
      }

      thead th.pesten {
        background: var(--st-pesten-bg);
        color: var(--st-pesten);
      }

      td.chosen {
        font-weight: 700;
        background: var(--st-accent-soft);
      }

      .mark {
        display: block;
        font-size: 0.8rem;
        font-weight: 600;
        color: var(--st-accent-strong);
      }

      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin-top: 0.5rem;
      }
    `,
  ];

  override render() {
    const d = this.data;
    const cell = (side: 'plagen' | 'pesten', text: string, answer: 'plagen' | 'pesten' | null) =>
      html`<td class=${answer === side ? 'chosen' : ''}>${text}${answer === side ? html`<span class="mark">✓ antwoord melder</span>` : ''}</td>`;
    return html`
      <section class="panel" aria-labelledby="indication-title">
        <h2 id="indication-title">Plagen of pesten?</h2>
        <table>
          <caption class="sr-only">De vier kenmerken uit het anti-pestprotocol, met de antwoorden van de melder</caption>
          <thead>
            <tr><th class="plagen" scope="col">Plagen</th><th class="pesten" scope="col">Pesten</th></tr>
          </thead>
          <tbody>
            ${d.criteria.map(
              (criterion) => html`<tr>
                ${cell('plagen', criterion.plagen, criterion.answer)}${cell('pesten', criterion.pesten, criterion.answer)}
              </tr>`,
            )}
          </tbody>
        </table>
        <p>
          Indicatie uit de antwoorden: <span class="badge ${d.indication}">${INDICATION_LABELS[d.indication] ?? d.indication}</span>
        </p>
        <p>
          Oordeel school:
          ${d.staffIndication
            ? html`<span class="badge ${d.staffIndication}">${INDICATION_LABELS[d.staffIndication]}</span>
                <span class="muted small">(${d.indicationBy}${d.indicationAt ? `, ${formatWhen(d.indicationAt)}` : ''})</span>`
            : html`<span class="muted">nog niet gegeven</span>`}
        </p>
        ${d.status === 'closed' || d.purgedAt
          ? ''
          : html`<div class="actions">
              <button type="button" ?disabled=${this.busy} @click=${() => this.judge('pesten')}>Het is pesten</button>
              <button type="button" ?disabled=${this.busy} @click=${() => this.judge('plagen')}>Het is plagen</button>
            </div>`}
        ${this.renderError()}
      </section>
    `;
  }

  private async judge(indication: 'pesten' | 'plagen'): Promise<void> {
    await this.changeCase('POST', 'indication', { indication });
  }
}

customElements.define('staff-indication-table', StaffIndicationTable);

declare global {
  interface HTMLElementTagNameMap {
    'staff-indication-table': StaffIndicationTable;
  }
}
