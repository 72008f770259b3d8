import { css } from 'lit';

export default css`
  :host {
    display: block;
    box-sizing: border-box;
    max-width: var(--coverkit-max-width, 640px);
    color: var(--coverkit-color-text, #1b1f24);
    font-family: var(--coverkit-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--coverkit-font-size, 16px);
    line-height: 1.5;
  }
  :host([hidden]) {
    display: none;
  }
  *, *::before, *::after {
    box-sizing: inherit;
  }
  .panel {
    background: var(--coverkit-color-surface, #ffffff);
    border: 1px solid var(--coverkit-color-border, #d0d7de);
    border-radius: var(--coverkit-radius, 12px);
    padding: clamp(16px, 4vw, 28px);
    box-shadow: 0 1px 3px rgb(0 0 0 / 0.08);
  }
  h2 {
    margin: 0 0 4px;
    font-size: 1.375em;
    line-height: 1.25;
  }
  .dealer {
    margin: 0 0 20px;
    color: var(--coverkit-color-muted, #57606a);
  }
  .actions {
    display: grid;
    gap: 12px;
    grid-template-columns: repeat(auto-fit, minmax(180px, 1fr));
  }
  button {
    font: inherit;
    min-height: 48px;
    padding: 10px 16px;
    border-radius: var(--coverkit-radius-control, 8px);
    border: 1px solid var(--coverkit-color-primary, #0b5cad);
    background: var(--coverkit-color-surface, #ffffff);
    color: var(--coverkit-color-primary, #0b5cad);
    cursor: pointer;
  }
  button.primary {
    background: var(--coverkit-color-primary, #0b5cad);
    color: var(--coverkit-color-on-primary, #ffffff);
  }
  button:focus-visible {
    outline: 3px solid var(--coverkit-color-focus, #f2a900);
    outline-offset: 2px;
  }
  .status {
    margin: 0;
    color: var(--coverkit-color-muted, #57606a);
  }
  .error {
    color: var(--coverkit-color-danger, #b42318);
    margin: 0 0 12px;
  }
`;
