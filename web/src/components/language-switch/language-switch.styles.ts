import { css } from 'lit';

export const languageSwitchStyles = css`
  div {
    display: flex;
    gap: 0.25rem;
  }

  button {
    padding: 0.25rem 0.6rem;
  }

  button[aria-pressed='true'] {
    background: var(--kv-accent);
    color: #fff;
  }

  button[aria-pressed='true']:hover {
    background: var(--kv-accent-strong);
  }

  @media (forced-colors: active) {
    button[aria-pressed='true'] {
      outline: 3px solid Highlight;
      outline-offset: 1px;
    }
  }
`;
