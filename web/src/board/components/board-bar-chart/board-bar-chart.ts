import { LitElement, css, html, svg } from 'lit';
import { MIN_SHOWN_COUNT } from '../../../../../server/shared/limits';
import type { BoardCount } from '../../api';

const WIDTH = 640;
const HEIGHT = 200;
const BASE = HEIGHT - 30;

/**
 * A plain SVG bar chart of counts, drawn here (no library, no network). Screen readers get one
 * sentence with every bar's label and count; a count shown as "< 5" is a dashed bar up to 5.
 */
export class BoardBarChart extends LitElement {
  static override properties = {
    counts: { attribute: false },
    label: {},
    labelOf: { attribute: false },
  };

  static override styles = css`
    svg {
      width: 100%;
      max-width: 40rem;
      height: auto;
    }

    .bar {
      fill: var(--st-accent, #1d5f8a);
    }

    .hidden-count {
      fill: none;
      stroke: var(--st-accent, #1d5f8a);
      stroke-width: 2;
      stroke-dasharray: 4 3;
    }

    text {
      fill: var(--st-text, #1d2a33);
      font-size: 12px;
    }
  `;

  declare counts: BoardCount[];
  /** What the chart shows, for the summary ("Meldingen per maand"). */
  declare label: string;
  declare labelOf: (key: string) => string;

  constructor() {
    super();
    this.counts = [];
    this.label = '';
    this.labelOf = (key) => key;
  }

  override render() {
    const heights = this.counts.map((count) => (typeof count.reports === 'number' ? count.reports : MIN_SHOWN_COUNT));
    const top = Math.max(MIN_SHOWN_COUNT, ...heights);
    const slot = WIDTH / Math.max(1, this.counts.length);
    const summary = `${this.label}: ${this.counts.map((count) => `${this.labelOf(count.key)} ${count.reports}`).join(', ')}.`;
    return html`<svg role="img" aria-label=${summary} viewBox="0 0 ${WIDTH} ${HEIGHT}">
      ${this.counts.map((count, index) => {
        const height = ((BASE - 16) * heights[index]!) / top;
        const x = index * slot + slot * 0.15;
        const width = slot * 0.7;
        const hidden = typeof count.reports !== 'number';
        return svg`<rect class=${hidden ? 'hidden-count' : 'bar'} x=${x} y=${BASE - height} width=${width} height=${height}></rect>
          <text x=${x + width / 2} y=${BASE - height - 4} text-anchor="middle">${count.reports}</text>
          <text x=${x + width / 2} y=${BASE + 16} text-anchor="middle">${this.labelOf(count.key)}</text>`;
      })}
    </svg>`;
  }
}

customElements.define('board-bar-chart', BoardBarChart);

declare global {
  interface HTMLElementTagNameMap {
    'board-bar-chart': BoardBarChart;
  }
}
