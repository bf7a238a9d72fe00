import { css } from 'lit';

export const receiptCodeStyles = css`
  section {
    padding: 1.25rem;
    border-radius: var(--kv-radius);
    background: var(--kv-surface);
  }

  h2 {
    margin: 0 0 0.5rem;
    font-size: 1.5rem;
    line-height: 1.25;
  }

  h2:focus {
    outline: none;
  }

  .code {
    margin: 0.25rem 0 1rem;
    padding: 0.75rem 1rem;
    border: 3px dashed var(--kv-accent);
    border-radius: var(--kv-radius);
    background: var(--kv-accent-soft);
    font-family: var(--kv-mono);
    font-size: clamp(1.4rem, 7vw, 2.5rem);
    font-weight: 700;
    letter-spacing: 0.05em;
    user-select: all;
  }

  .copy {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
  }

  .status {
    margin: 0;
    font-weight: 600;
  }

  .write-down {
    margin: 1.25rem 0 0.5rem;
    padding: 0.75rem 1rem;
    border-inline-start: 6px solid var(--kv-warm-border);
    border-radius: 4px;
    background: var(--kv-warm);
    font-size: 1.2rem;
    font-weight: 700;
  }
`;
