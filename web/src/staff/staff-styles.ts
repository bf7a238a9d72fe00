// Styles every staff component shares: type, focus, buttons, fields, panels, messages.
import { css } from 'lit';
import { boxSizingStyles, hostBaseStyles, srOnlyStyles } from '../styles/base';

export const staffStyles = css`
  ${hostBaseStyles}

  ${boxSizingStyles}

  :focus-visible {
    outline: 3px solid var(--st-focus);
    outline-offset: 2px;
  }

  h2,
  h3 {
    margin: 0 0 0.5rem;
    line-height: 1.25;
  }

  h2 {
    font-size: 1.15rem;
  }

  h3 {
    font-size: 1rem;
  }

  p {
    margin: 0 0 0.5rem;
  }

  a {
    color: var(--st-accent-strong);
  }

  .panel {
    padding: 1rem 1.125rem;
    border: 1px solid var(--st-border);
    border-radius: var(--st-radius);
    background: var(--st-surface);
  }

  .muted {
    color: var(--st-muted);
  }

  .small {
    font-size: 0.875rem;
  }

  label,
  .label {
    display: block;
    margin: 0 0 0.25rem;
    font-weight: 600;
  }

  input:not([type='checkbox'], [type='radio']),
  select,
  textarea {
    display: block;
    width: 100%;
    min-height: var(--st-target);
    padding: 0.45rem 0.6rem;
    border: 1px solid var(--st-strong-border);
    border-radius: 6px;
    background: var(--st-surface);
    color: inherit;
    font: inherit;
  }

  textarea {
    min-height: 5rem;
    resize: vertical;
  }

  input[type='checkbox'] {
    width: 1.25rem;
    height: 1.25rem;
    margin: 0;
    flex: none;
    accent-color: var(--st-accent);
  }

  button {
    min-height: var(--st-target);
    padding: 0.45rem 0.9rem;
    border: 1px solid var(--st-accent);
    border-radius: 6px;
    background: var(--st-surface);
    color: var(--st-accent-strong);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }

  button:hover {
    background: var(--st-accent-soft);
  }

  button.primary {
    background: var(--st-accent);
    color: #fff;
  }

  button.primary:hover {
    background: var(--st-accent-strong);
  }

  button:disabled {
    cursor: progress;
    opacity: 0.65;
  }

  .error {
    margin: 0.5rem 0 0;
    padding: 0.5rem 0.75rem;
    border-inline-start: 4px solid var(--st-error);
    border-radius: 4px;
    background: var(--st-error-bg);
    color: var(--st-error);
  }

  .notice {
    padding: 0.5rem 0.75rem;
    border-inline-start: 4px solid var(--st-warn-border);
    border-radius: 4px;
    background: var(--st-warn-bg);
  }

  .badge {
    display: inline-block;
    padding: 0.05rem 0.5rem;
    border-radius: 999px;
    background: var(--st-accent-soft);
    color: var(--st-accent-strong);
    font-size: 0.8rem;
    font-weight: 600;
    white-space: nowrap;
  }

  .badge.pesten {
    background: var(--st-pesten-bg);
    color: var(--st-pesten);
  }

  .badge.plagen {
    background: var(--st-plagen-bg);
    color: var(--st-plagen);
  }

  .badge.urgent {
    background: var(--st-error);
    color: #fff;
  }

  .badge.new {
    background: var(--st-warn-bg);
    color: #6b4d00;
  }

  ${srOnlyStyles}
`;

/** A panel's one-line form: its field and buttons side by side, wrapping on a narrow screen. */
export const inlineFormStyles = css`
  form {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.5rem;
  }
`;
