// The rules every shadow root starts from, public pages and staff portal alike. The token names
// differ per portal (--kv-* and --st-*), so only the rules that read no tokens live here.
import { css } from 'lit';

/** A block-level host whose boxes include their borders and padding. */
export const hostBaseStyles = css`
  :host {
    display: block;
  }
`;

export const boxSizingStyles = css`
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
`;

/** Pictograms that point (back, next, leave) turn with the reading direction; the others never do. */
export const mirrorStyles = css`
  .mirror:dir(rtl) {
    transform: scaleX(-1);
  }
`;

/** Text for screen readers only. */
export const srOnlyStyles = css`
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
