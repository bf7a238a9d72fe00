import { css } from 'lit';

export const textFieldStyles = css`
  textarea {
    min-height: 9rem;
    resize: vertical;
  }

  .counter {
    margin: 0.25rem 0 0;
    color: var(--kv-muted);
    font-size: 0.9rem;
    text-align: end;
  }
`;
