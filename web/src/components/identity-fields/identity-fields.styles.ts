import { css } from 'lit';

export const identityFieldsStyles = css`
  .details {
    display: grid;
    gap: var(--kv-gap);
    margin-top: var(--kv-gap);
    padding-inline-start: 1rem;
    border-inline-start: 4px solid var(--kv-accent-soft);
  }

  .details,
  text-field {
    --kv-label-size: 1.05rem;
  }

  select {
    max-width: 16rem;
  }
`;
