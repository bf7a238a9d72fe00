import { css } from 'lit';

export const answerBoxStyles = css`
  form {
    display: grid;
    gap: var(--kv-gap);
    padding: 1.25rem;
    border-radius: var(--kv-radius);
    background: var(--kv-surface);
  }

  text-field {
    --kv-label-size: 1.2rem;
  }

  .problem {
    margin: 0;
  }

  .problem:focus {
    outline: 3px solid var(--kv-focus);
    outline-offset: 2px;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
  }

  .sent {
    margin: 0;
    font-weight: 700;
    color: var(--kv-accent-strong);
  }
`;
