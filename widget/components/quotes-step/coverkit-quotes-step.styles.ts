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
  .price .term {
    display: inline-block;
    margin-inline-start: 4px;
    padding: 0 8px;
    border: 1px solid var(--_border);
    border-radius: 999px;
    font-size: 0.8125em;
    color: var(--_muted);
    white-space: nowrap;
  }
  .badges {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
  }
  .badge {
    padding: 1px 8px;
    border-radius: 999px;
    font-size: 0.8125em;
    font-weight: 600;
    color: var(--coverkit-color-success, #116329);
    background: color-mix(in srgb, var(--coverkit-color-success, #1a7f37) 12%, transparent);
  }
  .rated {
    color: var(--_muted);
    font-size: 0.875em;
    margin: 0 0 12px;
  }
  .quote .rated {
    margin: 0;
  }
  .quote.pending {
    padding: 10px 16px;
  }
  .quote.pending h3 {
    grid-column: 1;
    font-weight: 500;
  }
  .quote.pending .shimmer {
    grid-column: 2;
    width: 96px;
  }
  .sort {
    display: flex;
    align-items: center;
    gap: 8px;
    margin: 0 0 12px;
  }
  .sort select {
    width: auto;
  }
  .quotes:focus {
    outline: none;
  }
  .new-offers {
    margin-top: 12px;
  }
  h3.group {
    margin: 20px 0 8px;
    font-size: 1em;
    color: var(--_muted);
  }
  .declines {
    margin-top: 20px;
  }
  .declines summary {
    cursor: pointer;
    padding: 12px 0;
    color: var(--_muted);
  }
  .declines .quotes {
    margin-top: 8px;
  }
  .confirmation .button {
    width: 100%;
  }
`;
