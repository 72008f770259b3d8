/** Styles of the form steps' fields, fieldsets and error summary (adopted by <coverkit-widget>). */
import { css } from 'lit';

export default css`
  form {
    margin: 0;
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_alt);
    margin: 16px 0 0;
    padding: 12px clamp(10px, 3vw, 16px) 2px;
    min-width: 0;
  }
  legend {
    font-weight: 600;
    padding: 0 4px;
  }
  /* Every field is label, hint, control, error: a subgrid, so controls side by side line up whatever their labels. */
  .grid {
    display: grid;
    gap: 0 16px;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr));
  }
  .grid > * {
    margin-bottom: 14px;
  }
  .field {
    display: grid;
    grid-row: span 4;
    grid-template-rows: subgrid;
    row-gap: 4px;
    min-width: 0;
  }
  .field > label {
    align-self: end;
  }
  .wide {
    grid-column: 1 / -1;
  }
  label {
    font-weight: 600;
  }
  .optional {
    font-weight: 400;
    color: var(--_muted);
  }
  .hint {
    margin: 0;
    font-size: 0.875em;
    color: var(--_muted);
  }
  input:not([type='checkbox'], [type='radio']),
  select {
    font: inherit;
    color: inherit;
    width: 100%;
    min-height: 44px;
    padding: 8px 10px;
    border: 1px solid var(--coverkit-color-control-border, #8c959f);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  /* Shown, not typed (the page's car): it looks like the answer it is, not like a field to fill. */
  input[readonly] {
    background: var(--_alt);
    border-style: dashed;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger) !important;
    box-shadow: 0 0 0 1px var(--_danger);
  }
  .field-error {
    margin: 0;
    color: var(--_danger);
    font-size: 0.9375em;
    font-weight: 600;
  }
  .check {
    display: flex;
    align-items: center;
    gap: 10px;
  }
  /* The label is the tap target: a finger-sized row, whatever the text's length. */
  .check label {
    font-weight: 400;
    flex: 1;
    min-height: 44px;
    display: flex;
    align-items: center;
  }
  input[type='checkbox'],
  input[type='radio'] {
    width: 22px;
    height: 22px;
    margin: 0;
    flex: none;
    accent-color: var(--_primary);
  }
  .choice {
    border: 0;
    background: none;
    padding: 0;
    margin: 0 0 12px;
    display: flex;
    flex-wrap: wrap;
    gap: 6px 20px;
  }
  .choice legend {
    padding: 0;
    margin-bottom: 6px;
    font-weight: 600;
  }
  .choice-option {
    display: inline-flex;
    align-items: center;
    gap: 8px;
    min-height: 44px;
    font-weight: 400;
  }
  .notice {
    background: var(--_alt);
    border-left: 4px solid var(--_primary);
    padding: 10px 14px;
    margin: 0 0 12px;
    border-radius: 4px;
  }
  .error-summary {
    border: 2px solid var(--_danger);
    border-radius: var(--_radius);
    padding: 12px 16px;
    margin: 0 0 16px;
  }
  .error-summary ul {
    margin: 6px 0 0;
    padding-left: 1.1em;
  }
  .error-summary button.link {
    color: var(--_danger);
    min-height: 32px;
  }
  .add {
    margin-top: 16px;
  }
  .vehicle-status p {
    margin: 0;
  }
  .vehicle-status:empty {
    display: none;
  }
  .found {
    color: var(--coverkit-color-success, #1a7f37);
    font-weight: 600;
  }
  .warning {
    color: var(--coverkit-color-warning, #8a5a00);
  }
`;
