/**
 * What the sandbox receives, kept in memory: leads and their quotes. Nothing
 * is merged or de-duplicated (AgencyZoom does not document that it would), so
 * a lead sent twice shows up twice in lead search. Ids count up from fixed
 * starts and times come from the sandbox clock, so a run is reproducible.
 */
import type { z } from 'zod';
import { LEAD_STATUS, type LeadCreateRequest, type LeadQuoteCreateRequest } from '../schemas.ts';

export type LeadInput = z.output<typeof LeadCreateRequest>;
export type QuoteInput = z.output<typeof LeadQuoteCreateRequest>;

export type StoredQuote = QuoteInput & { id: number; createdAt: Date };

export type StoredLead = LeadInput & {
  id: number;
  status: number;
  /** Employee id of the account that created it, when the account is an employee. */
  creator: number | null;
  createdAt: Date;
  enterStageAt: Date;
  lastActivityAt: Date;
  quotes: StoredQuote[];
};

const FIRST_LEAD_ID = 1001;
const FIRST_QUOTE_ID = 5001;

export class LeadStore {
  readonly #leads = new Map<number, StoredLead>();
  #nextLead = FIRST_LEAD_ID;
  #nextQuote = FIRST_QUOTE_ID;

  constructor(private readonly now: () => Date) {}

  create(input: LeadInput, creator: number | null): StoredLead {
    const at = this.now();
    const lead: StoredLead = {
      ...input,
      id: this.#nextLead++,
      status: LEAD_STATUS.NEW,
      creator,
      createdAt: at,
      enterStageAt: at,
      lastActivityAt: at,
      quotes: [],
    };
    this.#leads.set(lead.id, lead);
    return lead;
  }

  get(id: number): StoredLead | undefined {
    return this.#leads.get(id);
  }

  all(): StoredLead[] {
    return [...this.#leads.values()];
  }

  /** A quote makes a new lead QUOTED, as quoting it in AgencyZoom would; later statuses are left alone. */
  addQuote(lead: StoredLead, input: QuoteInput): StoredQuote {
    const at = this.now();
    const quote: StoredQuote = { ...input, id: this.#nextQuote++, createdAt: at };
    lead.quotes.push(quote);
    lead.lastActivityAt = at;
    if (lead.status === LEAD_STATUS.NEW) lead.status = LEAD_STATUS.QUOTED;
    lead.quoteDate ??= at.toISOString().slice(0, 10);
    return quote;
  }
}
