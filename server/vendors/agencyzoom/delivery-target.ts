/**
 * AgencyZoom: the shopper becomes a lead, and the quote they picked a lead
 * quote on it. Each step's progress is saved on the outbox row: the lead's id
 * before the quote is attached, so a retry attaches the quote to the same lead
 * instead of making a second one, and the lead quote's id as soon as it
 * exists, so a retry after the row could not be marked delivered attaches no
 * second quote. Both bodies are mapped before the first call, so a quote
 * AgencyZoom cannot take fails the delivery before any lead exists.
 *
 * AgencyZoom takes no idempotency key, and a call that times out may still
 * make its lead (targets/uncertain.ts). So each write is marked as sent
 * (`leadSentAt`, `quoteSentAt`) before it leaves, and a try that finds a mark
 * without its result looks first: lead search by the shopper's email, for the
 * lead whose notes carry this submission's reference line; the lead's quotes,
 * for one with this carrier and premium. What it finds is adopted.
 */
import { type DeliveryAttempt, type DeliveryResult, type Target, TargetConfigurationError } from '../../submissions/targets/target.ts';
import { madeNothing, sentAt, settle, settleWindowMs } from '../../submissions/targets/uncertain.ts';
import { VendorError } from '../shared/errors.ts';
import type { AgencyZoomClient } from './client.ts';
import { referenceLine } from './lead-notes.ts';
import { toAgencyZoomLead, toAgencyZoomLeadQuote } from './map.ts';
import type { LeadRefs } from './refs.ts';
import type { LeadQuoteCreateRequest } from './schemas.ts';

type AgencyZoomState = { leadId?: number; leadQuoteId?: number; leadSentAt?: string | null; quoteSentAt?: string | null };

/** Lead search's largest page; a shopper's email matches a handful of leads, not a hundred. */
const SEARCH_PAGE = 100;
/** Leads whose notes are read one by one when search leaves them out: each read spends the agency's budget. */
const MAX_DETAIL_READS = 5;
const DAY_MS = 86_400_000;

export class AgencyZoomTarget implements Target {
  readonly name = 'agencyzoom' as const;
  readonly displayName = 'AgencyZoom';

  readonly callTimeoutMs?: number;
  readonly #settleMs: number;

  constructor(
    private readonly client: AgencyZoomClient,
    /**
     * `callTimeoutMs`: the client's timeout (AGENCYZOOM_TIMEOUT_MS); `settleMs`: how long after an
     * uncertain write a retry waits before looking for it (default: settleWindowMs).
     */
    options: { callTimeoutMs?: number; settleMs?: number } = {},
  ) {
    this.callTimeoutMs = options.callTimeoutMs;
    this.#settleMs = options.settleMs ?? settleWindowMs(options.callTimeoutMs ?? 10_000);
  }

  async deliver({ body, reference, selectedQuote, consent, state, saveState, signal }: DeliveryAttempt): Promise<Record<string, unknown>> {
    const progress: AgencyZoomState = { ...(state as AgencyZoomState) };
    const leadQuote = selectedQuote ? toAgencyZoomLeadQuote(selectedQuote, { items: body.applicant.vehicles.length }) : undefined;
    const step = async <T>(mark: 'leadSentAt' | 'quoteSentAt', write: () => Promise<T>): Promise<T> => {
      signal.throwIfAborted();
      await saveState({ [mark]: new Date().toISOString() });
      try {
        return await write();
      } catch (error) {
        // Refused outright: nothing to look for next time.
        if (madeNothing(error)) await saveState({ [mark]: null });
        throw error;
      }
    };

    if (progress.leadId === undefined) {
      const sent = sentAt(progress.leadSentAt);
      if (sent !== undefined) {
        await settle(sent, this.#settleMs, signal);
        const found = await this.#findLead(body.applicant.contact.email, reference, sent, signal);
        if (found !== undefined) {
          progress.leadId = found;
          await saveState({ leadId: found });
        }
      }
    }
    if (progress.leadId === undefined) {
      signal.throwIfAborted();
      const refs = await this.#refs();
      const lead = toAgencyZoomLead(body.applicant, refs, { consent, reference });
      const { leadId } = await step('leadSentAt', () => this.client.createLead(lead));
      progress.leadId = leadId;
      await saveState({ leadId });
    }
    if (leadQuote && progress.leadQuoteId === undefined) {
      const sent = sentAt(progress.quoteSentAt);
      if (sent !== undefined) {
        await settle(sent, this.#settleMs, signal);
        const found = await this.#findQuote(progress.leadId, leadQuote);
        if (found !== undefined) {
          progress.leadQuoteId = found;
          await saveState({ leadQuoteId: found });
        }
      }
    }
    if (leadQuote && progress.leadQuoteId === undefined) {
      const leadId = progress.leadId;
      const { quoteId } = await step('quoteSentAt', () => this.client.createLeadQuote(leadId, leadQuote));
      progress.leadQuoteId = quoteId;
      // Saved at once, like the lead: if marking the row delivered fails, the retry must not attach the quote again.
      await saveState({ leadQuoteId: quoteId });
    }
    return { leadId: progress.leadId, ...(progress.leadQuoteId === undefined ? {} : { leadQuoteId: progress.leadQuoteId }) };
  }

  /**
   * The lead an earlier try made for this submission, if it exists: lead search has no filter on
   * our reference, so the shopper's email narrows it to a few leads made since the day before the
   * try (AgencyZoom's dates are the agency's own days), and the reference line in their notes
   * (the lead's `comments`) picks ours. The oldest wins if a try made two.
   */
  async #findLead(email: string, reference: string, sent: number, signal: AbortSignal): Promise<number | undefined> {
    signal.throwIfAborted();
    const startDate = new Date(sent - DAY_MS).toISOString().slice(0, 10);
    const { leads } = await this.client.searchLeads({ customerEmail: email, startDate, pageSize: SEARCH_PAGE });
    const line = referenceLine(reference);
    const candidates = leads
      .filter((lead): lead is typeof lead & { id: number } => typeof lead.id === 'number' && sameEmail(lead.email, email))
      .sort((a, b) => a.id - b.id);
    let reads = 0;
    for (const lead of candidates) {
      let comments = lead.comments;
      if (comments === undefined && reads < MAX_DETAIL_READS) {
        reads++;
        signal.throwIfAborted();
        comments = (await this.client.getLead(lead.id)).comments;
      }
      if (comments?.split('\n').includes(line)) return lead.id;
    }
    return undefined;
  }

  /** The lead quote an earlier try attached: same carrier, same premium (a lead we made carries no other). */
  async #findQuote(leadId: number, quote: LeadQuoteCreateRequest): Promise<number | undefined> {
    const quotes = await this.client.getLeadQuotes(leadId);
    const carrier = quote.standardCarrierCode?.toUpperCase();
    const found = quotes
      .filter((q) => q.premium === quote.premium && (carrier === undefined || q.standardCarrierCode?.toUpperCase() === carrier))
      .sort((a, b) => a.id - b.id)[0];
    return found?.id;
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

const sameEmail = (found: string | null | undefined, wanted: string) => found?.trim().toLowerCase() === wanted.trim().toLowerCase();

/** What an AgencyZoom delivery shows: the lead it made and the lead quote attached to it. */
export function agencyZoomResult(state: Readonly<Record<string, unknown>>): DeliveryResult {
  const ids = {
    ...(typeof state.leadId === 'number' ? { leadId: state.leadId } : {}),
    ...(typeof state.leadQuoteId === 'number' ? { leadQuoteId: state.leadQuoteId } : {}),
  };
  return Object.keys(ids).length > 0 ? { vendorIds: ids } : {};
}
