/**
 * The HTTP client every vendor client is built on (ky underneath): a base URL
 * from configuration, a timeout per call, retries with backoff only for calls
 * that are safe to repeat, and every answer parsed with the vendor's zod schema
 * so a malformed answer becomes a typed VendorError instead of a crash deep in
 * our code. Errors never carry the request's headers or body, where secrets live.
 */
import ky, { HTTPError, type KyInstance, TimeoutError } from 'ky';
import type { z } from 'zod';
import { VendorError, type VendorErrorKind } from './errors.ts';

export type VendorHttpOptions = {
  /** Name used in errors and logs, e.g. "CoverHound". */
  vendor: string;
  baseUrl: string;
  timeoutMs?: number;
  /** Retries of calls marked idempotent (GETs by default). */
  retries?: number;
  /** Tests pass a short backoff; production keeps ky's exponential default. */
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
export type VendorErrorReading = { message: string; fields?: Record<string, string[]>; code?: string };

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
  readonly #ky: KyInstance;

  constructor(
    private readonly options: VendorHttpOptions,
    private readonly readErrorMessage: ErrorMessageReader = () => undefined,
  ) {
    this.#ky = ky.create({
      prefixUrl: options.baseUrl.replace(/\/$/, ''),
      timeout: options.timeoutMs ?? 10_000,
      throwHttpErrors: true,
    });
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
      throw new VendorError(this.options.vendor, 'malformed', `answered ${path} in an unexpected shape (at ${where})`, { status: body.status });
    }
    return parsed.data;
  }

  /** Like request, but returns status and JSON unparsed (for answers whose shape depends on the status). */
  async requestRaw(path: string, request: VendorRequest = {}): Promise<{ status: number; json: unknown; headers: Headers }> {
    const method = request.method ?? 'GET';
    const idempotent = request.idempotent ?? method === 'GET';
    try {
      const response = await this.#ky(path.replace(/^\//, ''), {
        method,
        headers: request.headers,
        json: request.json,
        searchParams: request.searchParams,
        timeout: request.timeoutMs ?? this.options.timeoutMs ?? 10_000,
        retry: idempotent
          ? { limit: this.options.retries ?? 2, methods: [method.toLowerCase()], statusCodes: RETRY_STATUSES, backoffLimit: this.options.backoffLimitMs ?? 3_000 }
          : { limit: 0 },
      });
      return { status: response.status, json: await readJson(response), headers: response.headers };
    } catch (error) {
      if (error instanceof HTTPError && request.acceptStatuses?.includes(error.response.status)) {
        const json = await readJson(error.response).catch(() => undefined);
        return { status: error.response.status, json, headers: error.response.headers };
      }
      throw await this.#toVendorError(error, path);
    }
  }

  async #toVendorError(error: unknown, path: string): Promise<VendorError> {
    const vendor = this.options.vendor;
    if (error instanceof VendorError) return error;
    if (error instanceof TimeoutError) return new VendorError(vendor, 'timeout', `did not answer ${path} in time`);
    if (error instanceof HTTPError) {
      const status = error.response.status;
      const body = await readJson(error.response).catch(() => undefined);
      const said = this.readErrorMessage(body, status, error.response.headers);
      const reading = typeof said === 'string' ? { message: said } : said;
      const retryAfter = Number(error.response.headers.get('Retry-After'));
      const kind = kindForStatus(status);
      return new VendorError(vendor, kind, reading?.message ?? `answered ${path} with HTTP ${status}`, {
        status,
        ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
        ...(reading?.fields ? { fields: reading.fields } : {}),
        ...(reading?.code ? { code: reading.code } : {}),
      });
    }
    if (error instanceof SyntaxError) return new VendorError(vendor, 'malformed', `answered ${path} with a body that is not JSON`);
    return new VendorError(vendor, 'unavailable', `could not be reached for ${path}`);
  }
}

function kindForStatus(status: number): VendorErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'unavailable';
  return 'rejected';
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new SyntaxError('not JSON');
  }
}
