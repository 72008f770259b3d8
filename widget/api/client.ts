/**
 * The widget's only way to the Coverkit API. It holds the session token (never
 * a secret), sends it as a bearer token, and turns every failure into a
 * `CoverkitApiError` carrying the server's error body, so components show the
 * server's own field messages.
 */
import type { QuoteRequestBody } from '../../contract/applicant.ts';
import type { ErrorBody, ErrorCode } from '../../contract/errors.ts';
import type { CoverageOptions, DecodedVehicle } from '../../contract/lookup.ts';
import type { QuoteRequestAccepted } from '../../contract/quote.ts';
import type { SessionCreated, SessionInfo } from '../../contract/session.ts';

export class CoverkitApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network_error',
    message: string,
    readonly fields: Record<string, string[]> = {},
  ) {
    super(message);
    this.name = 'CoverkitApiError';
  }
}

/** A cached GET: its value once it arrived, or the error it failed with. */
export type Lookup<T> = { promise: Promise<unknown>; value?: T; error?: CoverkitApiError };

const query = (params: Record<string, string | number>) => new URLSearchParams(params as Record<string, string>).toString();

export class CoverkitApi {
  #token?: string;
  #lookups = new Map<string, Lookup<unknown>>();

  constructor(readonly baseUrl: string) {}

  get hasSession() {
    return this.#token !== undefined;
  }

  useSessionToken(token: string) {
    this.#token = token;
  }

  /** Starts a session from the page: allowed only on the dealer's allow-listed origins. */
  async startPublicSession(clientId: string) {
    const created = await this.#send<SessionCreated>('POST', '/v1/sessions/public', { clientId }, false);
    this.#token = created.sessionToken;
    return created;
  }

  session() {
    return this.#send<SessionInfo>('GET', '/v1/session');
  }

  /**
   * A pick-list or other read-only answer, asked once per session: later calls
   * get the same entry. A failure stays cached too (no retry storms from re-renders).
   */
  lookup<T>(path: string, params: Record<string, string | number>): Lookup<T> {
    const url = `${path}?${query(params)}`;
    let entry = this.#lookups.get(url) as Lookup<T> | undefined;
    if (!entry) {
      const created: Lookup<T> = { promise: Promise.resolve() };
      created.promise = this.#send<T>('GET', url).then(
        (value) => (created.value = value),
        (error: CoverkitApiError) => (created.error = error),
      );
      this.#lookups.set(url, (entry = created));
    }
    return entry;
  }

  decodeVin(vin: string, state: string) {
    return this.#send<DecodedVehicle>('GET', `/v1/lookups/vin/${encodeURIComponent(vin)}?${query({ state })}`);
  }

  coverages(state: string) {
    return this.lookup<CoverageOptions>('/v1/lookups/coverages', { state });
  }

  createQuoteRequest(body: QuoteRequestBody) {
    return this.#send<QuoteRequestAccepted>('POST', '/v1/quote-requests', body);
  }

  /**
   * Opens the quote stream (Server-Sent Events) with fetch, because EventSource
   * cannot send the bearer token; `lastEventId` resumes after that event.
   */
  async openQuoteStream(id: string, lastEventId: string | undefined, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
    const headers: Record<string, string> = { Accept: 'text/event-stream', Authorization: `Bearer ${this.#token}` };
    if (lastEventId) headers['Last-Event-ID'] = lastEventId;
    const response = await this.#fetch(`/v1/quote-requests/${encodeURIComponent(id)}/stream`, { headers, signal });
    if (!response.ok || !response.body) throw await errorOf(response);
    return response.body;
  }

  async #fetch(path: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(`${this.baseUrl}${path}`, init);
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw new CoverkitApiError(0, 'network_error', 'We could not reach the server. Check your connection and try again.');
    }
  }

  /** Answers are the server's own contract types; only error bodies are checked, since they drive what the shopper reads. */
  async #send<T>(method: string, path: string, body?: unknown, authenticated = true): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (authenticated && this.#token) headers.Authorization = `Bearer ${this.#token}`;
    const response = await this.#fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!response.ok) throw await errorOf(response);
    return (await response.json()) as T;
  }
}

async function errorOf(response: Response): Promise<CoverkitApiError> {
  const json: unknown = await response.json().catch(() => undefined);
  const error = (json as Partial<ErrorBody> | undefined)?.error;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    return new CoverkitApiError(response.status, error.code, error.message, error.fields);
  }
  return new CoverkitApiError(response.status, 'internal', 'Something went wrong. Please try again.');
}
