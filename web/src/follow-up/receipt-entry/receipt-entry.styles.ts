import { css } from 'lit';

export const receiptEntryStyles = css`
  form {
    padding: 1.25rem;
    border-radius: var(--kv-radius);
    background: var(--kv-surface);
  }

  /* The example code stays on one line: split at a dash, its words lost their order in Arabic. */
  #code-hint bdi {
    white-space: nowrap;
  }

  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
  }

  input {
    flex: 1 1 14rem;
    width: auto;
    font-family: var(--kv-mono);
    font-size: 1.25rem;
    letter-spacing: 0.05em;
  }

  .row button {
    flex: 0 0 auto;
  }

  .alert {
    margin-top: var(--kv-gap);
  }

  .alert:focus {
    outline: 3px solid var(--kv-focus);
    outline-offset: 2px;
  }

  .alert p {
    margin: 0 0 0.5rem;
  }

  .alert p:last-child {
    margin-bottom: 0;
  }

  .lost {
    color: var(--kv-text);
    font-weight: 400;
  }

  a {
    display: inline-flex;
    align-items: center;
    min-height: var(--kv-target);
    color: var(--kv-accent-strong);
    font-weight: 700;
    text-decoration-thickness: 2px;
    text-underline-offset: 3px;
  }
`;
