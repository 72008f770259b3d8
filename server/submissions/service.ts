/**
 * Taking a submission and reading submissions back. A submission is stored
 * (with its idempotency key and its outbox rows, in one statement) before
 * anything is answered; its deliveries start at once, and the shopper waits
 * at most `flowUrlWaitMs` for the shopper's link (the first try of the
 * targets that give it, vendors/index.ts SHOPPER_WAITS_FOR), and not at all
 * when that target's rate limit holds its call past the wait. A slow or failing vendor
 * never fails a submission: it is answered `delivering` and the outbox goes on.
 */
import type { LinkMode, Submission, SubmissionBody, SubmissionCreated, SubmissionPage } from '../../contract/index.ts';
import type { Dealer } from '../auth/dealers.ts';
import type { SessionRecord } from '../auth/sessions.ts';
import { ApiError } from '../http/errors.ts';
import { SHOPPER_WAITS_FOR } from '../vendors/index.ts';
import { consentRecord, type SubmitContext } from './consent.ts';
import { requestHash } from './idempotency.ts';
import { type ConnectionLookup, checkConnection, type QuoteLookup, selectedQuoteOf } from './selected-quote.ts';
import type { StoredKey, SubmissionRecord, SubmissionStore } from './store.ts';
import { createdView, submissionView } from './views.ts';
import type { DeliveryWorker } from './worker.ts';

export type SubmitResult = { status: 201; body: SubmissionCreated; replayed: boolean };

export type SubmissionsOptions = {
  /** How long POST /v1/submissions waits for the first try of the targets that give the shopper's link. */
  flowUrlWaitMs: number;
  /** Submissions younger than this are not listed yet (see SubmissionStore.listForDealer). */
  listSettleMs: number;
  /** POST /v1/submissions allowed per minute per session. */
  perSessionPerMinute: number;
  /** The server's mode: which stored vendor links may be shown (contract/links.ts). */
  links: LinkMode;
};

const conflict = () =>
  new ApiError(409, 'conflict', 'This Idempotency-Key was already used for a different submission; send a new key with a new submission');

/** Resolves when `work` settles or after `ms`, whichever comes first; never rejects. */
async function waitAtMost(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work.catch(() => {}), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

export class Submissions {
  constructor(
    readonly store: SubmissionStore,
    readonly worker: DeliveryWorker,
    private readonly quotes: QuoteLookup,
    private readonly connections: ConnectionLookup,
    readonly options: SubmissionsOptions,
  ) {}

  #closing?: Promise<void>;

  /** The longest close() takes: the longest vendor timeout of a delivery, and recording its result. */
  get stopGraceMs(): number {
    return this.worker.stopGraceMs;
  }

  /**
   * Stops claiming deliveries and sending to vendors; calls already sent are
   * waited for (at most `stopGraceMs`) and recorded, so close the database
   * only after this resolves. Interrupted deliveries resume in another process
   * or after a restart.
   */
  close(): Promise<void> {
    this.#closing ??= this.worker.stop();
    return this.#closing;
  }

  async submit(
    { session, dealer }: { session: SessionRecord; dealer: Dealer },
    idempotencyKey: string,
    body: SubmissionBody,
    from: SubmitContext,
  ): Promise<SubmitResult> {
    const hash = requestHash(body);
    const known = await this.store.findKey(session.id, idempotencyKey);
    if (known) return this.#replay(known, hash);
    const consent = consentRecord(body, { dealer, session }, from, new Date());
    const { selectedQuote, quotes } = await selectedQuoteOf(this.quotes, session.id, body);
    await checkConnection(this.connections, session.id, body);
    const created = await this.store.create({
      sessionId: session.id,
      clientId: session.clientId,
      externalRef: session.externalRef,
      body,
      selectedQuote,
      quotes,
      consent,
      idempotencyKey,
      requestHash: hash,
      targets: this.worker.targets,
      owner: this.worker.owner,
      leaseMs: this.worker.leaseMs,
    });
    if (!created) {
      // The same key arrived twice at once and the other request stored it first.
      const raced = await this.store.findKey(session.id, idempotencyKey);
      if (!raced) throw new Error('idempotency key vanished');
      return this.#replay(raced, hash);
    }
    const { submission } = created;
    // A link whose call cannot even leave within the wait (the vendor's own rate limit, at a busy time) is not
    // waited for: the answer says it is on its way, and the shopper's thank-you shows it when it comes.
    const { flowUrlWaitMs } = this.options;
    const tries = this.worker.deliverNow(submission, created.deliveries);
    const givingTheLink = [...tries]
      .filter(([target]) => SHOPPER_WAITS_FOR.includes(target) && this.worker.waitBeforeCallMs(target) < flowUrlWaitMs)
      .map(([, first]) => first);
    if (givingTheLink.length > 0) await waitAtMost(Promise.all(givingTheLink), flowUrlWaitMs);
    const answer = await this.#createdAnswer(submission);
    await this.store.saveResponse(session.id, idempotencyKey, 201, answer);
    return { status: 201, body: answer, replayed: false };
  }

  /** What the shopper sees of a submission their session made (its link, once it has come), or undefined. */
  async readForSession(sessionId: string, id: string): Promise<SubmissionCreated | undefined> {
    const submission = await this.store.findForSession(sessionId, id);
    return submission ? this.#createdAnswer(submission) : undefined;
  }

  /** The dealer's own submission, or undefined (another dealer's looks exactly like none). */
  async read(clientId: string, id: string): Promise<Submission | undefined> {
    const submission = await this.store.get(id);
    if (!submission || submission.clientId !== clientId) return undefined;
    return (await this.#views([submission]))[0];
  }

  async list(clientId: string, query: { since?: Date; limit: number; reference?: string }): Promise<SubmissionPage> {
    if (query.reference) {
      // The shopper read their reference out on the phone: that one submission, or none.
      const found = await this.store.findByReference(clientId, query.reference);
      return { submissions: found ? await this.#views([found]) : [], hasMore: false };
    }
    const page = await this.store.listForDealer(clientId, {
      since: query.since ?? new Date(0),
      limit: query.limit,
      settleMs: this.options.listSettleMs,
    });
    const last = page.submissions.at(-1);
    return {
      submissions: await this.#views(page.submissions),
      hasMore: page.hasMore,
      ...(last ? { nextSince: last.createdAt.toISOString() } : {}),
    };
  }

  async #views(submissions: SubmissionRecord[]): Promise<Submission[]> {
    const deliveries = await this.store.deliveries(submissions.map((s) => s.id));
    return submissions.map((s) => submissionView(s, deliveries.get(s.id) ?? [], this.options.links));
  }

  async #createdAnswer(submission: Pick<SubmissionRecord, 'id' | 'reference'>): Promise<SubmissionCreated> {
    const deliveries = await this.store.deliveries([submission.id]);
    return createdView(submission, deliveries.get(submission.id) ?? [], this.options.links);
  }

  /** The same key again: the same body gets the first answer, another body is a conflict. */
  async #replay(known: StoredKey, hash: string): Promise<SubmitResult> {
    if (known.requestHash !== hash) throw conflict();
    // The first request is still answering (or its process died before it could): the state so far.
    const stored = known.response ? undefined : await this.store.get(known.submissionId);
    const body = (known.response?.body as SubmissionCreated | undefined) ?? (stored ? await this.#createdAnswer(stored) : undefined);
    if (!body) throw new Error('submission of a stored idempotency key vanished');
    return { status: 201, body, replayed: true };
  }
}
