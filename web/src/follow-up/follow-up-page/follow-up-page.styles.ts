import { css } from 'lit';

export const followUpPageStyles = css`
  :host {
    max-width: 46rem;
    margin: 0 auto;
    padding: 1rem;
  }

  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem 1rem;
    margin-bottom: 0.75rem;
  }

  h1 {
    margin: 0;
    color: var(--kv-accent-strong);
    font-size: clamp(1.5rem, 6vw, 2.1rem);
    line-height: 1.2;
  }

  h2 {
    margin: 0 0 0.75rem;
    font-size: 1.3rem;
    line-height: 1.3;
  }

  h2:focus {
    outline: none;
  }

  main {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--kv-gap);
    margin-top: var(--kv-gap);
  }

  .lead {
    margin: 0;
    font-size: 1.2rem;
    font-weight: 600;
  }

  .notice {
    margin: 0;
    padding: 0.75rem 1rem;
    border-inline-start: 6px solid var(--kv-warm-border);
    border-radius: 4px;
    background: var(--kv-warm);
    font-weight: 700;
  }

  .notice:focus {
    outline: 3px solid var(--kv-focus);
    outline-offset: 2px;
  }

  section {
    padding: 1.25rem;
    border-radius: var(--kv-radius);
    background: var(--kv-surface);
  }

  .done {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
  }

  .done p {
    flex: 1 1 16rem;
    margin: 0;
  }

  @media (max-width: 30rem) {
    :host {
      padding: 0.75rem;
    }

    section {
      padding: 1rem;
    }
  }
`;
