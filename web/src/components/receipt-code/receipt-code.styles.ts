import { css } from 'lit';

export const receiptCodeStyles = css`
  section {
    padding: 1.25rem;
    border-radius: var(--kv-radius);
    background: var(--kv-surface);
  }

  h2 {
    margin: 0 0 0.5rem;
    font-size: 1.5rem;
    line-height: 1.25;
  }

  h2:focus {
    outline: none;
  }

  .code {
    margin: 0.25rem 0 1rem;
    padding: 0.75rem 1rem;
    border: 3px dashed var(--kv-accent);
    border-radius: var(--kv-radius);
    background: var(--kv-accent-soft);
    font-family: var(--kv-mono);
    font-size: clamp(1.4rem, 7vw, 2.5rem);
    font-weight: 700;
    letter-spacing: 0.05em;
    user-select: all;
  }

  .copy {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
  }

  .status {
    margin: 0;
    font-weight: 600;
  }

  .write-down {
    margin: 1.25rem 0 0.5rem;
    padding: 0.75rem 1rem;
    border-inline-start: 6px solid var(--kv-warm-border);
    border-radius: 4px;
    background: var(--kv-warm);
    font-size: 1.2rem;
    font-weight: 700;
  }

  .written {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    min-height: var(--kv-target);
    margin: 0.5rem 0 1rem;
    padding: 0.5rem 0.75rem;
    border: 2px solid var(--kv-border);
    border-radius: 10px;
    font-weight: 600;
    cursor: pointer;
  }

  .written:has(input:checked) {
    border-color: var(--kv-accent);
    background: var(--kv-accent-soft);
  }

  .written input {
    flex: none;
    width: 1.5rem;
    height: 1.5rem;
    margin: 0;
    accent-color: var(--kv-accent);
  }

  .follow a {
    display: inline-flex;
    align-items: center;
    min-height: var(--kv-target);
    color: var(--kv-accent-strong);
    font-size: 1.15rem;
    font-weight: 700;
    text-decoration-thickness: 2px;
    text-underline-offset: 3px;
  }

  .follow {
    margin-bottom: 0;
  }

  .follow + p {
    margin-top: 0;
  }

  /* The printed slip: on screen it does not exist. */
  .slip {
    display: none;
  }

  /*
   * Printing shows the slip alone. The rest of the page lives outside this shadow root, so the
   * host covers it: a fixed, opaque sheet above everything (the receipt view fits on one page).
   */
  @media print {
    :host {
      position: fixed;
      inset: 0;
      z-index: 2147483647;
      padding: 1.5cm;
      background: #fff;
      color: #000;
    }

    section {
      display: none;
    }

    .slip {
      display: block;
      max-width: 16cm;
      font-size: 14pt;
    }

    .slip-title {
      margin: 0 0 0.5rem;
      font-size: 18pt;
      font-weight: 700;
    }

    .slip .code {
      border-color: #000;
      background: none;
      font-size: 24pt;
    }
  }
`;
