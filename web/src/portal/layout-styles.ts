// The page frame of a portal's app element: a centred main column, narrower while logged out.
import { css } from 'lit';

export const portalLayoutStyles = css`
  main {
    max-width: 1200px;
    margin: 0 auto;
    padding: 1rem;
  }

  /* It takes the focus after an in-page move only so that the next Tab starts inside it. */
  main:focus {
    outline: none;
  }

  .centered {
    max-width: 32rem;
    margin: 3rem auto;
  }
`;
