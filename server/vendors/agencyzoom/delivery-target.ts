/**
 * AgencyZoom: the shopper becomes a lead, and the quote they picked a lead
 * quote on it. The lead's id is saved on the outbox row before the quote is
 * attached, so a retry after a failure between the two calls attaches the
 * quote to the same lead instead of making a second one; the lead quote's id
 * is saved as soon as it exists too, so a retry after the row could not be
 * marked delivered attaches no second quote. Both bodies are
 * mapped before the first call, so a quote AgencyZoom cannot take fails the
 * delivery before any lead exists.
 */
import { type DeliveryAttempt, type DeliveryResult, type Target, TargetConfigurationError } from '../../submissions/targets/target.ts';
import { VendorError } from '../shared/errors.ts';
import type { AgencyZoomClient } from './client.ts';
import { toAgencyZoomLead, toAgencyZoomLeadQuote } from './map.ts';
import type { LeadRefs } from './refs.ts';

type AgencyZoomState = { leadId?: number; leadQuoteId?: number };

export class AgencyZoomTarget implements Target {
  readonly name = 'agencyzoom' as const;
  readonly displayName = 'AgencyZoom';

  readonly callTimeoutMs?: number;

  constructor(
    private readonly client: AgencyZoomClient,
    /** `callTimeoutMs`: the client's timeout (AGENCYZOOM_TIMEOUT_MS). */
    options: { callTimeoutMs?: number } = {},
  ) {
    this.callTimeoutMs = options.callTimeoutMs;
  }

  async deliver({ body, selectedQuote, consent, state, saveState, signal }: DeliveryAttempt): Promise<Record<string, unknown>> {
    const progress: AgencyZoomState = { ...(state as AgencyZoomState) };
    const leadQuote = selectedQuote ? toAgencyZoomLeadQuote(selectedQuote, { items: body.applicant.vehicles.length }) : undefined;
    if (progress.leadId === undefined) {
      signal.throwIfAborted();
      const refs = await this.#refs();
      const lead = toAgencyZoomLead(body.applicant, refs, consent);
      signal.throwIfAborted();
      const { leadId } = await this.client.createLead(lead);
      progress.leadId = leadId;
      await saveState({ leadId });
    }
    if (leadQuote && progress.leadQuoteId === undefined) {
      signal.throwIfAborted();
      const { quoteId } = await this.client.createLeadQuote(progress.leadId, leadQuote);
      progress.leadQuoteId = quoteId;
      // Saved at once, like the lead: if marking the row delivered fails, the retry must not attach the quote again.
      await saveState({ leadQuoteId: quoteId });
    }
    return progress;
  }

  /** Where leads go. A routing name the agency does not have is our configuration, not the shopper's data. */
  async #refs(): Promise<LeadRefs> {
    try {
      return await this.client.leadRefs();
    } catch (error) {
      if (error instanceof VendorError && error.kind === 'rejected' && error.details.status === undefined) {
        throw new TargetConfigurationError(`AgencyZoom lead routing is not set up: ${error.message.replace(/^AgencyZoom: /, '')}`);
      }
      throw error;
    }
  }
}

/** What an AgencyZoom delivery shows: the lead it made and the lead quote attached to it. */
export function agencyZoomResult(state: Readonly<Record<string, unknown>>): DeliveryResult {
  const ids = {
    ...(typeof state.leadId === 'number' ? { leadId: state.leadId } : {}),
    ...(typeof state.leadQuoteId === 'number' ? { leadQuoteId: state.leadQuoteId } : {}),
  };
  return Object.keys(ids).length > 0 ? { vendorIds: ids } : {};
}
