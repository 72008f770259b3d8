/**
 * The HTTP client every vendor client is built on: a base URL from
 * configuration, a timeout per call, retries with backoff only for calls that
 * are safe to repeat, and every answer parsed with the vendor's zod schema so
 * a malformed answer becomes a typed VendorError instead of a crash deep in our
 * code. Errors never carry the request's headers or body, where secrets live.
 *
 * It speaks through undici's `request` with a keep-alive pool per vendor rather
 * than `fetch`: measured here, a fetch-based call (ky) costs about three times
 * the CPU of the same call through `request`, and the quote fan-out polls
 * vendors many times per shopper.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, errors as undiciErrors, request as undiciRequest } from 'undici';
import type { z } from 'zod';
import { VendorError, type VendorErrorKind } from './errors.ts';

export type VendorHttpOptions = {
  /** Name used in errors and logs, e.g. "CoverHound". */
  vendor: string;
  baseUrl: string;
  timeoutMs?: number;
  /** Retries of calls marked idempotent (GETs by default). */
  retries?: number;
  /** The longest wait between retries (they start at 300 ms and double); tests pass a short one. */
  backoffLimitMs?: number;
};

export type VendorRequest = {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers?: Record<string, string>;
  json?: unknown;
  searchParams?: Record<string, string | number | boolean>;
  /** Safe to send twice: retried on network errors, timeouts and 5xx. Defaults to true for GET. */
  idempotent?: boolean;
  timeoutMs?: number;
  /** Statuses that are documented answers rather than failures (e.g. a 404 meaning "no policies"): returned, not thrown. */
  acceptStatuses?: readonly number[];
};

/** What a vendor's error answer says, as far as the vendor's client can read it. */
type VendorErrorReading = { message: string; fields?: Record<string, string[]>; code?: string };

/**
 * Reads a vendor's error answer; each vendor knows where its message lives (body
 * or headers). Return a plain message, or a reading with field errors and a code.
 */
export type ErrorMessageReader = (body: unknown, status: number, headers?: Headers) => string | VendorErrorReading | undefined;

/**
 * Retried statuses. 429 is left out on purpose: a vendor's Retry-After can be a
 * minute, and the caller (the delivery outbox, the quote fan-out) decides how
 * to wait, with `VendorError.details.retryAfterSeconds` in hand.
 */
const RETRY_STATUSES = [408, 500, 502, 503, 504];

export class VendorHttp {
  readonly #agent: Agent;
  readonly #baseUrl: string;

  constructor(
    private readonly options: VendorHttpOptions,
    private readonly readErrorMessage: ErrorMessageReader = () => undefined,
  ) {
    this.#baseUrl = options.baseUrl.replace(/\/$/, '');
    this.#agent = new Agent({ keepAliveTimeout: 10_000, connections: 128 });
  }

  get vendor() {
    return this.options.vendor;
  }

  /** Sends the request and returns the body parsed by `schema`, or throws VendorError. */
  async request<S extends z.ZodType>(schema: S, path: string, request: VendorRequest = {}): Promise<z.output<S>> {
    const body = await this.requestRaw(path, request);
    const parsed = schema.safeParse(body.json);
    if (!parsed.success) {
      const where = parsed.error.issues[0]?.path.join('.') || 'body';
      throw new VendorError(this.options.vendor, 'malformed', `answered ${path} in an unexpected shape (at ${where})`, {
        status: body.status,
      });
    }
    return parsed.data;
  }

  /** Like request, but returns status and JSON unparsed (for answers whose shape depends on the status). */
  async requestRaw(path: string, request: VendorRequest = {}): Promise<{ status: number; json: unknown; headers: Headers }> {
    const method = request.method ?? 'GET';
    const retries = (request.idempotent ?? method === 'GET') ? (this.options.retries ?? 2) : 0;
    for (let attempt = 0; ; attempt++) {
      let answer: Answer;
      try {
        answer = await this.#send(path, method, request);
      } catch (error) {
        const failure = this.#transportError(error, path);
        // A timeout is not retried: the vendor may still be working on the first try.
        if (failure.kind === 'unavailable' && attempt < retries) {
          await sleep(this.#backoff(attempt));
          continue;
        }
        throw failure;
      }
      if (answer.status < 400) {
        return { status: answer.status, json: parseJson(answer.text, this.options.vendor, path), headers: answer.headers };
      }
      if (request.acceptStatuses?.includes(answer.status)) {
        // A documented error answer; something in front of the vendor may have answered instead, in HTML.
        return { status: answer.status, json: parseJsonOrNothing(answer.text), headers: answer.headers };
      }
      if (RETRY_STATUSES.includes(answer.status) && attempt < retries) {
        await sleep(this.#backoff(attempt, answer.headers));
        continue;
      }
      throw this.#statusError(answer, path);
    }
  }

  async #send(path: string, method: string, request: VendorRequest): Promise<Answer> {
    const query = request.searchParams
      ? `?${new URLSearchParams(Object.entries(request.searchParams).map(([k, v]) => [k, String(v)]))}`
      : '';
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    let body: string | undefined;
    if (request.json !== undefined) {
      body = JSON.stringify(request.json);
      headers['content-type'] ??= 'application/json';
    }
    const timeout = request.timeoutMs ?? this.options.timeoutMs ?? 10_000;
    const response = await undiciRequest(`${this.#baseUrl}/${path.replace(/^\//, '')}${query}`, {
      method: method as 'GET',
      headers,
      body,
      dispatcher: this.#agent,
      signal: AbortSignal.timeout(timeout),
    });
    const text = await response.body.text();
    return { status: response.statusCode, text, headers: toHeaders(response.headers) };
  }

  /** Exponential from 300 ms, capped, or the vendor's own Retry-After when it is shorter than the cap. */
  #backoff(attempt: number, headers?: Headers): number {
    const cap = this.options.backoffLimitMs ?? 3_000;
    const retryAfter = Number(headers?.get('retry-after'));
    if (Number.isFinite(retryAfter) && retryAfter > 0) return Math.min(retryAfter * 1000, cap);
    return Math.min(300 * 2 ** attempt, cap);
  }

  #transportError(error: unknown, path: string): VendorError {
    const vendor = this.options.vendor;
    if (error instanceof VendorError) return error;
    const name = (error as { name?: string } | undefined)?.name;
    if (
      name === 'TimeoutError' ||
      error instanceof undiciErrors.HeadersTimeoutError ||
      error instanceof undiciErrors.BodyTimeoutError ||
      (error instanceof undiciErrors.RequestAbortedError && (error.cause as { name?: string } | undefined)?.name === 'TimeoutError')
    ) {
      return new VendorError(vendor, 'timeout', `did not answer ${path} in time`);
    }
    return new VendorError(vendor, 'unavailable', `could not be reached for ${path}`);
  }

  #statusError(answer: Answer, path: string): VendorError {
    const { status, headers } = answer;
    const said = this.readErrorMessage(parseJsonOrNothing(answer.text), status, headers);
    const reading = typeof said === 'string' ? { message: said } : said;
    const retryAfter = Number(headers.get('Retry-After'));
    return new VendorError(this.options.vendor, kindForStatus(status), reading?.message ?? `answered ${path} with HTTP ${status}`, {
      status,
      ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
      ...(reading?.fields ? { fields: reading.fields } : {}),
      ...(reading?.code ? { code: reading.code } : {}),
    });
  }
}

type Answer = { status: number; text: string; headers: Headers };

function kindForStatus(status: number): VendorErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'unavailable';
  return 'rejected';
}

function parseJson(text: string, vendor: string, path: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new VendorError(vendor, 'malformed', `answered ${path} with a body that is not JSON`);
  }
}

function parseJsonOrNothing(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}
