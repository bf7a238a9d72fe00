import { css } from 'lit';

export const namesFieldsStyles = css`
  fieldset {
    display: grid;
    gap: var(--kv-gap);
  }

  fieldset > .hint {
    margin: 0;
  }

  text-field {
    --kv-label-size: 1.05rem;
  }
`;
