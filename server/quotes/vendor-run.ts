/**
 * The task of one vendor's share of a quote request: run the vendor's source
 * to its end under the request's deadline, record each carrier's quote as its
 * status changes, and settle the run. A vendor failing, timing out or refusing
 * the applicant is that vendor's outcome, told to the shopper in plain words;
 * it never stops the other vendors. Leases, renewals and shutdown are the
 * work runner's (work/runner.ts).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { type Quote, Quote as QuoteSchema, type QuoteVendor } from '../../contract/index.ts';
import { type Task, untilAborted } from '../work/runner.ts';
import { forShopper } from './shopper-quote.ts';
import type { CarrierQuote, QuoteSource, SourceOutcome } from './sources/source.ts';
import type { QuoteRequestRecord, QuoteStore, RunKey, VendorRunRecord } from './store.ts';

/** A vendor run with the request it belongs to: what the runner works on. */
export type VendorRunJob = VendorRunRecord & { request: QuoteRequestRecord };

const quoteId = (requestId: string, vendor: QuoteVendor, carrierCode: string) => `${requestId}:${vendor}:${carrierCode}`;

export function vendorRunTask({
  store,
  sources,
  logger,
  maxAttempts,
}: {
  store: QuoteStore;
  sources: ReadonlyMap<QuoteVendor, QuoteSource>;
  logger: Logger;
  /** A run taken over more often than this ends in an error instead of another try. */
  maxAttempts: number;
}): Task<VendorRunJob> {
  const nameOf = (vendor: QuoteVendor) => sources.get(vendor)?.displayName ?? vendor;

  /** Records quotes as the shopper is shown them: priced ones compared like for like, the others with a message code. */
  const record = (requestId: string, quotes: Quote[]) => store.recordQuotes(requestId, quotes.map(forShopper));

  /**
   * A vendor's answer that does not fit our contract (an empty pay-plan name, a
   * zero term) is shown as that carrier's error, never stored as it came: a
   * stream must be able to send every event it has.
   */
  function checked(quote: Quote): Quote {
    const parsed = QuoteSchema.safeParse(quote);
    if (parsed.success) return parsed.data;
    const at = parsed.error.issues[0]?.path.join('.') ?? 'quote';
    logger.warn({ vendor: quote.vendor, carrierCode: quote.carrierCode, at }, 'vendor quote does not fit the contract');
    return {
      id: quote.id,
      vendor: quote.vendor,
      carrierCode: quote.carrierCode,
      carrierName: quote.carrierName || quote.carrierCode,
      status: 'error',
      message: `${quote.carrierName || 'This carrier'} sent a quote we could not read`,
    };
  }

  async function report(requestId: string, vendor: QuoteVendor, carrierQuotes: CarrierQuote[], reported: Map<string, Quote>) {
    const changed: Quote[] = [];
    for (const carrierQuote of carrierQuotes) {
      const quote = checked({ ...carrierQuote, id: quoteId(requestId, vendor, carrierQuote.carrierCode), vendor });
      if (reported.get(quote.id)?.status === quote.status) continue;
      reported.set(quote.id, quote);
      changed.push(quote);
    }
    await record(requestId, changed);
  }

  /**
   * Ends a run: carriers still pending get an error saying the wait is over,
   * the run is settled, and the request completes if it was the last one.
   */
  async function finish(request: QuoteRequestRecord, run: RunKey, outcome: SourceOutcome, reported: Map<string, Quote>, owner: string) {
    const unanswered: Quote[] = [];
    for (const quote of reported.values()) {
      if (quote.status !== 'pending') continue;
      const message = outcome.status === 'error' && outcome.message ? outcome.message : `${quote.carrierName} did not answer in time`;
      unanswered.push({ ...quote, status: 'error', message });
    }
    for (const quote of unanswered) reported.set(quote.id, quote);
    await record(request.id, unanswered);
    if (reported.size === 0 && outcome.status === 'error') {
      // Nothing was shown for this vendor yet: one entry tells the shopper what happened.
      const vendorQuote: Quote = {
        id: quoteId(request.id, run.vendor, run.vendor.toUpperCase()),
        vendor: run.vendor,
        carrierCode: run.vendor.toUpperCase(),
        carrierName: nameOf(run.vendor),
        status: 'error',
        message: outcome.message ?? `${nameOf(run.vendor)} could not give quotes right now`,
      };
      await record(request.id, [vendorQuote]);
    }
    // Only the lease holder settles a run (nothing happens when another process has taken it over
    // meanwhile); the last run to settle completes the request.
    await store.settleRun(run, outcome.status, outcome.message, owner);
  }

  return async (run, { signal, owner, leaseMs, leaseLost }) => {
    const { request } = run;
    const log = { quoteRequestId: run.quoteRequestId, vendor: run.vendor, attempt: run.attempts };
    if (run.attempts > 1) logger.info(log, 'taking over an abandoned quote run');
    if (run.attempts > maxAttempts) {
      const message = `${nameOf(run.vendor)} could not finish after ${run.attempts - 1} tries`;
      // What the earlier tries showed: their pending carriers end with this error too.
      await finish(request, run, { status: 'error', message }, await store.latestStatuses(request.id, run.vendor), owner);
      return;
    }
    // A run this process just created has shown nothing yet; one taken over may have.
    const reported =
      run.attempts > 1 || Object.keys(run.state).length > 0 ? await store.latestStatuses(request.id, run.vendor) : new Map<string, Quote>();
    const source = sources.get(run.vendor);
    if (!source) {
      await finish(request, run, { status: 'error', message: `${run.vendor} is not enabled on this server` }, reported, owner);
      return;
    }
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), Math.max(0, request.deadlineAt.getTime() - Date.now()));
    const stopped = AbortSignal.any([signal, deadline.signal]);
    try {
      const outcome = await untilAborted(
        source.run({
          requestId: request.id,
          body: request.body,
          state: run.state,
          signal: stopped,
          saveState: async (state) => {
            if (!(await store.saveState(run, owner, state, leaseMs))) leaseLost('held by another process or settled');
          },
          // A stopped run's late answers are not shown: its end has been (or will be) recorded.
          report: async (...quotes) => (stopped.aborted ? undefined : report(request.id, run.vendor, quotes, reported)),
          sleep: (ms) => sleep(ms, undefined, { signal: stopped }),
        }),
        stopped,
      );
      await finish(request, run, outcome, reported, owner);
    } catch (error) {
      // Shutting down (the runner hands the run back) or the lease is gone (its holder carries on).
      if (signal.aborted) throw signal.reason;
      if (deadline.signal.aborted) {
        const seconds = Math.round((request.deadlineAt.getTime() - request.createdAt.getTime()) / 1000);
        const message = `We stopped waiting for ${nameOf(run.vendor)} after ${seconds} seconds`;
        await finish(request, run, { status: 'error', message }, reported, owner);
      } else {
        logger.warn({ ...log, err: error }, 'quote run failed');
        await finish(request, run, { status: 'error', message: `${nameOf(run.vendor)} could not give quotes right now` }, reported, owner);
      }
    } finally {
      clearTimeout(timer);
    }
  };
}
