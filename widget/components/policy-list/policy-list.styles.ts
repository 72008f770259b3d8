/** Policy cards, the connect and lookup screens, the submission form and the thank-you (one of result.styles.ts). */
import { css } from 'lit';

export default css`
  .policies {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 12px;
  }
  .policy {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 14px 16px;
    display: grid;
    gap: 8px;
    min-width: 0;
  }
  .policy h4 {
    margin: 4px 0 0;
    font-size: 0.9375em;
  }
  /* One grid per list, so the terms line up and a long one ("Comprehensive") never runs into its value. */
  .policy dl {
    margin: 0;
    display: grid;
    grid-template-columns: fit-content(45%) minmax(0, 1fr);
    gap: 4px 16px;
  }
  .policy dl div {
    display: contents;
  }
  .policy .line {
    display: block;
  }
  .policy .vin {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .error-summary > p {
    margin: 0;
  }
  .policy button {
    justify-self: start;
    margin-top: 4px;
    max-width: 100%;
  }
  .muted {
    color: var(--_muted);
  }
  .reading {
    display: grid;
    gap: 12px;
    margin: 0 0 8px;
  }
  .submit-form {
    margin-top: 20px;
    padding-top: 16px;
    border-top: 1px solid var(--_border);
  }
  .submit-form h3 {
    margin-bottom: 4px;
  }
  .submit-form > p {
    margin: 0 0 12px;
  }
  .consent {
    align-items: flex-start;
    padding: 10px 12px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_alt);
  }
  .consent input {
    margin-top: 1px;
  }
  .consent [aria-invalid='true'] {
    outline: 2px solid var(--_danger);
    outline-offset: 2px;
  }
  .consent + .field-error {
    margin-top: 6px;
  }
  .direct {
    color: var(--_muted);
    font-size: 0.9375em;
  }
  .thanks {
    display: grid;
    gap: 12px;
  }
  .thanks p {
    margin: 0;
  }
  .thanks .button {
    justify-self: start;
    max-width: 100%;
  }
  .reference {
    color: var(--_muted);
    font-size: 0.875em;
    overflow-wrap: anywhere;
  }
`;
