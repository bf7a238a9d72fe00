import { css } from 'lit';

export const reportFormStyles = css`
  form,
  .step {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--kv-gap);
  }

  .step {
    gap: 1.5rem;
    padding: 1.25rem;
    border-radius: var(--kv-radius);
    background: var(--kv-surface);
    box-shadow: 0 1px 3px rgb(28 43 51 / 0.12);
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

  .send {
    display: flex;
    justify-content: flex-end;
  }

  .send button {
    min-width: 12rem;
    padding: 0.75rem 2rem;
    font-size: 1.2rem;
  }

  @media (max-width: 30rem) {
    .step {
      padding: 1rem;
    }

    .send button {
      width: 100%;
    }
  }
`;
