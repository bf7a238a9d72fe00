// The page frame of a portal's app element: a centred main column, narrower while logged out.
import { css } from 'lit';

export const portalLayoutStyles = css`
  main {
    max-width: 1200px;
    margin: 0 auto;
    padding: 1rem;
  }

  .centered {
    max-width: 32rem;
    margin: 3rem auto;
  }
`;
