/**
 * <coverkit-done-step>: thank you, after the dealer has the shopper's answer:
 * who will be in touch, the shopper's personalised offers (AutoComplete's
 * flowUrl) as soon as the link has come (asked again while it is on its way,
 * link-follow-up.ts), the submission's reference, and Done (which leaves:
 * coverkit-exit with step `done`).
 *
 * Rendered by <coverkit-widget> into its shadow root.
 *
 * @csspart thank-you - The message.
 * @csspart flow-link - The link to the personalised offers.
 * @csspart flow-pending - Said while that link is on its way.
 */
import { html, nothing } from 'lit';
import { LinkFollowUp } from '../../internal/link-follow-up.ts';
import { StepElement } from '../../internal/step.ts';
import { resultStyles } from '../result.styles.ts';

export class CoverkitDoneStep extends StepElement {
  static override styles = resultStyles;
  readonly link = new LinkFollowUp(this);

  override render() {
    const { t, journey } = this;
    const submitted = journey.submission.submitted;
    if (!submitted) return nothing;
    return html`${this.heading()}
      <div class="thanks" part="thank-you">
        <p>${t.doneText(journey.session?.dealer.name ?? '', journey.submission.selected?.carrierName ?? '')}</p>
        <div role="status">${
          submitted.flowUrl
            ? html`<p>${t.flowIntro}</p>
              <a class="button primary" part="button primary-button flow-link" href=${submitted.flowUrl} target="_blank" rel="noopener noreferrer"
                >${t.flowLink}<span class="sr-only"> ${t.opensNewTab}</span></a>`
            : submitted.flowUrlPending
              ? html`<p class="hint" part="flow-pending">${t.flowComing}</p>`
              : nothing
        }</div>
        <p class="reference">${t.reference(journey.session?.dealer.name ?? '')} <strong class="code">${submitted.reference}</strong></p>
      </div>
      <div class="nav">
        <button type="button" part="button" @click=${() => journey.leave()}>${t.done}</button>
      </div>`;
  }
}
