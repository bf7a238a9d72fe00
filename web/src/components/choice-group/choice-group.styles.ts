import { css } from 'lit';

export const choiceGroupStyles = css`
  .options {
    display: grid;
    gap: 0.5rem;
  }

  /*
   * At most two tiles a row in the form's width: three left the words about 6 rem beside the box and
   * the pictogram, and a Chromebook broke them mid-word ("Schelde" / "n").
   */
  .options.tiles {
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 17rem), 1fr));
    gap: 0.75rem;
  }

  .option {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    min-height: var(--kv-target);
    padding: 0.5rem 0.75rem;
    border: 2px solid var(--kv-border);
    border-radius: 10px;
    background: var(--kv-surface);
    font-size: 1.1rem;
    cursor: pointer;
  }

  /*
   * A word is broken only when it is wider than the whole line (break-word, not anywhere, which also
   * let the grid squeeze words apart), and never hyphenated: a child who reads little reads whole words.
   */
  .option span {
    min-width: 0;
    overflow-wrap: break-word;
    hyphens: manual;
  }

  /* A closer gap leaves the words room for "vertrouwenspersoon" on one line beside the box and the pictogram. */
  .tiles .option {
    gap: 0.6rem;
    min-height: 4.5rem;
    font-weight: 600;
  }

  .option:hover {
    border-color: var(--kv-accent);
  }

  .option:has(input:checked) {
    border-color: var(--kv-accent);
    background: var(--kv-accent-soft);
    box-shadow: inset 0 0 0 1px var(--kv-accent);
  }

  .option:has(input:focus-visible) {
    outline: 3px solid var(--kv-focus);
    outline-offset: 2px;
  }

  input {
    flex: none;
    width: 1.5rem;
    height: 1.5rem;
    margin: 0;
    accent-color: var(--kv-accent);
  }

  input:focus-visible {
    outline: none;
  }

  .pictogram {
    flex: none;
    width: 3rem;
    height: 3rem;
    fill: none;
    stroke: var(--kv-accent-strong);
    stroke-width: 1.6;
    stroke-linecap: round;
    stroke-linejoin: round;
  }

  /* On a phone the tiles are rows with a smaller pictogram: more answers fit in view. */
  @media (max-width: 30rem) {
    .tiles .option {
      min-height: 3.25rem;
    }

    .pictogram {
      width: 2.25rem;
      height: 2.25rem;
    }
  }

  @media (forced-colors: active) {
    .option:has(input:checked) {
      outline: 3px solid Highlight;
      outline-offset: -5px;
    }

    .option:has(input:focus-visible) {
      outline-color: Highlight;
      outline-offset: 2px;
    }

    .pictogram {
      stroke: CanvasText;
    }
  }

  @media (prefers-reduced-motion: no-preference) {
    .option {
      transition:
        background-color 0.15s,
        border-color 0.15s;
    }
  }
`;
