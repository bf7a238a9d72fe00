import { css } from 'lit';

export const helpLinesStyles = css`
  section {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1.25rem;
    padding: 0 0.75rem;
    border: 2px solid var(--kv-warm-border);
    border-radius: var(--kv-radius);
    background: var(--kv-warm);
  }

  /*
   * The words and the number (a <bdi>) are one span: as flex items of their own they lost the space
   * between them ("Bel112.") and stood side by side as columns on a narrow screen.
   */
  /* A number is never broken at its dash ("0800-" / "0432" on a 320 px phone in Ukrainian). */
  bdi {
    white-space: nowrap;
  }

  a {
    display: inline-flex;
    align-items: center;
    min-height: var(--kv-target);
    color: var(--kv-text);
    font-size: 0.95rem;
    font-weight: 700;
    text-decoration-thickness: 2px;
    text-underline-offset: 3px;
  }
`;
