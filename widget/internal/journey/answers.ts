/**
 * The shopper's answers: the draft (pre-filled from the session and from what
 * the dealer's page knows, or from a policy the shopper already holds), whether they are insured now, the
 * server's field errors still to be fixed, and where a pre-fill came from.
 */
import type { Insurer, SessionInfo } from '../../../contract/session.ts';
import { type Draft, draftFrom } from '../draft.ts';
import type { PolicyAnswers } from '../policies.ts';

/** What the dealer's page knows before the shopper says anything: the car it is selling, perhaps the shopper's ZIP. */
export type PageKnows = { vin?: string; postalCode?: string };

export class Answers {
  draft: Draft = {};
  /** The answer to "Do you have car insurance now?"; undefined until answered. */
  insuredNow?: boolean;
  /** The server's field errors from the last request, by path, until the shopper changes that field. */
  serverErrors: Record<string, string[]> = {};
  /** The connection whose policy pre-filled these answers: submitted with them. */
  connectionId?: string;
  /** The insurer whose policy pre-filled these answers, for the note on the first step. */
  prefilledFrom?: string;
  /** The server's insurers, by which a policy's issuer id is named. */
  insurers: readonly Insurer[] = [];
  /** The VIN of the car the dealer's page is selling: it stays the first vehicle when a policy fills the answers. */
  pageVin?: string;
  /** A policy filled the vehicles and the page's car was put before the policy's: the vehicles step says so. */
  pageCarFirst = false;

  /**
   * The dealer's pre-fill becomes the first answers, with the page's car as the
   * vehicle when the session names none (the vehicles step decodes its VIN) and
   * the page's ZIP code when the session has no address.
   */
  begin(session: SessionInfo, page: PageKnows = {}) {
    const vin = page.vin?.trim().toUpperCase() || undefined;
    this.pageVin = vin;
    this.pageCarFirst = false;
    this.draft = draftFrom(vin && !session.prefill.vehicles?.length ? { ...session.prefill, vehicles: [{ vin }] } : session.prefill);
    const postalCode = page.postalCode?.trim();
    if (postalCode && !this.draft.address?.postalCode) this.draft.address = { ...this.draft.address, postalCode };
    this.insuredNow = session.prefill.priorInsurance ? true : undefined;
    this.serverErrors = {};
    this.connectionId = undefined;
    this.prefilledFrom = undefined;
    // A server older than the list sends none: ids are then shown as they are.
    this.insurers = session.insurers ?? [];
  }

  /** An auto policy (from the shopper's insurer, or found by lookup) becomes the answers (policies.ts reads it, in the steps' chunks). */
  fromPolicy({ draft, insuredNow, issuer }: PolicyAnswers, connectionId?: string) {
    this.pageCarFirst = Boolean(this.pageVin) && (draft.vehicles?.length ?? 0) > 1;
    this.draft = draft;
    this.insuredNow = insuredNow || this.insuredNow;
    this.serverErrors = {};
    this.connectionId = connectionId;
    this.prefilledFrom = issuer;
  }
}
