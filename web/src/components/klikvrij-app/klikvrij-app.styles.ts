import { css } from 'lit';

export const klikvrijAppStyles = css`
  :host {
    max-width: 46rem;
    margin: 0 auto;
    padding: 0 1rem 1rem;
  }

  /* Language and "Snel weg" stay in reach while scrolling. */
  .bar {
    position: sticky;
    top: 0;
    z-index: 1;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    margin: 0 -1rem;
    padding: 0.5rem 1rem;
    background: var(--kv-bg);
    border-bottom: 1px solid var(--kv-border);
  }

  /* Compact on purpose: the question, not the page title, has to be in view on a Chromebook or phone. */
  h1 {
    margin: 0;
    color: var(--kv-accent-strong);
    font-size: 1.25rem;
    line-height: 1.2;
  }

  main {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 0.5rem;
    margin-top: 0.5rem;
  }

  .back {
    margin: 0;
  }

  footer {
    margin-top: 2rem;
    padding-top: 1rem;
    border-top: 1px solid var(--kv-border);
  }

  .nav-title {
    margin: 0 0 0.25rem;
    font-size: 1.1rem;
  }

  footer ul {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1.25rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  footer a {
    display: inline-flex;
    align-items: center;
    min-height: var(--kv-target);
    color: var(--kv-accent-strong);
    font-weight: 600;
    text-decoration-thickness: 2px;
    text-underline-offset: 3px;
  }

  footer a[aria-current='page'] {
    color: var(--kv-text);
    text-decoration-style: double;
  }

  @media (max-width: 30rem) {
    :host {
      padding: 0 0.75rem 0.75rem;
    }

    .bar {
      margin: 0 -0.75rem;
      padding: 0.5rem 0.75rem;
    }
  }

  /*
   * A 320 px phone: language and "Snel weg" stay one row (Polish and Ukrainian took two, 121 px of a
   * 640 px screen, for a bar that stays on screen); the longer words take two lines inside the button.
   */
  @media (max-width: 22rem) {
    .bar {
      flex-wrap: nowrap;
    }
  }

  @media (forced-colors: active) {
    .bar {
      border-bottom-color: CanvasText;
    }
  }
`;
