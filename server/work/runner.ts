/**
 * The one leased-work runner. Every kind of background work (quote runs,
 * submission deliveries, next webhook deliveries) is a queue adapter (the SQL
 * that claims, renews and releases its rows) plus a task handler
 * `(job, { signal, ... })`, the shape of graphile-worker's tasks; the runner
 * owns everything in between, once:
 *   - a lease owner id per runner, so two runners in one process never share a lease;
 *   - work this process has just stored (and leased in the same statement)
 *     starts at once with run(), with no claim round trip;
 *   - a poller claims due and abandoned jobs (the adapter's FOR UPDATE SKIP
 *     LOCKED) within the room `concurrency` leaves;
 *   - while a try runs its lease is renewed every third of its length (pg-boss's
 *     heartbeat), and a lapse timer aborts the try once the lease may have run
 *     out (renewals failed for a whole lease) or a renewal finds it gone;
 *   - each try has an AbortController whose reason is a WorkInterrupted;
 *   - stop() claims nothing more, aborts every try, waits up to `stopGraceMs`
 *     for them and hands back (releases) what they did not finish.
 * A handler checks its signal between calls it must not repeat, settles its
 * own job (done, retried later, failed) and throws the signal's reason when it
 * stops early. Retry delays come from backoff.ts.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { newId } from '../db/ids.ts';
import { persistently } from './persistently.ts';

/** Why a try was told to stop: the reason of its signal. */
export class WorkInterrupted extends Error {
  constructor(
    readonly why: 'lease_lost' | 'stopping',
    /** How the lease was lost ("not renewed in time"), for the log. */
    readonly detail?: string,
  ) {
    super(why === 'lease_lost' ? 'the lease was lost' : 'the server is stopping');
    this.name = 'WorkInterrupted';
  }
}

/** One kind of leased work in the database. Each method is one conditional statement. */
export type WorkQueue<Job> = {
  /** One job of this kind in words, for log lines ("submission delivery"). */
  readonly kind: string;
  /** Names a job: this process runs one try of it at a time. */
  key(job: Job): string;
  /** What log lines say of a job: ids and the attempt, never personal data. */
  describe(job: Job): Record<string, unknown>;
  /** Leases up to `limit` jobs that are due and not leased (or whose lease lapsed) to `owner`, counting the try. */
  claim(owner: string, leaseMs: number, limit: number): Promise<Job[]>;
  /** Extends `owner`'s lease; false when the job is no longer its (taken over, or settled). */
  renew(job: Job, owner: string, leaseMs: number): Promise<boolean>;
  /** Lets go of `owner`'s lease, due at once, so another process (or the restart) takes the job. */
  release(job: Job, owner: string): Promise<void>;
  /** Housekeeping after each claim (e.g. completing quote requests whose runs all ended). */
  tidy?(): Promise<void>;
};

type TaskHelpers = {
  /** Aborted with a WorkInterrupted when the try must send nothing more: the lease is gone, or the process is stopping. */
  signal: AbortSignal;
  /** This runner's lease owner id, for the handler's own conditional writes. */
  owner: string;
  leaseMs: number;
  /** A write of the handler's found the lease held by someone else: aborts the try. */
  leaseLost(detail: string): void;
};

/** Works on one leased job until it is settled, or throws the signal's reason when stopped early. */
export type Task<Job> = (job: Job, helpers: TaskHelpers) => Promise<void>;

export type WorkRunnerOptions = {
  leaseMs: number;
  /** How often due jobs are claimed. */
  pollMs: number;
  /** Claim at once on start() (takes over what a dead process left right away) or only after the first interval. */
  pollAtStart: boolean;
  /** Jobs claimed per poll at most. */
  batchSize: number;
  /** Tries running at once in this process at most (run() counts too, and is never refused). */
  concurrency: number;
  /** How long stop() waits for tries under way; what is still out after it is left to its lease. */
  stopGraceMs: number;
};

const DEFAULTS: Omit<WorkRunnerOptions, 'leaseMs' | 'pollMs'> = {
  pollAtStart: false,
  batchSize: 20,
  concurrency: Number.POSITIVE_INFINITY,
  stopGraceMs: 5_000,
};

export class WorkRunner<Job> {
  /** Identifies this runner's leases. */
  readonly owner = newId('proc');
  readonly #options: WorkRunnerOptions;
  /** Tries running in this process, with what interrupts each. */
  readonly #active = new Map<string, { done: Promise<void>; controller: AbortController }>();
  #poller?: NodeJS.Timeout;
  /** The poll under way (it may be launching jobs it claimed). */
  #polling?: Promise<void>;
  #stopping = false;
  /** stop() has resolved: the database may be closed, so late failures are expected and not logged. */
  #stopped = false;

  constructor(
    private readonly queue: WorkQueue<Job>,
    private readonly task: Task<Job>,
    private readonly logger: Logger,
    options: Pick<WorkRunnerOptions, 'leaseMs' | 'pollMs'> & Partial<WorkRunnerOptions>,
  ) {
    this.#options = { ...DEFAULTS, ...options };
  }

  get leaseMs() {
    return this.#options.leaseMs;
  }

  get stopGraceMs() {
    return this.#options.stopGraceMs;
  }

  /** Starts polling for due jobs. */
  start() {
    this.#poller = setInterval(() => void this.poll(), this.#options.pollMs);
    this.#poller.unref();
    if (this.#options.pollAtStart) void this.poll();
  }

  /**
   * Runs a job this process has just leased itself (when storing it), at once.
   * Resolves when the try has ended, whatever its outcome; a job already
   * running here gets that try's promise.
   */
  run(job: Job): Promise<void> {
    return this.#launch(job, Date.now());
  }

  /** Claims due jobs and runs them. Safe to call at any time; one poll runs at a time. */
  poll(): Promise<void> {
    if (this.#stopping) return this.#polling ?? Promise.resolve();
    this.#polling ??= this.#claimAndLaunch().finally(() => {
      this.#polling = undefined;
    });
    return this.#polling;
  }

  /**
   * Claims nothing more and aborts every try, then waits (at most stopGraceMs)
   * for them: a handler finishes the call it has sent and records it, and what
   * is left unfinished is handed back at once. Keep the database open until this resolves.
   */
  async stop(): Promise<void> {
    this.#stopping = true;
    if (this.#poller) clearInterval(this.#poller);
    const deadline = Date.now() + this.#options.stopGraceMs;
    for (;;) {
      // Tries launched since the last round (a poll was still claiming) are aborted too.
      for (const { controller } of this.#active.values()) {
        if (!controller.signal.aborted) controller.abort(new WorkInterrupted('stopping'));
      }
      const pending = [...this.#active.values()].map((a) => a.done);
      if (this.#polling) pending.push(this.#polling);
      const left = deadline - Date.now();
      if (pending.length === 0 || left <= 0) break;
      const waited = new AbortController();
      await Promise.race([Promise.allSettled(pending), sleep(left, undefined, { signal: waited.signal }).catch(() => {})]);
      waited.abort();
    }
    this.#stopped = true;
    if (this.#active.size > 0) {
      this.logger.warn(
        { jobs: [...this.#active.keys()] },
        `stopping with work still running (${this.queue.kind}); its leases will lapse and another process or the restart takes it over`,
      );
    }
  }

  async #claimAndLaunch(): Promise<void> {
    try {
      const room = Math.min(this.#options.batchSize, this.#options.concurrency - this.#active.size);
      if (room > 0) {
        const leasedAt = Date.now();
        // Claimed while stop() began: launched as hand-backs.
        for (const job of await this.queue.claim(this.owner, this.#options.leaseMs, room)) void this.#launch(job, leasedAt);
      }
      if (!this.#stopping) await this.queue.tidy?.();
    } catch (error) {
      if (!this.#stopping) this.logger.error({ err: error }, `${this.queue.kind} poll failed`);
    }
  }

  #launch(job: Job, leasedAt: number): Promise<void> {
    const key = this.queue.key(job);
    const running = this.#active.get(key);
    if (running) return running.done;
    const controller = new AbortController();
    const work = this.#stopping ? this.#handBack(job) : this.#try(job, controller, leasedAt);
    const done = work
      .catch((error: unknown) => {
        // Only the database can fail here (handlers settle their own failures): the lease lapses and the job is taken over.
        if (!this.#stopped) this.logger.error({ err: error, ...this.queue.describe(job) }, `${this.queue.kind} could not be recorded`);
      })
      .finally(() => this.#active.delete(key));
    this.#active.set(key, { done, controller });
    return done;
  }

  async #try(job: Job, controller: AbortController, leasedAt: number): Promise<void> {
    const lease = this.#holdLease(job, controller, leasedAt);
    try {
      await this.task(job, { signal: controller.signal, owner: this.owner, leaseMs: this.#options.leaseMs, leaseLost: lease.lose });
    } catch (error) {
      if (!(error instanceof WorkInterrupted)) throw error;
      lease.end();
      if (error.why === 'stopping') return this.#handBack(job);
      // Whoever holds the job now carries on; nothing here may touch it.
      this.logger.warn(
        { ...this.queue.describe(job), why: error.detail },
        `${this.queue.kind} lost its lease; this try stops and the holder carries on`,
      );
    } finally {
      lease.end();
    }
  }

  /** Hands a job back, due at once, for another process or the restart. */
  async #handBack(job: Job): Promise<void> {
    await persistently(() => this.queue.release(job, this.owner));
    this.logger.info(this.queue.describe(job), `${this.queue.kind} handed back while shutting down`);
  }

  /**
   * Renews the lease every third of its length while a try runs, and aborts
   * the try when a renewal finds the lease gone (another process may have
   * taken the job over) or when it may have lapsed (renewals failed for a
   * whole lease).
   */
  #holdLease(job: Job, controller: AbortController, leasedAt: number) {
    const { leaseMs } = this.#options;
    let holding = true;
    const lose = (detail: string) => {
      if (holding && !controller.signal.aborted) controller.abort(new WorkInterrupted('lease_lost', detail));
    };
    let lapse: NodeJS.Timeout | undefined;
    const lapseAt = (at: number) => {
      if (!holding) return;
      clearTimeout(lapse);
      lapse = setTimeout(() => lose('not renewed in time'), Math.max(0, at - Date.now()));
      lapse.unref();
    };
    lapseAt(leasedAt + leaseMs);
    const renew = setInterval(() => {
      const sentAt = Date.now();
      this.queue.renew(job, this.owner, leaseMs).then(
        (held) => (held ? lapseAt(sentAt + leaseMs) : lose('held by another process or settled')),
        // Not known to be lost: the lapse timer decides if renewals keep failing.
        () => {},
      );
    }, leaseMs / 3);
    renew.unref();
    return {
      lose,
      end: () => {
        holding = false;
        clearInterval(renew);
        clearTimeout(lapse);
      },
    };
  }
}

/** `work`, or the signal's reason as soon as it aborts: the caller stops waiting on a call it cannot cancel. */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([work, aborted]).finally(() => signal.removeEventListener('abort', onAbort));
}
