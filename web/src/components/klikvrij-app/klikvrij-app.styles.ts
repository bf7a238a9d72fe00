import { css } from 'lit';

export const klikvrijAppStyles = css`
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

  main {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--kv-gap);
    margin-top: var(--kv-gap);
  }

  .intro p {
    margin: 0 0 0.5rem;
  }

  .intro .lead {
    font-size: 1.2rem;
    font-weight: 600;
  }

  @media (max-width: 30rem) {
    :host {
      padding: 0.75rem;
    }
  }
`;
