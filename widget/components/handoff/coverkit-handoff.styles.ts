/** "Finish on your phone" and its panel (in the steps' chunk: added to the widget's shadow root when shown). */
import { css } from 'lit';

export default css`
  coverkit-handoff {
    display: block;
    margin-top: 16px;
  }
  button.handoff-open {
    display: block;
    margin-inline: auto;
    border-color: transparent;
    color: var(--_primary);
    font-size: 0.9375em;
  }
  button.handoff-open:hover {
    border-color: var(--_border);
  }
  /* A phone is where the shopper carries on: there it offers the link for another device. */
  coverkit-handoff .on-narrow {
    display: none;
  }
  @media (max-width: 599px) {
    coverkit-handoff .on-wide {
      display: none;
    }
    coverkit-handoff .on-narrow {
      display: inline;
    }
  }
  .handoff {
    background: var(--_alt);
    border-left: 4px solid var(--_primary);
    padding: 10px 14px;
    border-radius: 4px;
  }
  .handoff h3:focus {
    outline: none;
  }
  .handoff p {
    margin: 8px 0;
  }
  .handoff .link-field {
    display: grid;
    gap: 4px;
    margin: 8px 0;
  }
  .handoff .link-field input {
    font-weight: 400;
  }
  /* The QR code is for a phone's camera to read off a kiosk's or a laptop's screen. */
  .handoff .qr, .handoff .qr-hint {
    display: none;
  }
  @media (min-width: 600px) {
    .handoff .qr {
      display: block;
      width: 200px;
      height: 200px;
      margin: 8px 0;
    }
    .handoff .qr svg {
      display: block;
      width: 100%;
      height: 100%;
    }
    .handoff .qr-hint {
      display: block;
    }
  }
  .handoff .copied {
    min-height: 1.5em;
  }
`;
