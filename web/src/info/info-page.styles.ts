import { css } from 'lit';

export const infoPageStyles = css`
  article {
    padding: 1.25rem;
    border-radius: var(--kv-radius);
    background: var(--kv-surface);
    box-shadow: 0 1px 3px rgb(28 43 51 / 0.12);
    outline: 1px solid transparent;
    hyphens: auto;
    overflow-wrap: break-word;
  }

  h2 {
    margin: 0 0 0.75rem;
    color: var(--kv-accent-strong);
    font-size: clamp(1.35rem, 5vw, 1.75rem);
    line-height: 1.25;
  }

  h2:focus {
    outline: none;
  }

  h3 {
    margin: 1.5rem 0 0.5rem;
    font-size: 1.2rem;
  }

  p {
    margin: 0 0 0.75rem;
  }

  .lead {
    font-size: 1.15rem;
    font-weight: 600;
  }

  .callout {
    padding: 0.75rem 1rem;
    border-inline-start: 6px solid var(--kv-accent);
    border-radius: 4px;
    background: var(--kv-accent-soft);
    font-weight: 700;
  }

  table {
    width: 100%;
    margin: 0 0 1rem;
    border-collapse: collapse;
    table-layout: fixed;
  }

  caption {
    margin-bottom: 0.5rem;
    font-weight: 700;
    text-align: start;
  }

  th,
  td {
    padding: 0.5rem;
    border: 1px solid var(--kv-border);
    text-align: start;
    vertical-align: top;
  }

  thead th {
    background: var(--kv-accent-soft);
  }

  thead .pesten {
    background: var(--kv-warm);
  }

  tbody th {
    font-weight: 700;
  }

  .roles {
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .school {
    font-weight: 700;
  }

  ul,
  ol {
    margin: 0 0 1rem;
    padding-inline-start: 1.5rem;
  }

  li {
    margin-bottom: 0.4rem;
  }

  .rules li::marker {
    color: var(--kv-accent-strong);
  }

  .steps li {
    margin-bottom: 0.75rem;
  }

  /*
   * As in the help line: the words and the number (a <bdi>) are one span, or as flex items of their own
   * they lost the space between them ("bel gratis0800-0432") and stood as columns on a phone; and the
   * number is never broken at its dash.
   */
  .outside bdi {
    white-space: nowrap;
  }

  .outside a {
    display: inline-flex;
    align-items: center;
    min-height: var(--kv-target);
    color: var(--kv-text);
    font-weight: 700;
    text-decoration-thickness: 2px;
    text-underline-offset: 3px;
  }

  .actions {
    margin: 1.25rem 0 0;
  }

  @media (max-width: 30rem) {
    article {
      padding: 1rem;
      hyphens: manual;
    }

    /* Narrow screens: each row becomes a small card, each cell says which column it is in. */
    .stack,
    .stack tbody,
    .stack tr,
    .stack th,
    .stack td {
      display: block;
    }

    .stack caption {
      display: block;
    }

    .stack thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }

    .stack tr {
      margin-bottom: 0.75rem;
      border: 1px solid var(--kv-border);
      border-radius: 8px;
    }

    .stack th,
    .stack td {
      border: 0;
    }

    .stack tbody th {
      background: var(--kv-accent-soft);
      border-radius: 8px 8px 0 0;
    }

    .stack td[data-label]::before {
      content: attr(data-label) ': ';
      font-weight: 700;
    }
  }

  @media (forced-colors: active) {
    th,
    td {
      border-color: CanvasText;
    }
  }
`;
