/**
 * The widget's only way to the Coverkit API. It holds the session token (never
 * a secret), sends it as a bearer token, and turns every failure into a
 * `CoverkitApiError` carrying the server's error body, so components show the
 * server's own field messages.
 */
import type { ErrorBody, ErrorCode, SessionCreated, SessionInfo } from '../../contract/index.ts';

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

export class CoverkitApi {
  #token?: string;

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

  /** Answers are the server's own contract types; only error bodies are checked, since they drive what the shopper reads. */
  async #send<T>(method: string, path: string, body?: unknown, authenticated = true): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (authenticated && this.#token) headers.Authorization = `Bearer ${this.#token}`;
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new CoverkitApiError(0, 'network_error', 'We could not reach the server. Check your connection and try again.');
    }
    const json: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const error = (json as Partial<ErrorBody> | undefined)?.error;
      if (error && typeof error.code === 'string' && typeof error.message === 'string') {
        throw new CoverkitApiError(response.status, error.code, error.message, error.fields);
      }
      throw new CoverkitApiError(response.status, 'internal', 'Something went wrong. Please try again.');
    }
    return json as T;
  }
}
