// Styles the board admin area adds to the staff portal's: its tables.
import { css } from 'lit';

export const boardTableStyles = css`
  table {
    width: 100%;
    border-collapse: collapse;
  }

  th,
  td {
    padding: 0.5rem;
    border-bottom: 1px solid var(--st-border);
    text-align: start;
    vertical-align: top;
  }
`;
