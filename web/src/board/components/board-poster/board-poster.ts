import { css, html } from 'lit';
import { PortalActionElement } from '../../../portal/action-element';
import { errorMessage } from '../../../portal/api-client';
import { staffStyles } from '../../../staff/staff-styles';
import { boardApi, type BoardPosterResponse } from '../../api';

/** The school's A4 poster for the classroom and the parents' letter: name, slogan, address and QR code, Dutch and English. */
export class BoardPoster extends PortalActionElement {
  static override properties = {
    slug: {},
    poster: { state: true },
  };

  static override styles = [
    staffStyles,
    css`
      .tools {
        display: flex;
        gap: 1rem;
        align-items: center;
        margin-bottom: 1rem;
      }

      article {
        display: grid;
        justify-items: center;
        gap: 0.75rem;
        max-width: 190mm;
        margin: 0 auto;
        padding: 12mm;
        border: 1px solid var(--st-border);
        background: #fff;
        color: #111;
        text-align: center;
      }

      .school {
        margin: 0;
        font-size: 1.6rem;
      }

      .slogan {
        margin: 0;
        font-size: 3rem;
        line-height: 1.1;
      }

      .slogan-en {
        margin: 0;
        font-size: 1.6rem;
        font-style: italic;
      }

      .lines {
        font-size: 1.3rem;
        max-width: 32em;
      }

      img {
        width: 80mm;
        height: 80mm;
      }

      .address {
        font-size: 1.4rem;
        font-weight: 700;
        word-break: break-all;
      }

      .help {
        font-size: 1.1rem;
      }

      @media print {
        .tools {
          display: none;
        }

        article {
          border: 0;
          padding: 0;
        }
      }
    `,
  ];

  declare slug: string;
  declare poster: BoardPosterResponse | undefined;

  constructor() {
    super();
    this.slug = '';
    this.poster = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    boardApi.poster(this.slug).then(
      (poster) => (this.poster = poster),
      (error: unknown) => (this.error = errorMessage(error)),
    );
  }

  override render() {
    if (!this.poster) return this.error ? this.renderError() : html`<p class="muted" role="status">Even laden…</p>`;
    const poster = this.poster;
    return html`
      <div class="tools">
        <a href=${`/beheer/scholen/${this.slug}`}>Terug naar de school</a>
        <button class="primary" type="button" @click=${() => window.print()}>Printen (A4)</button>
      </div>
      <article aria-label="Poster">
        <p class="school">${poster.name}</p>
        <h1 class="slogan" lang="nl">Melden is geen klikken</h1>
        <p class="slogan-en" lang="en">Reporting is not telling tales</p>
        <p class="lines" lang="nl">Word je gepest, of zie je dat iemand gepest wordt? Vertel het ons. Je naam geven hoeft niet.</p>
        <p class="lines" lang="en">Are you being bullied, or do you see someone being bullied? Tell us. You do not have to give your name.</p>
        <img src=${poster.qrCode} alt=${`QR-code naar ${poster.formUrl}`} />
        <p class="address">${poster.formUrl}</p>
        <p class="help" lang="nl">In gevaar? Bel 112. De Kindertelefoon: 0800-0432 (gratis).</p>
        <p class="help" lang="en">In danger? Call 112. De Kindertelefoon (children's helpline): 0800-0432, free.</p>
      </article>
    `;
  }
}

customElements.define('board-poster', BoardPoster);

declare global {
  interface HTMLElementTagNameMap {
    'board-poster': BoardPoster;
  }
}
