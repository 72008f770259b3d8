import { css } from 'lit';

export default css`
  .quotes-status {
    margin: -8px 0 12px;
    color: var(--_muted);
  }
  .quotes-status.done {
    color: var(--coverkit-color-success, #1a7f37);
    font-weight: 600;
  }
  .quotes {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 12px;
  }
  .quote, .confirmation {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 14px 16px;
    display: grid;
    gap: 6px;
    grid-template-columns: minmax(0, 1fr) auto;
    align-items: center;
  }
  .quote > *, .confirmation > * {
    grid-column: 1 / -1;
    margin: 0;
  }
  .quotes, .confirmation {
    container-type: inline-size;
  }
  @container (min-width: 420px) {
    .quote.complete h3 {
      grid-column: 1;
    }
    .quote.complete .price {
      grid-column: 2;
      grid-row: 1;
      text-align: end;
    }
  }
  .price strong {
    font-size: 1.375em;
  }
  .plans {
    color: var(--_muted);
    font-size: 0.9375em;
    display: flex;
    flex-wrap: wrap;
    gap: 0 16px;
  }
  .quote .choose, .quote button {
    justify-self: start;
    min-width: 140px;
  }
  .quote.pending, .quote.declined, .quote.error {
    background: var(--_alt);
  }
  .quote.declined h3, .quote.error h3, .muted, .reason {
    color: var(--_muted);
  }
  .shimmer {
    height: 10px;
    border-radius: 5px;
    background: linear-gradient(90deg, var(--_border) 0%, var(--_surface) 50%, var(--_border) 100%);
    background-size: 200% 100%;
    animation: shimmer 1.4s linear infinite;
  }
  @keyframes shimmer {
    from { background-position: 100% 0; }
    to { background-position: -100% 0; }
  }
  @media (prefers-reduced-motion: reduce) {
    .shimmer {
      animation: none;
    }
  }
  .confirmation .button {
    width: 100%;
  }
`;
