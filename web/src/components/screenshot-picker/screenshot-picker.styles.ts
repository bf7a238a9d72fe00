import { css } from 'lit';

export const screenshotPickerStyles = css`
  .pick {
    display: inline-flex;
    align-items: center;
    min-height: var(--kv-target);
    padding: 0.5rem 1rem;
    border: 2px solid var(--kv-accent);
    border-radius: 8px;
    background: var(--kv-accent-soft);
    color: var(--kv-accent-strong);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }

  .pick:hover {
    border-color: var(--kv-accent-strong);
  }

  input:focus-visible + .pick {
    outline: 3px solid var(--kv-focus);
    outline-offset: 2px;
  }

  input:disabled + .pick {
    opacity: 0.6;
    cursor: not-allowed;
  }

  .error p {
    margin: 0;
  }

  ul {
    display: grid;
    gap: 0.5rem;
    margin: 0.75rem 0 0;
    padding: 0;
    list-style: none;
  }

  li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    padding: 0.25rem 0.25rem 0.25rem 0.75rem;
    border: 2px solid var(--kv-border);
    border-radius: 10px;
    background: var(--kv-surface);
  }

  .name {
    overflow-wrap: anywhere;
  }

  /* A file the server refused: marked, with its reason on a line of its own. */
  li.refused {
    border-color: var(--kv-error);
  }

  .file-error {
    flex-basis: 100%;
    margin: 0;
    color: var(--kv-error);
    font-weight: 600;
  }
`;
