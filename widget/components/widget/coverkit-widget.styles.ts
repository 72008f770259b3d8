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
    --_primary: var(--coverkit-color-primary, #0b5cad);
    --_muted: var(--coverkit-color-muted, #57606a);
    --_border: var(--coverkit-color-border, #d0d7de);
    --_surface: var(--coverkit-color-surface, #ffffff);
    --_alt: var(--coverkit-color-surface-alt, #f6f8fa);
    --_danger: var(--coverkit-color-danger, #b42318);
    --_radius: var(--coverkit-radius-control, 8px);
  }
  :host([hidden]) {
    display: none;
  }
  *, *::before, *::after {
    box-sizing: inherit;
  }
  .panel {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--coverkit-radius, 12px);
    padding: clamp(14px, 4vw, 28px);
    box-shadow: 0 1px 3px rgb(0 0 0 / 0.08);
  }
  h2 {
    margin: 0 0 16px;
    font-size: 1.375em;
    line-height: 1.25;
  }
  h2:focus {
    outline: none;
  }
  h2:focus-visible {
    outline: 3px solid var(--coverkit-color-focus, #f2a900);
    outline-offset: 4px;
  }
  h3 {
    margin: 0;
    font-size: 1.0625em;
  }
  .eyebrow {
    display: block;
    font-size: 0.8125rem;
    font-weight: 600;
    letter-spacing: 0.02em;
    color: var(--_muted);
  }
  .dealer {
    margin: -12px 0 20px;
    color: var(--_muted);
  }
  .actions {
    display: grid;
    gap: 12px;
    grid-template-columns: repeat(auto-fit, minmax(180px, 1fr));
  }
  button, .button {
    font: inherit;
    min-height: 48px;
    padding: 10px 16px;
    border-radius: var(--_radius);
    border: 1px solid var(--_primary);
    background: var(--_surface);
    color: var(--_primary);
    cursor: pointer;
    text-align: center;
    text-decoration: none;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.25em;
  }
  button.primary, .button.primary {
    background: var(--_primary);
    color: var(--coverkit-color-on-primary, #ffffff);
    font-weight: 600;
  }
  button:disabled, button[aria-disabled='true'] {
    opacity: 0.55;
    cursor: not-allowed;
  }
  button.link {
    min-height: 44px;
    padding: 4px 0;
    border: 0;
    background: none;
    text-decoration: underline;
    text-align: start;
    justify-content: flex-start;
  }
  .danger {
    color: var(--_danger);
  }
  :is(button, a, input, select, [tabindex]):focus-visible {
    outline: 3px solid var(--coverkit-color-focus, #f2a900);
    outline-offset: 2px;
  }
  a {
    color: var(--_primary);
  }
  .status {
    margin: 0;
    color: var(--_muted);
  }
  .error {
    color: var(--_danger);
    margin: 0 0 12px;
  }
  .top {
    display: flex;
    align-items: center;
    gap: 12px;
    margin: -8px 0 8px;
  }
  .progress {
    flex: 1;
    display: flex;
    gap: 4px;
  }
  button.close {
    margin-inline-start: auto;
    min-height: 44px;
    padding: 4px 10px;
    border-color: transparent;
    color: var(--_muted);
    font-size: 0.9375em;
  }
  button.close:hover {
    border-color: var(--_border);
  }
  .progress span {
    flex: 1;
    height: 4px;
    border-radius: 2px;
    background: var(--_border);
  }
  .progress span.on {
    background: var(--_primary);
  }
  .nav {
    display: flex;
    flex-wrap: wrap-reverse;
    flex-direction: row-reverse;
    justify-content: space-between;
    gap: 12px;
    margin-top: 24px;
  }
  .nav button {
    flex: 1 1 160px;
    max-width: 100%;
  }
  @media (min-width: 560px) {
    .nav button {
      flex: 0 1 auto;
      min-width: 160px;
    }
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
  .alert {
    border-left: 4px solid var(--_danger);
    background: var(--_alt);
    padding: 10px 14px;
    margin: 12px 0;
    border-radius: 4px;
  }
  .alert p {
    margin: 0 0 6px;
  }
  .close-confirm, .changed-elsewhere {
    background: var(--_alt);
    border-left: 4px solid var(--_primary);
    padding: 10px 14px;
    margin: 0 0 16px;
    border-radius: 4px;
  }
  .close-confirm {
    border-left-color: var(--_danger);
  }
  .close-confirm h3:focus {
    outline: none;
  }
  .close-confirm p, .changed-elsewhere p {
    margin: 0 0 10px;
  }
`;
