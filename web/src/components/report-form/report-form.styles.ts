import { css } from 'lit';

export const reportFormStyles = css`
  .step {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 1rem;
    padding: 1rem 1.25rem 0;
    border-radius: var(--kv-radius);
    background: var(--kv-surface);
    box-shadow: 0 1px 3px rgb(28 43 51 / 0.12);
    /* Invisible, except in forced colours, where the card keeps its edge. */
    outline: 1px solid transparent;
  }

  .progress {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.75rem;
    margin: 0 0 0.5rem;
    color: var(--kv-muted);
    font-weight: 600;
  }

  progress {
    flex: 1 1 8rem;
    height: 0.9rem;
    border: 1px solid var(--kv-border);
    border-radius: 999px;
    background: var(--kv-surface);
    overflow: hidden;
    appearance: none;
  }

  progress::-webkit-progress-bar {
    background: var(--kv-surface);
  }

  progress::-webkit-progress-value {
    background: var(--kv-accent);
  }

  progress::-moz-progress-bar {
    background: var(--kv-accent);
  }

  /* Pictogram, question and speaker on one line: the question starts high on every screen. */
  .head {
    display: flex;
    flex-wrap: nowrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem 1rem;
  }

  .question-pictogram {
    width: 2.5rem;
    height: 2.5rem;
  }

  h2 {
    flex: 1 1 auto;
    min-width: 0;
    margin: 0;
    /* A word longer than the line (Polish "niebezpieczeństwie" at 320 px) wraps instead of scrolling the page sideways. */
    overflow-wrap: break-word;
    color: var(--kv-accent-strong);
    /* 1.2rem on a phone: a long question word (Ukrainian "відбувається?") fits beside the pictogram and Lees voor. */
    font-size: clamp(1.2rem, 5.5vw, 1.75rem);
    line-height: 1.25;
  }

  h2:focus {
    outline: none;
  }

  .hint {
    margin: 0;
  }

  .intro p {
    margin: 0;
  }

  .intro .lead {
    font-weight: 600;
  }

  .alert:empty {
    display: none;
  }

  .alert {
    padding: 0.75rem 1rem;
    border: 2px solid var(--kv-error);
    border-radius: var(--kv-radius);
    background: var(--kv-error-bg);
    color: var(--kv-error);
    font-weight: 700;
  }

  /* The entry paths: three big pictogram buttons, and a small "iets anders". */
  .entries {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 11rem), 1fr));
    gap: 0.75rem;
  }

  .entry {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 0.5rem;
    min-height: 8rem;
    padding: 0.75rem;
    border: 3px solid var(--kv-accent);
    border-radius: var(--kv-radius);
    background: var(--kv-accent-soft);
    color: var(--kv-text);
    font-size: 1.2rem;
    font-weight: 700;
    text-align: center;
  }

  .entry .pictogram {
    width: 4rem;
    height: 4rem;
  }

  .entry:hover {
    background: var(--kv-surface);
  }

  .entry[aria-pressed='true'] {
    background: var(--kv-accent);
    color: #fff;
  }

  .entry[aria-pressed='true']:hover {
    background: var(--kv-accent-strong);
  }

  .entry[aria-pressed='true'] .pictogram {
    stroke: #fff;
  }

  .entries-small .entry {
    flex-direction: row;
    min-height: var(--kv-target);
    padding: 0.4rem 1rem;
    border-width: 2px;
    background: var(--kv-surface);
    font-size: 1rem;
    font-weight: 600;
  }

  .entries-small .entry .pictogram {
    width: 1.75rem;
    height: 1.75rem;
  }

  .pictogram {
    flex: none;
    fill: none;
    stroke: var(--kv-accent-strong);
    stroke-width: 1.6;
    stroke-linecap: round;
    stroke-linejoin: round;
  }

  /* "In gevaar": the numbers at once, big. */
  .urgent {
    display: grid;
    gap: 0.75rem;
    padding: 1rem;
    border: 3px solid var(--kv-warm-border);
    border-radius: var(--kv-radius);
    background: var(--kv-warm);
  }

  .urgent p {
    margin: 0;
  }

  .urgent-title {
    font-size: 1.35rem;
    font-weight: 700;
  }

  .call {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    min-height: 4rem;
    padding: 0.5rem 1rem;
    border: 2px solid var(--kv-text);
    border-radius: var(--kv-radius);
    background: var(--kv-surface);
    color: var(--kv-text);
    text-decoration: none;
  }

  .call:hover {
    background: var(--kv-accent-soft);
  }

  .call svg {
    flex: none;
    width: 2.25rem;
    height: 2.25rem;
    fill: none;
    stroke: currentColor;
    stroke-width: 1.8;
    stroke-linejoin: round;
  }

  .call .number {
    display: block;
    font-size: clamp(1.3rem, 7vw, 2rem);
    white-space: nowrap;
    font-weight: 800;
    line-height: 1.2;
    text-decoration: underline;
    text-decoration-thickness: 2px;
  }

  .call .note {
    display: block;
  }

  .chat {
    display: flex;
    align-items: center;
    gap: 0.75rem;
  }

  .chat svg,
  .send-now svg {
    flex: none;
    width: 2rem;
    height: 2rem;
    fill: none;
    stroke: currentColor;
    stroke-width: 1.8;
    stroke-linejoin: round;
  }

  .chat a {
    display: inline-flex;
    align-items: center;
    min-height: 2.75rem;
    font-weight: 700;
    overflow-wrap: anywhere;
  }

  /* "Stuur nu": what is filled in goes to the school at once, marked urgent. */
  .send-now {
    display: grid;
    gap: 0.35rem;
  }

  .send-now button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5rem;
    min-height: 3rem;
  }

  .afraid-note {
    padding: 0.75rem 1rem;
    border-left: 4px solid var(--kv-warm-border);
    background: var(--kv-warm);
    border-radius: var(--kv-radius);
  }

  /* The summary: question, answer, "Verander". */
  .summary {
    display: grid;
    gap: 0.5rem;
    margin: 0;
  }

  /* One line per answer where it fits: the question small above, the answer, "Verander" beside it. */
  .row {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    gap: 0 0.75rem;
    align-items: center;
    padding: 0.25rem 0.5rem 0.25rem 0.75rem;
    border: 2px solid var(--kv-border);
    border-radius: 10px;
  }

  .summary {
    gap: 0.35rem;
  }

  .row.has-error {
    border-color: var(--kv-error);
  }

  dt {
    grid-column: 1;
    color: var(--kv-muted);
    font-size: 0.9rem;
    font-weight: 600;
  }

  dd.answer {
    font-weight: 700;
  }

  dd {
    grid-column: 1;
    margin: 0;
  }

  dd.answer {
    overflow-wrap: anywhere;
    white-space: pre-wrap;
  }

  dd.empty {
    color: var(--kv-muted);
    font-style: italic;
  }

  dd.change {
    grid-column: 2;
    grid-row: 1 / span 3;
  }

  dd.error {
    margin: 0;
  }

  /* The primary button never leaves the screen: the bar sticks to the bottom of the window. */
  .nav {
    position: sticky;
    bottom: 0;
    z-index: 1;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
    margin: 0 -1.25rem;
    padding: 0.75rem 1.25rem;
    border-top: 1px solid var(--kv-border);
    border-radius: 0 0 var(--kv-radius) var(--kv-radius);
    background: var(--kv-surface);
  }

  .nav:empty {
    display: none;
  }

  .nav button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.35rem;
  }

  /* The primary button at the end of the reading direction: right in Dutch, left in Arabic. */
  .nav .next {
    order: 2;
    min-width: 10rem;
    margin-inline-start: auto;
    padding: 0.75rem 1.5rem;
    font-size: 1.2rem;
  }

  .nav .next.skip {
    min-width: 0;
    padding: 0.5rem 1rem;
    font-size: 1rem;
  }

  .nav svg {
    width: 1.4rem;
    height: 1.4rem;
    fill: none;
    stroke: currentColor;
    stroke-width: 2.2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }

  @media (max-width: 30rem) {
    .step {
      gap: 0.75rem;
      padding: 0.75rem 0.75rem 0;
    }

    .nav {
      margin: 0 -0.75rem;
      padding: 0.5rem 0.75rem;
    }

    /* On a phone the three paths are wide rows, pictogram beside the words: all three in view. */
    .entries {
      gap: 0.4rem;
    }

    .entry {
      flex-direction: row;
      justify-content: flex-start;
      min-height: 3.5rem;
      padding: 0.2rem 0.75rem;
      font-size: 1.1rem;
      text-align: start;
    }

    .entry .pictogram {
      width: 2.5rem;
      height: 2.5rem;
    }

    .head {
      gap: 0.5rem;
    }

    .question-pictogram {
      width: 2rem;
      height: 2rem;
    }

    .urgent {
      padding: 0.75rem;
    }

    .call {
      gap: 0.5rem;
      padding: 0.5rem 0.6rem;
    }

    .call svg {
      width: 1.6rem;
      height: 1.6rem;
    }

    /* Terug and the way on stay on one line: two rows of buttons hid the answers under the bar. */
    .nav {
      flex-wrap: nowrap;
      gap: 0.5rem;
    }

    .nav button {
      padding-inline: 0.75rem;
    }

    .nav .next {
      flex: 1 1 auto;
      min-width: 0;
    }

    .nav .next.skip {
      flex: 0 1 auto;
    }

    /* The summary on a phone: "Verander" beside the question, the answer below across the whole row. */
    dd.answer,
    dd.error {
      grid-column: 1 / -1;
    }

    dd.change {
      grid-row: 1;
    }
  }

  @media (forced-colors: active) {
    .entry[aria-pressed='true'] {
      outline: 4px solid Highlight;
      outline-offset: 2px;
    }

    .pictogram,
    .entry[aria-pressed='true'] .pictogram {
      stroke: CanvasText;
    }

    progress {
      border-color: CanvasText;
    }
  }
`;
