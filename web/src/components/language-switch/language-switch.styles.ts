import { css } from 'lit';

export const languageSwitchStyles = css`
  .picker {
    position: relative;
  }

  .toggle {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
    padding-block: 0.25rem;
    padding-inline: 0.6rem;
  }

  svg {
    width: 1.25rem;
    height: 1.25rem;
    fill: none;
    stroke: currentColor;
    stroke-width: 1.8;
  }

  ul {
    position: absolute;
    z-index: 10;
    inset-block-start: calc(100% + 0.25rem);
    inset-inline-start: 0;
    display: grid;
    gap: 0.25rem;
    min-width: 11rem;
    margin: 0;
    padding: 0.4rem;
    list-style: none;
    background: var(--kv-surface);
    border: 1px solid var(--kv-border);
    border-radius: 8px;
  }

  ul.from-end {
    inset-inline-start: auto;
    inset-inline-end: 0;
  }

  ul[hidden] {
    display: none;
  }

  ul button {
    width: 100%;
    padding-block: 0.4rem;
    padding-inline: 0.8rem;
    text-align: start;
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
