/**
 * The AutoComplete Partner API client: `POST /people` submits a customer and
 * answers their personalised shopping link (`flow.flow_url`); `GET /people`
 * reads back what was submitted.
 *
 * AutoComplete allows one request per second, so calls are spaced a second
 * apart by a pace (call-buckets.ts): every process of a deployment together
 * when given the shared call buckets, else this client alone. A call whose
 * slot is too far off fails as `rate_limited` without being sent (the outbox
 * retries it later). A 429 (which means the request was not
 * processed) is waited out and sent again, even for `POST /people`. Nothing
 * else retries a submission: a timeout or 5xx might have created the person,
 * and a blind resend would create a duplicate (the caller's outbox decides).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { type CallBuckets, CallPacer, MemoryCallBuckets } from '../shared/call-buckets.ts';
import { VendorError } from '../shared/errors.ts';
import { type ErrorMessageReader, VendorHttp } from '../shared/http.ts';
import type { AutoCompleteConfig } from './config.ts';
import { ErrorBody, PeopleList, PersonRecord, type PersonSubmission } from './schemas.ts';
import { VENDOR_NAME } from './vendor.ts';

/** AutoComplete's errors are `{ status_code, message }`; its message is the useful line. */
const readErrorMessage: ErrorMessageReader = (body) => {
  const parsed = ErrorBody.safeParse(body);
  return parsed.success ? parsed.data.message : undefined;
};

export type AutoCompleteClientOptions = {
  /** Minimum time between two requests' starts (default: the configuration's, AUTOCOMPLETE_MIN_INTERVAL_MS). */
  minIntervalMs?: number;
  /** How many times a rate-limited request is sent again. */
  rateLimitRetries?: number;
  /** A `Retry-After` longer than this is not waited out: the caller gets `rate_limited` at once. */
  maxRateLimitWaitMs?: number;
  /** Where the partner's pace is kept, shared by every process (call-buckets.ts); default: this client's own. */
  buckets?: CallBuckets;
  /** The longest a call waits for its shared slot before failing as `rate_limited` (default 30 s). */
  maxPaceWaitMs?: number;
  /** Retries of `GET /people` on network errors, timeouts and 5xx. */
  retries?: number;
  backoffLimitMs?: number;
};

/**
 * One request per second, plus a margin: two calls a bare second apart can
 * arrive less than a second apart when the first is slower on the wire.
 */
export const DEFAULT_MIN_INTERVAL_MS = 1100;

export class AutoCompleteClient {
  readonly #http: VendorHttp;
  readonly #authorization: string;
  readonly #minIntervalMs: number;
  readonly #rateLimitRetries: number;
  readonly #maxRateLimitWaitMs: number;
  /** The partner's pace; none when the interval is 0 (a sandbox whose limit is lifted). */
  readonly #pacer?: CallPacer;

  constructor(config: AutoCompleteConfig, options: AutoCompleteClientOptions = {}) {
    this.#http = new VendorHttp(
      {
        vendor: VENDOR_NAME,
        baseUrl: config.baseUrl,
        timeoutMs: config.timeoutMs,
        ...(options.retries === undefined ? {} : { retries: options.retries }),
        ...(options.backoffLimitMs === undefined ? {} : { backoffLimitMs: options.backoffLimitMs }),
      },
      readErrorMessage,
    );
    this.#authorization = `Basic ${Buffer.from(`${config.apiKey}:${config.apiSecret}`, 'utf8').toString('base64')}`;
    this.#minIntervalMs = options.minIntervalMs ?? config.minIntervalMs;
    this.#rateLimitRetries = options.rateLimitRetries ?? 2;
    this.#maxRateLimitWaitMs = options.maxRateLimitWaitMs ?? 5000;
    if (this.#minIntervalMs > 0) {
      this.#pacer = new CallPacer(options.buckets ?? new MemoryCallBuckets(), {
        vendor: VENDOR_NAME,
        // The limit is per partner at one AutoComplete: its API key there.
        key: `autocomplete:${config.apiKey}@${config.baseUrl}`,
        rate: () => ({ perMinute: 60_000 / this.#minIntervalMs, burst: 1 }),
        maxWaitMs: options.maxPaceWaitMs ?? 30_000,
      });
    }
  }

  /** `POST /people`: submits the customer; the answer carries `flow.flow_url`, their shopping link. */
  createPerson(person: PersonSubmission): Promise<PersonRecord> {
    return this.#send(() =>
      this.#http.request(PersonRecord, '/people', {
        method: 'POST',
        headers: { Authorization: this.#authorization },
        json: person,
        idempotent: false,
      }),
    );
  }

  /** `GET /people`: every person this partner has submitted, as AutoComplete stored them. */
  listPeople(): Promise<PeopleList> {
    return this.#send(() => this.#http.request(PeopleList, '/people', { headers: { Authorization: this.#authorization } }));
  }

  async #send<T>(call: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      await this.#pacer?.take();
      try {
        return await call();
      } catch (error) {
        const waitMs = this.#rateLimitWait(error, attempt);
        if (waitMs === undefined) throw error;
        await sleep(waitMs);
      }
    }
  }

  /** How long to wait before sending a rate-limited request again, or undefined to give up. */
  #rateLimitWait(error: unknown, attempt: number): number | undefined {
    if (!(error instanceof VendorError) || error.kind !== 'rate_limited' || attempt >= this.#rateLimitRetries) return undefined;
    const waitMs = (error.details.retryAfterSeconds ?? 1) * 1000;
    return waitMs <= this.#maxRateLimitWaitMs ? waitMs : undefined;
  }

  /** About how long a call made now would wait for its slot: a caller that cannot wait that long need not. */
  turnInMs(): number {
    return this.#pacer?.nextSlotInMs() ?? 0;
  }
}
