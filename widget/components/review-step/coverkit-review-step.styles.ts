import { css } from 'lit';

export default css`
  .review-section {
    border-top: 1px solid var(--_border);
    padding: 12px 0;
  }
  .review-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0 12px;
  }
  dl {
    margin: 4px 0 0;
    display: grid;
    gap: 4px;
  }
  dl div {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(0, 1.4fr);
    gap: 12px;
  }
  dt {
    color: var(--_muted);
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
`;
