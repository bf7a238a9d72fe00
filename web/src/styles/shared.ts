// Styles every component shares: focus, labels, hints, field messages, text inputs and buttons.
import { css } from 'lit';
import { boxSizingStyles, hostBaseStyles, mirrorStyles, srOnlyStyles } from './base';

export const sharedStyles = css`
  ${hostBaseStyles}

  :host([hidden]) {
    display: none;
  }

  ${boxSizingStyles}

  :focus-visible {
    outline: 3px solid var(--kv-focus);
    outline-offset: 2px;
  }

  fieldset {
    min-width: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }

  legend,
  .label {
    display: block;
    padding: 0;
    margin: 0 0 0.25rem;
    font-size: var(--kv-label-size, 1.2rem);
    font-weight: 700;
    line-height: 1.3;
  }

  .required {
    display: inline-block;
    margin-inline-start: 0.5rem;
    padding: 0 0.5rem;
    border-radius: 999px;
    background: var(--kv-accent-soft);
    color: var(--kv-accent-strong);
    font-size: 0.85rem;
    font-weight: 600;
    vertical-align: middle;
  }

  /* A small pictogram in front of a field's label, drawn in the text's accent colour. */
  .label-pictogram {
    width: 2rem;
    height: 2rem;
    margin-inline-end: 0.5rem;
    vertical-align: middle;
    fill: none;
    stroke: var(--kv-accent-strong);
    stroke-width: 1.6;
    stroke-linecap: round;
    stroke-linejoin: round;
  }

  @media (forced-colors: active) {
    .label-pictogram {
      stroke: CanvasText;
    }
  }

  .hint {
    margin: 0 0 0.75rem;
    color: var(--kv-muted);
  }

  .error {
    margin: 0.75rem 0 0;
    padding: 0.5rem 0.75rem;
    border-inline-start: 4px solid var(--kv-error);
    border-radius: 4px;
    background: var(--kv-error-bg);
    color: var(--kv-error);
    font-weight: 600;
  }

  input:not([type='checkbox'], [type='radio'], [type='file']),
  select,
  textarea {
    display: block;
    width: 100%;
    min-height: var(--kv-target);
    padding: 0.5rem 0.75rem;
    border: 2px solid var(--kv-border);
    border-radius: 8px;
    background: var(--kv-surface);
    color: inherit;
    font: inherit;
  }

  [aria-invalid='true'] {
    border-color: var(--kv-error);
  }

  button {
    min-width: var(--kv-target);
    min-height: var(--kv-target);
    padding: 0.5rem 1rem;
    border: 2px solid var(--kv-accent);
    border-radius: 8px;
    background: var(--kv-surface);
    color: var(--kv-accent-strong);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }

  button:hover {
    background: var(--kv-accent-soft);
  }

  button.primary {
    background: var(--kv-accent);
    color: #fff;
  }

  button.primary:hover {
    background: var(--kv-accent-strong);
  }

  button:disabled {
    cursor: progress;
    opacity: 0.7;
  }

  ${srOnlyStyles}
  ${mirrorStyles}

  @media (prefers-reduced-motion: no-preference) {
    button,
    input,
    select,
    textarea {
      transition:
        background-color 0.15s,
        border-color 0.15s;
    }
  }
`;
