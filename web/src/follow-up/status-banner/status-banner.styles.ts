import { css } from 'lit';

export const statusBannerStyles = css`
  p {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    margin: 0;
    padding: 0.75rem 1rem;
    border-inline-start: 6px solid var(--kv-accent);
    border-radius: 4px;
    background: var(--kv-accent-soft);
    font-size: 1.25rem;
    font-weight: 700;
  }

  svg {
    flex: none;
    width: 2.25rem;
    height: 2.25rem;
    fill: none;
    stroke: var(--kv-accent-strong);
    stroke-width: 1.8;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
`;
