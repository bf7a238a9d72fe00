import { css } from 'lit';

export const messageListStyles = css`
  ol {
    display: grid;
    gap: 0.75rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  li {
    max-width: 85%;
    padding: 0.6rem 0.9rem;
    border: 2px solid var(--kv-border);
    border-radius: var(--kv-radius);
    background: var(--kv-surface);
  }

  /* The school on the left, the reporter ("Jij") on the right, as in a chat app. */
  li.school {
    justify-self: start;
    border-end-start-radius: 2px;
  }

  li.reporter {
    justify-self: end;
    border-color: var(--kv-accent);
    border-end-end-radius: 2px;
    background: var(--kv-accent-soft);
  }

  li:focus {
    outline: 3px solid var(--kv-focus);
    outline-offset: 2px;
  }

  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.75rem;
    margin: 0 0 0.25rem;
    color: var(--kv-muted);
    font-size: 0.9rem;
  }

  .who {
    color: var(--kv-accent-strong);
    font-weight: 700;
  }

  .text {
    margin: 0;
    overflow-wrap: anywhere;
    white-space: pre-wrap;
  }

  .pictures {
    font-style: italic;
  }

  .empty {
    margin: 0;
    color: var(--kv-muted);
  }

  @media (max-width: 30rem) {
    li {
      max-width: 100%;
    }
  }
`;
