/**
 * The widget's only way to the Coverkit API. It holds the session token (never
 * a secret) through a SessionKeeper, which renews it before it expires, sends
 * it as a bearer token, and turns every failure into a `CoverkitApiError`
 * carrying the server's error body, so components show the server's own field
 * messages. A request the server refuses with 401 is sent once more when a new
 * session could be had (see SessionKeeper).
 */
import type { QuoteRequestBody } from '../../contract/applicant.ts';
import type { ConnectionCreated, ConnectionPolicies, SandboxLoginBody } from '../../contract/connection.ts';
import type { DraftConflict, SaveDraftBody, SessionDraft } from '../../contract/draft.ts';
import type { ErrorBody, ErrorCode } from '../../contract/errors.ts';
import type { CoverageOptions, DecodedVehicle, PolicyLookupBody, PolicyLookupResult } from '../../contract/lookup.ts';
import type { QuoteRequestAccepted } from '../../contract/quote.ts';
import type { CreateResumeLinkBody, ResumeLinkCreated, ResumeSessionBody } from '../../contract/resume.ts';
import type { RefreshKeyCreated, SessionCreated, SessionInfo, SessionTokenRenewed } from '../../contract/session.ts';
import type { SubmissionBody, SubmissionCreated } from '../../contract/submission.ts';
import { SessionKeeper } from './session-keeper.ts';

export class CoverkitApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network_error',
    message: string,
    readonly fields: Record<string, string[]> = {},
    /** Seconds the server asked to wait before trying again (429, 202 not ready). */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'CoverkitApiError';
  }
}

/** A cached GET: its value once it arrived, or the error it failed with. */
export type Lookup<T> = { promise: Promise<unknown>; value?: T; error?: CoverkitApiError };

const query = (params: Record<string, string | number>) => new URLSearchParams(params as Record<string, string>).toString();

export type CoverkitApiOptions = {
  /** A token for a new session, when the current one cannot go on (the dealer's fetchSessionToken, or a public session). */
  newSession?: () => Promise<string>;
  /** A fresh token of the session of `expired`, when one can be had (from its refresh key); tried before a new session. */
  sameSession?: (expired: string) => Promise<string | undefined>;
  /** A new session took over: what the widget read of the old one may need reading again. */
  sessionReplaced?: () => void;
  /** Every session token taken: the first, each renewal, a new session's. */
  tokenAdopted?: (token: string) => void;
};

export class CoverkitApi {
  readonly #session: SessionKeeper;
  #lookups = new Map<string, Lookup<unknown>>();

  constructor(
    readonly baseUrl: string,
    options: CoverkitApiOptions = {},
  ) {
    this.#session = new SessionKeeper({
      renew: (token) => this.#renew(token),
      newSession: options.newSession,
      sameSession: options.sameSession,
      replaced: options.sessionReplaced,
      adopted: options.tokenAdopted,
    });
  }

  get hasSession() {
    return this.#session.token !== undefined;
  }

  /** The session's token keeper: renews on its own; paused while the widget is off the page. */
  get sessionKeeper(): SessionKeeper {
    return this.#session;
  }

  useSessionToken(token: string) {
    this.#session.adopt(token);
  }

  /** Starts a session from the page: allowed only on the dealer's allow-listed origins. */
  async startPublicSession(clientId: string) {
    const created = await this.#send<SessionCreated>('POST', '/v1/sessions/public', { clientId }, false);
    this.#session.adopt(created.sessionToken);
    return created;
  }

  /** A refresh key for this session (POST /v1/session/refresh-key): kept with the token, so a reload after it expired carries on. */
  createRefreshKey() {
    return this.#send<RefreshKeyCreated>('POST', '/v1/session/refresh-key');
  }

  /** A fresh token of the session of `refreshKey` (the token it had expired: the page was closed, or the device slept). */
  refreshSession(refreshKey: string) {
    return this.#send<SessionCreated>('POST', '/v1/sessions/refresh', { refreshKey }, false);
  }

  /** Carries on the session a resume link was made in (allowed only on the page origin the link opens). */
  async resumeSession(body: ResumeSessionBody) {
    const resumed = await this.#send<SessionCreated>('POST', '/v1/sessions/resume', body, false);
    this.#session.adopt(resumed.sessionToken);
    return resumed;
  }

  /** A one-time link to `pageUrl` that carries on in this session on another device, with its QR code. */
  createResumeLink(body: CreateResumeLinkBody) {
    return this.#send<ResumeLinkCreated>('POST', '/v1/session/resume-link', body);
  }

  /** A fresh token for the same session (POST /v1/session/token), sent with the token it replaces. */
  async #renew(token: string): Promise<SessionTokenRenewed> {
    const response = await this.#fetch('/v1/session/token', {
      method: 'POST',
      headers: { Accept: 'application/json', Authorization: `Bearer ${token}` },
    });
    if (!response.ok) throw await errorOf(response);
    return (await response.json()) as SessionTokenRenewed;
  }

  session() {
    return this.#send<SessionInfo>('GET', '/v1/session');
  }

  /** The shopper's saved progress in this session, or undefined when there is none (204). */
  async draft(): Promise<SessionDraft | undefined> {
    const response = await this.#request('GET', '/v1/session/draft');
    return response.status === 204 ? undefined : ((await response.json()) as SessionDraft);
  }

  /**
   * Saves the shopper's progress on top of `body.revision`; a 409 (another tab
   * saved or discarded meanwhile) answers the current revision and draft
   * instead of throwing. `keepalive` lets the save outlive the page (pagehide).
   */
  async saveDraft(body: SaveDraftBody, { keepalive = false } = {}): Promise<{ saved: SessionDraft } | { conflict: DraftConflict }> {
    const response = await this.#authenticated((token) =>
      this.#fetch('/v1/session/draft', {
        method: 'PUT',
        keepalive,
        headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...bearer(token) },
        body: JSON.stringify(body),
      }),
    );
    if (response.status === 409) return { conflict: (await response.json()) as DraftConflict };
    if (!response.ok) throw await errorOf(response);
    return { saved: (await response.json()) as SessionDraft };
  }

  /** Discards the shopper's progress (they chose to, or sent their answers). */
  async discardDraft({ keepalive = false } = {}): Promise<void> {
    await this.#request('DELETE', '/v1/session/draft', undefined, true, {}, keepalive);
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

  /** The shopper's final answer; the same `idempotencyKey` on every retry of it, so it is stored once. */
  submit(body: SubmissionBody, idempotencyKey: string) {
    return this.#send<SubmissionCreated>('POST', '/v1/submissions', body, true, { 'Idempotency-Key': idempotencyKey });
  }

  /** A submission of this session as it is now: the thank-you screen asks again for the link that had not come. */
  submission(id: string) {
    return this.#send<SubmissionCreated>('GET', `/v1/session/submissions/${encodeURIComponent(id)}`);
  }

  /** Connects the shopper's current insurer (the sandbox login stands in for Trellis's widget). */
  connect(login: SandboxLoginBody) {
    return this.#send<ConnectionCreated>('POST', '/v1/connections', login);
  }

  /** The connection's policies, or how many seconds to wait while the insurer is still being read (202). 404 when none. */
  async connectionPolicies(connectionId: string): Promise<ConnectionPolicies | { status: 'not_ready'; retryAfter: number }> {
    const response = await this.#request('GET', `/v1/connections/${encodeURIComponent(connectionId)}/policies`);
    if (response.status === 202) return { status: 'not_ready', retryAfter: retryAfterOf(response) ?? 2 };
    return (await response.json()) as ConnectionPolicies;
  }

  findPolicies(body: PolicyLookupBody) {
    return this.#send<PolicyLookupResult>('POST', '/v1/policy-lookups', body);
  }

  /**
   * Opens the quote stream (Server-Sent Events) with fetch, because EventSource
   * cannot send the bearer token; `lastEventId` resumes after that event.
   */
  async openQuoteStream(id: string, lastEventId: string | undefined, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
    const headers: Record<string, string> = { Accept: 'text/event-stream' };
    if (lastEventId) headers['Last-Event-ID'] = lastEventId;
    const response = await this.#authenticated((token) =>
      this.#fetch(`/v1/quote-requests/${encodeURIComponent(id)}/stream`, { headers: { ...headers, ...bearer(token) }, signal }),
    );
    if (!response.ok || !response.body) throw await errorOf(response);
    return response.body;
  }

  /**
   * Sends with the current (renewed when due) token; a 401 is sent once more
   * with a new session's token when one could be had.
   */
  async #authenticated(send: (token: string | undefined) => Promise<Response>): Promise<Response> {
    const token = await this.#session.current();
    const response = await send(token);
    if (response.status !== 401 || !token || !(await this.#session.replace(token))) return response;
    return send(this.#session.token);
  }

  async #fetch(path: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(`${this.baseUrl}${path}`, init);
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw new CoverkitApiError(0, 'network_error', 'We could not reach the server. Check your connection and try again.');
    }
  }

  /** A successful response, or the failure as a CoverkitApiError. */
  async #request(
    method: string,
    path: string,
    body?: unknown,
    authenticated = true,
    extra: Record<string, string> = {},
    keepalive = false,
  ): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json', ...extra };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const init = { method, keepalive, body: body === undefined ? undefined : JSON.stringify(body) };
    const response = authenticated
      ? await this.#authenticated((token) => this.#fetch(path, { ...init, headers: { ...headers, ...bearer(token) } }))
      : await this.#fetch(path, { ...init, headers });
    if (!response.ok) throw await errorOf(response);
    return response;
  }

  /** Answers are the server's own contract types; only error bodies are checked, since they drive what the shopper reads. */
  async #send<T>(method: string, path: string, body?: unknown, authenticated = true, extra?: Record<string, string>): Promise<T> {
    return (await (await this.#request(method, path, body, authenticated, extra)).json()) as T;
  }
}

const bearer = (token: string | undefined): Record<string, string> => (token ? { Authorization: `Bearer ${token}` } : {});

function retryAfterOf(response: Response): number | undefined {
  const seconds = Number(response.headers.get('Retry-After') ?? NaN);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

async function errorOf(response: Response): Promise<CoverkitApiError> {
  const json: unknown = await response.json().catch(() => undefined);
  const error = (json as Partial<ErrorBody> | undefined)?.error;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    return new CoverkitApiError(response.status, error.code, error.message, error.fields, retryAfterOf(response));
  }
  return new CoverkitApiError(response.status, 'internal', 'Something went wrong. Please try again.', {}, retryAfterOf(response));
}

/** Any failure as a CoverkitApiError (a bug or an abort becomes `internal`). */
export const asApiError = (error: unknown) =>
  error instanceof CoverkitApiError ? error : new CoverkitApiError(0, 'internal', String(error));
