/**
 * The HTTP client of CoverHound's Quotes API (version 1). It exchanges the API
 * key and secret for an access token once and keeps it (CoverHound's tokens
 * live until invalidated); when a call is refused with 401 and `X-Error-Detail:
 * Invalid token.`, the token was invalidated somewhere, so the client signs in
 * again and repeats the call once. Any other 401 (`Invalid credentials`, or a
 * bare "Bad Key" without the detail) is a credentials failure that a fresh
 * sign-in cannot mend, and is reported at once. Quote requests are never
 * retried otherwise: each one starts a new transaction at every carrier.
 */
import { VendorError } from '../shared/errors.ts';
import { type ErrorMessageReader, VendorHttp } from '../shared/http.ts';
import type { CoverHoundConfig } from './config.ts';
import {
  CoverHoundAccessToken,
  CoverHoundAuthError,
  CoverHoundPollingStarted,
  type CoverHoundQuoteInput,
  CoverHoundQuoteResponse,
  CoverHoundServiceError,
  CoverHoundValidationError,
} from './schemas.ts';
import { COVERHOUND } from './vendor.ts';

/** The documented `X-Error-Detail` of a 401 for a token that does not exist (the period is CoverHound's). */
const INVALID_TOKEN = 'Invalid token.';

/**
 * What any CoverHound error answer says. The message is one line: every field
 * problem of a 400 (`applicant[vehicles][ownership] does not have a valid
 * value; …`), the `error_message` of a 401 with its `X-Error-Detail` (`Bad Key
 * (Invalid token.)`), the `message` of a 503. A 400's `errors` object comes
 * back as `fields` (CoverHound's own field names), and a 401's `X-Error-Detail`
 * as `code` (`Invalid token.` or `Invalid credentials`), which is how the
 * client tells an invalidated token from refused credentials. Field names
 * only, never the values sent, so nothing a shopper typed lands in a log line.
 */
export const readCoverHoundError: ErrorMessageReader = (body, _status, headers) => {
  const validation = CoverHoundValidationError.safeParse(body);
  if (validation.success) {
    const fields = validation.data.errors ?? {};
    const problems = Object.entries(fields).flatMap(([field, messages]) => messages.map((message) => `${field} ${message}`));
    return problems.length > 0 ? { message: problems.join('; '), fields } : validation.data.message;
  }
  const auth = CoverHoundAuthError.safeParse(body);
  const service = CoverHoundServiceError.safeParse(body);
  const said = auth.success ? auth.data.error_message : service.success ? service.data.message : undefined;
  const detail = headers?.get('X-Error-Detail')?.trim();
  if (!detail) return said;
  return { message: said ? `${said} (${detail})` : detail, code: detail };
};

export type CoverHoundClientOptions = {
  /** Retries of calls safe to repeat (token exchange, polling). */
  retries?: number;
  backoffLimitMs?: number;
};

type CachedToken = { promise: Promise<string>; value?: string };

export class CoverHoundClient {
  readonly #http: VendorHttp;
  readonly #config: CoverHoundConfig;
  #token: CachedToken | undefined;

  constructor(config: CoverHoundConfig, options: CoverHoundClientOptions = {}) {
    this.#config = config;
    this.#http = new VendorHttp(
      { vendor: COVERHOUND, baseUrl: config.baseUrl, timeoutMs: config.timeoutMs, ...options },
      readCoverHoundError,
    );
  }

  /** The access token, exchanged for the API key and secret on first use and kept; concurrent callers share one exchange. */
  accessToken(): Promise<string> {
    if (!this.#token) {
      const cached: CachedToken = {
        promise: this.#exchangeCredentials().then(
          (token) => {
            cached.value = token;
            return token;
          },
          (error: unknown) => {
            if (this.#token === cached) this.#token = undefined;
            throw error;
          },
        ),
      };
      this.#token = cached;
    }
    return this.#token.promise;
  }

  /** Invalidates the kept token at CoverHound (`POST /api/oauth/invalidate`); the next call signs in again. */
  async invalidateToken(): Promise<void> {
    const cached = this.#token;
    if (!cached) return;
    const accessToken = await cached.promise;
    if (this.#token === cached) this.#token = undefined;
    await this.#http.requestRaw('/api/oauth/invalidate', {
      method: 'POST',
      headers: { Accept: 'application/json' },
      json: { apiKey: this.#config.apiKey, apiSecret: this.#config.apiSecret, accessToken },
    });
  }

  /** A synchronous quote request: answers once every carrier has, so it can take as long as the slowest one. */
  quote(request: CoverHoundQuoteInput): Promise<CoverHoundQuoteResponse> {
    return this.#withToken((token) =>
      this.#http.request(CoverHoundQuoteResponse, '/api/auto/quotes', {
        method: 'POST',
        headers: this.#headers(token),
        json: { ...request, usePolling: false },
        timeoutMs: this.#config.syncQuoteTimeoutMs,
      }),
    );
  }

  /** Starts a polling quote request; CoverHound answers at once with the transaction to poll. */
  startQuote(request: CoverHoundQuoteInput): Promise<CoverHoundPollingStarted> {
    return this.#withToken((token) =>
      this.#http.request(CoverHoundPollingStarted, '/api/auto/quotes', {
        method: 'POST',
        headers: this.#headers(token),
        json: { ...request, usePolling: true },
      }),
    );
  }

  /**
   * The transaction's state: each carrier's quote with status `started`,
   * `complete` or `error` (CoverHound suggests polling every 5 seconds). Safe
   * to repeat, so it is retried on network errors and 5xx.
   */
  pollQuotes(transactionId: string): Promise<CoverHoundQuoteResponse> {
    return this.#withToken((token) =>
      this.#http.request(CoverHoundQuoteResponse, `/api/auto/quotes/${encodeURIComponent(transactionId)}`, {
        headers: this.#headers(token),
      }),
    );
  }

  #exchangeCredentials(): Promise<string> {
    return this.#http.request(CoverHoundAccessToken, '/api/oauth/access_token', {
      method: 'POST',
      headers: { Accept: 'application/json' },
      json: { apiKey: this.#config.apiKey, apiSecret: this.#config.apiSecret, grantType: 'credentials' },
      // Asking for a token twice does no harm: CoverHound keeps one per key.
      idempotent: true,
    });
  }

  #headers(token: string) {
    return { Accept: 'application/json', 'Access-Token': token };
  }

  /**
   * Runs `call` with the token; on 401 "Invalid token." forgets that token,
   * signs in again and runs it once more. Other 401s (wrong or revoked
   * credentials) are thrown as they are: signing in again would only be refused.
   */
  async #withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.accessToken();
    try {
      return await call(token);
    } catch (error) {
      if (!(error instanceof VendorError && error.details.status === 401 && error.details.code === INVALID_TOKEN)) throw error;
      // Only forget the token this call used: a concurrent call may already have fetched a fresh one.
      if (this.#token?.value === token) this.#token = undefined;
      return call(await this.accessToken());
    }
  }
}
