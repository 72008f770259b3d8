/**
 * Runs quote requests: every enabled vendor at once, each under its own lease
 * and the request's overall deadline. A vendor failing, timing out or refusing
 * the applicant never stops the others, and its reason reaches the shopper in
 * plain words. A sweeper takes over runs whose process died (their lease
 * lapsed) and finishes requests whose deadline passed, so no request stays
 * pending forever.
 */

import type { Logger } from 'pino';
import { type Quote, Quote as QuoteSchema, type QuoteVendor } from '../../contract/index.ts';
import { newId } from '../db/ids.ts';
import { forShopper } from './shopper-quote.ts';
import type { CarrierQuote, QuoteSource, SourceOutcome } from './sources/source.ts';
import type { QuoteRequestRecord, QuoteStore, RunKey, VendorRunRecord } from './store.ts';

export type QuoteRunnerOptions = {
  /** How long a lease lasts; renewed at a third of it while the run is alive. */
  leaseMs: number;
  /** How often to look for abandoned runs and overdue requests. */
  sweepIntervalMs: number;
  /** A run taken over more often than this ends in an error instead of another try. */
  maxAttempts: number;
};

const DEFAULTS: QuoteRunnerOptions = { leaseMs: 15_000, sweepIntervalMs: 2_000, maxAttempts: 3 };

/** Why a run stopped before its source finished. */
type StopReason = 'deadline' | 'shutdown' | 'lease_lost';

const quoteId = (requestId: string, vendor: QuoteVendor, carrierCode: string) => `${requestId}:${vendor}:${carrierCode}`;

export class QuoteRunner {
  /** Identifies this process's leases. */
  readonly owner = newId('proc');
  readonly #sources: Map<QuoteVendor, QuoteSource>;
  readonly #options: QuoteRunnerOptions;
  readonly #active = new Map<string, { controller: AbortController; run: RunKey; finished: Promise<void> }>();
  #sweeper?: NodeJS.Timeout;
  #sweeping?: Promise<void>;
  #stopped = false;

  constructor(
    private readonly store: QuoteStore,
    sources: readonly QuoteSource[],
    private readonly logger: Logger,
    options: Partial<QuoteRunnerOptions> = {},
  ) {
    this.#sources = new Map(sources.map((s) => [s.vendor, s]));
    this.#options = { ...DEFAULTS, ...options };
  }

  get vendors(): QuoteVendor[] {
    return [...this.#sources.keys()];
  }

  get leaseMs() {
    return this.#options.leaseMs;
  }

  /** Starts every vendor of a request this process has just created (and leased). */
  start(request: QuoteRequestRecord) {
    for (const vendor of this.#sources.keys())
      this.#launch(request, { quoteRequestId: request.id, vendor, status: 'pending', state: {}, attempts: 1 });
  }

  startSweeper() {
    this.#sweeper = setInterval(() => void this.sweep(), this.#options.sweepIntervalMs);
    this.#sweeper.unref();
    void this.sweep();
  }

  /** Takes over abandoned runs and closes requests whose runs all finished. Safe to call at any time. */
  sweep(): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    this.#sweeping ??= this.#sweepOnce().finally(() => {
      this.#sweeping = undefined;
    });
    return this.#sweeping;
  }

  async #sweepOnce(): Promise<void> {
    try {
      for (const run of await this.store.claimAbandoned(this.owner, this.#options.leaseMs)) {
        this.logger.info(
          { quoteRequestId: run.quoteRequestId, vendor: run.vendor, attempt: run.attempts },
          'taking over an abandoned quote run',
        );
        if (run.attempts > this.#options.maxAttempts) {
          await this.#finish(
            run.request,
            run,
            { status: 'error', message: `${this.#name(run.vendor)} could not finish after ${run.attempts - 1} tries` },
            new Map(),
          );
        } else {
          this.#launch(run.request, run);
        }
      }
      for (const id of await this.store.settledButPending()) await this.store.completeIfSettled(id);
    } catch (error) {
      this.logger.error({ err: error }, 'quote sweep failed');
    }
  }

  /** Stops every run without finishing it and lets go of its lease, so another process (or a restart) resumes it. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#sweeper) clearInterval(this.#sweeper);
    // A sweep under way may still launch what it claimed; let it, then stop everything.
    await this.#sweeping;
    for (const { controller } of this.#active.values()) controller.abort('shutdown' satisfies StopReason);
    await Promise.allSettled([...this.#active.values()].map((a) => a.finished));
  }

  #name(vendor: QuoteVendor) {
    return this.#sources.get(vendor)?.displayName ?? vendor;
  }

  #launch(request: QuoteRequestRecord, run: VendorRunRecord) {
    const key = `${run.quoteRequestId}/${run.vendor}`;
    if (this.#active.has(key)) return;
    if (this.#stopped) {
      // Shutting down: hand the run straight back so another process (or the restart) takes it.
      void this.store.releaseLease(run, this.owner).catch(() => {});
      return;
    }
    const controller = new AbortController();
    const finished = this.#execute(request, run, controller)
      .catch((error: unknown) => {
        // The run's end could not be recorded (the database is away): its lease lapses and a sweep finishes it.
        this.logger.error({ err: error, quoteRequestId: run.quoteRequestId, vendor: run.vendor }, 'quote run could not be recorded');
      })
      .finally(() => this.#active.delete(key));
    this.#active.set(key, { controller, run, finished });
  }

  async #execute(request: QuoteRequestRecord, run: VendorRunRecord, controller: AbortController): Promise<void> {
    const source = this.#sources.get(run.vendor);
    const { signal } = controller;
    // A run this process just created has shown nothing yet; one taken over may have.
    const reported =
      run.attempts > 1 || Object.keys(run.state).length > 0
        ? await this.store.latestStatuses(request.id, run.vendor)
        : new Map<string, Quote>();
    if (!source) {
      await this.#finish(request, run, { status: 'error', message: `${run.vendor} is not enabled on this server` }, reported);
      return;
    }
    const untilDeadline = request.deadlineAt.getTime() - Date.now();
    const deadline = setTimeout(() => controller.abort('deadline' satisfies StopReason), Math.max(0, untilDeadline));
    const renew = setInterval(async () => {
      if (!(await this.store.renewLease(run, this.owner, this.#options.leaseMs).catch(() => false)))
        controller.abort('lease_lost' satisfies StopReason);
    }, this.#options.leaseMs / 3);
    const stopped = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
    stopped.catch(() => {});
    try {
      const outcome = await Promise.race([
        source.run({
          requestId: request.id,
          body: request.body,
          state: run.state,
          signal,
          saveState: async (state) => {
            if (!(await this.store.saveState(run, this.owner, state, this.#options.leaseMs)))
              controller.abort('lease_lost' satisfies StopReason);
          },
          report: (...quotes) => this.#report(request.id, run.vendor, quotes, reported, signal),
          sleep: (ms) => Promise.race([new Promise<void>((resolve) => setTimeout(resolve, ms)), stopped]),
        }),
        stopped,
      ]);
      await this.#finish(request, run, outcome, reported);
    } catch (error) {
      const reason = signal.aborted ? (signal.reason as StopReason) : undefined;
      if (reason === 'shutdown') {
        await this.store.releaseLease(run, this.owner).catch(() => {});
      } else if (reason === 'deadline') {
        const seconds = Math.round((request.deadlineAt.getTime() - request.createdAt.getTime()) / 1000);
        await this.#finish(
          request,
          run,
          { status: 'error', message: `We stopped waiting for ${this.#name(run.vendor)} after ${seconds} seconds` },
          reported,
        );
      } else if (reason !== 'lease_lost') {
        this.logger.warn({ err: error, quoteRequestId: request.id, vendor: run.vendor }, 'quote run failed');
        await this.#finish(
          request,
          run,
          { status: 'error', message: `${this.#name(run.vendor)} could not give quotes right now` },
          reported,
        );
      }
    } finally {
      clearTimeout(deadline);
      clearInterval(renew);
    }
  }

  async #report(requestId: string, vendor: QuoteVendor, carrierQuotes: CarrierQuote[], reported: Map<string, Quote>, signal: AbortSignal) {
    // A stopped run's late answers are not shown: the run's end has been (or will be) recorded.
    if (signal.aborted) return;
    const changed: Quote[] = [];
    for (const carrierQuote of carrierQuotes) {
      const quote = this.#checked({ ...carrierQuote, id: quoteId(requestId, vendor, carrierQuote.carrierCode), vendor });
      if (reported.get(quote.id)?.status === quote.status) continue;
      reported.set(quote.id, quote);
      changed.push(quote);
    }
    await this.#record(requestId, changed);
  }

  /** Records quotes as the shopper is shown them: priced ones compared like for like, the others with a message code. */
  #record(requestId: string, quotes: Quote[]) {
    return this.store.recordQuotes(requestId, quotes.map(forShopper));
  }

  /**
   * A vendor's answer that does not fit our contract (an empty pay-plan name, a
   * zero term) is shown as that carrier's error, never stored as it came: a
   * stream must be able to send every event it has.
   */
  #checked(quote: Quote): Quote {
    const parsed = QuoteSchema.safeParse(quote);
    if (parsed.success) return parsed.data;
    const at = parsed.error.issues[0]?.path.join('.') ?? 'quote';
    this.logger.warn({ vendor: quote.vendor, carrierCode: quote.carrierCode, at }, 'vendor quote does not fit the contract');
    return {
      id: quote.id,
      vendor: quote.vendor,
      carrierCode: quote.carrierCode,
      carrierName: quote.carrierName || quote.carrierCode,
      status: 'error',
      message: `${quote.carrierName || 'This carrier'} sent a quote we could not read`,
    };
  }

  /**
   * Ends a run: carriers still pending get an error saying the wait is over,
   * the run is settled, and the request completes if it was the last one.
   */
  async #finish(
    request: QuoteRequestRecord,
    run: RunKey,
    outcome: SourceOutcome,
    reported: Map<string, Quote>,
    owner: string = this.owner,
  ) {
    const unanswered: Quote[] = [];
    for (const quote of reported.values()) {
      if (quote.status !== 'pending') continue;
      const message = outcome.status === 'error' && outcome.message ? outcome.message : `${quote.carrierName} did not answer in time`;
      unanswered.push({ ...quote, status: 'error', message });
    }
    for (const quote of unanswered) reported.set(quote.id, quote);
    await this.#record(request.id, unanswered);
    if (reported.size === 0 && outcome.status === 'error') {
      // Nothing was shown for this vendor yet: one entry tells the shopper what happened.
      const vendorQuote: Quote = {
        id: quoteId(request.id, run.vendor, run.vendor.toUpperCase()),
        vendor: run.vendor,
        carrierCode: run.vendor.toUpperCase(),
        carrierName: this.#name(run.vendor),
        status: 'error',
        message: outcome.message ?? `${this.#name(run.vendor)} could not give quotes right now`,
      };
      await this.#record(request.id, [vendorQuote]);
    }
    // Only the lease holder settles a run it was working on; the sweeper settles runs it gave up on.
    if (!(await this.store.settleRun(run, outcome.status, outcome.message, owner))) return;
    await this.store.completeIfSettled(request.id);
  }
}
