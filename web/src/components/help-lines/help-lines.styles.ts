import { css } from 'lit';

export const helpLinesStyles = css`
  section {
    padding: 0.5rem 1rem;
    border: 2px solid var(--kv-warm-border);
    border-radius: var(--kv-radius);
    background: var(--kv-warm);
  }

  p {
    margin: 0;
  }

  a {
    display: inline-flex;
    align-items: center;
    min-height: var(--kv-target);
    color: var(--kv-text);
    font-weight: 700;
    text-decoration-thickness: 2px;
    text-underline-offset: 3px;
  }
`;
