/**
 * The HTTP client of AgencyZoom's documented API: log in for a JWT, then send
 * it as a bearer token; create leads and attach quotes; read them back; and
 * the lookups a lead needs (pipelines, lead sources, producers, carriers,
 * product lines).
 *
 * AgencyZoom allows 30 calls a minute per account, so this client spends
 * calls carefully: the login is cached until shortly before its JWT expires
 * (and renewed once when AgencyZoom answers 401), lookups are cached for a few
 * minutes, and nothing is retried automatically, reads included: every retry
 * spends the same 30-a-minute budget the agency's other calls share (a 5xx
 * reached AgencyZoom and counts), so whether a failed call is worth another
 * is the caller's decision (the delivery outbox), not a blind resend here.
 * Writes could not be retried anyway: a lead sent twice is two leads. A 429
 * surfaces as VendorError 'rate_limited' with retryAfterSeconds (VendorHttp
 * never retries it) so the outbox can wait exactly that long. Given shared
 * call buckets, every call (logins too) first waits for its slot in the
 * account's bucket (config.pacing, below the documented limit), so the
 * deployment's processes together stay under it and a burst draws no 429s.
 */
import { decodeJwt } from 'jose';
import type { z } from 'zod';
import { type CallBuckets, CallPacer } from '../shared/call-buckets.ts';
import { VendorError } from '../shared/errors.ts';
import { type ErrorMessageReader, VendorHttp, type VendorRequest } from '../shared/http.ts';
import type { AgencyZoomConfig } from './config.ts';
import { type LeadRefs, type LeadRoutingPreferences, resolveLeadRefs } from './refs.ts';
import {
  Carriers,
  Confirmation,
  Employees,
  ErrorBody,
  type LeadCreateRequest,
  LeadDetails,
  type LeadQuoteCreateRequest,
  LeadQuotes,
  type LeadSearchRequest,
  LeadSearchResponse,
  LeadSources,
  LoginResponse,
  Pipelines,
  ProductLines,
} from './schemas.ts';
import { isCentralNight, VENDOR } from './vendor.ts';

export type AgencyZoomClientOptions = {
  /** Clock for token expiry and the lookup cache (tests move it). */
  now?: () => number;
  /** How long lookups are reused; they are agency settings that rarely change. */
  lookupTtlMs?: number;
  /** Where the account's pace is kept, shared by every process (call-buckets.ts); none: calls are not paced. */
  buckets?: CallBuckets;
  /** The longest a call waits for its slot; beyond it the call fails as rate_limited at once. */
  maxPaceWaitMs?: number;
};

/** Renew the JWT this long before it expires, so a call never leaves with a token about to lapse. */
const EXPIRY_MARGIN_MS = 30_000;
const DEFAULT_LOOKUP_TTL_MS = 5 * 60_000;
const DEFAULT_MAX_PACE_WAIT_MS = 5_000;

/** AgencyZoom's error bodies carry a `message` (see schemas.ts Confirmation). */
const readAgencyZoomError: ErrorMessageReader = (body) => ErrorBody.safeParse(body).data?.message;

type Session = { jwt: string; expiresAt?: number };

export class AgencyZoomClient {
  readonly #http: VendorHttp;
  readonly #now: () => number;
  readonly #lookupTtlMs: number;
  readonly #lookups = new Map<string, { at: number; value: Promise<unknown> }>();
  readonly #pacer?: CallPacer;
  #session?: Session;
  #loggingIn?: Promise<Session>;

  constructor(
    private readonly config: AgencyZoomConfig,
    options: AgencyZoomClientOptions = {},
  ) {
    this.#http = new VendorHttp({ vendor: VENDOR, baseUrl: config.baseUrl, timeoutMs: config.timeoutMs }, readAgencyZoomError);
    this.#now = options.now ?? Date.now;
    this.#lookupTtlMs = options.lookupTtlMs ?? DEFAULT_LOOKUP_TTL_MS;
    const { pacing } = config;
    if (options.buckets && pacing) {
      this.#pacer = new CallPacer(options.buckets, {
        vendor: VENDOR,
        // One budget per account at one AgencyZoom: the limit is per account.
        key: `agencyzoom:${config.username.toLowerCase()}@${config.baseUrl}`,
        rate: () => ({ perMinute: isCentralNight(new Date(this.#now())) ? pacing.nightPerMinute : pacing.perMinute, burst: pacing.burst }),
        maxWaitMs: options.maxPaceWaitMs ?? DEFAULT_MAX_PACE_WAIT_MS,
      });
    }
  }

  // ─── Leads ────────────────────────────────────────────────────────────────

  /** POST /v1/api/leads/create → the new lead's id. Not retried: a second send would be a second lead. */
  async createLead(lead: LeadCreateRequest): Promise<{ leadId: number }> {
    const answer = await this.#authed(Confirmation, 'v1/api/leads/create', { method: 'POST', json: lead });
    return { leadId: createdId(answer, 'v1/api/leads/create') };
  }

  /** GET /v1/api/leads/{leadId}: the lead with its quotes. */
  getLead(leadId: number) {
    return this.#authed(LeadDetails, `v1/api/leads/${leadPath(leadId)}`);
  }

  /** POST /v1/api/leads/list: a page of leads matching every given filter (e.g. `customerEmail`, a prefix). */
  searchLeads(query: LeadSearchRequest = {}) {
    return this.#authed(LeadSearchResponse, 'v1/api/leads/list', { method: 'POST', json: query });
  }

  /** POST /v1/api/leads/{leadId}/quotes → the new quote's id. Not retried, like createLead. */
  async createLeadQuote(leadId: number, quote: LeadQuoteCreateRequest): Promise<{ quoteId: number }> {
    const path = `v1/api/leads/${leadPath(leadId)}/quotes`;
    const answer = await this.#authed(Confirmation, path, { method: 'POST', json: quote });
    return { quoteId: createdId(answer, path) };
  }

  /** GET /v1/api/leads/{leadId}/quotes. */
  getLeadQuotes(leadId: number) {
    return this.#authed(LeadQuotes, `v1/api/leads/${leadPath(leadId)}/quotes`);
  }

  // ─── Lookups (cached) ─────────────────────────────────────────────────────

  pipelinesAndStages() {
    return this.#lookup(Pipelines, 'v1/api/pipelines-and-stages');
  }

  leadSources() {
    return this.#lookup(LeadSources, 'v1/api/lead-sources');
  }

  /** Employees; producers (`isProducer`) are who `assignTo` names. */
  employees() {
    return this.#lookup(Employees, 'v1/api/employees');
  }

  carriers() {
    return this.#lookup(Carriers, 'v1/api/carriers');
  }

  productLines() {
    return this.#lookup(ProductLines, 'v1/api/product-lines');
  }

  /** The agency's ids for where a new lead goes, from the configured names (see refs.ts). */
  async leadRefs(preferences: LeadRoutingPreferences = this.config.leadRouting): Promise<LeadRefs> {
    const [pipelines, leadSources, employees] = await Promise.all([this.pipelinesAndStages(), this.leadSources(), this.employees()]);
    return resolveLeadRefs({ pipelines, leadSources, employees }, preferences);
  }

  // ─── Authentication ───────────────────────────────────────────────────────

  /** POST /v1/api/auth/logout, when logged in; the next call logs in again. */
  async logout(): Promise<void> {
    const session = this.#session;
    if (!session) return;
    this.#session = undefined;
    await this.#pacer?.take();
    await this.#http.request(Confirmation, 'v1/api/auth/logout', withBearer({ method: 'POST', idempotent: false }, session.jwt));
  }

  /** Sends an authenticated call; on 401 logs in again once and resends it. */
  async #authed<S extends z.ZodType>(schema: S, path: string, request: VendorRequest = {}): Promise<z.output<S>> {
    // GETs too: VendorHttp would otherwise retry them on network errors and 5xx, spending the budget (see above).
    const sent = { ...request, idempotent: false };
    const jwt = await this.#bearer();
    try {
      await this.#pacer?.take();
      return await this.#http.request(schema, path, withBearer(sent, jwt));
    } catch (error) {
      if (!(error instanceof VendorError) || error.details.status !== 401) throw error;
      // A 401 is refused before anything is done, so resending (even a write) cannot make a duplicate.
      this.#forget(jwt);
      const renewed = await this.#bearer();
      await this.#pacer?.take();
      return this.#http.request(schema, path, withBearer(sent, renewed));
    }
  }

  async #bearer(): Promise<string> {
    const session = this.#session;
    if (session && (session.expiresAt === undefined || session.expiresAt - EXPIRY_MARGIN_MS > this.#now())) return session.jwt;
    // Calls that arrive while a login is under way share it instead of spending one call each.
    this.#loggingIn ??= this.#login().finally(() => {
      this.#loggingIn = undefined;
    });
    this.#session = await this.#loggingIn;
    return this.#session.jwt;
  }

  #forget(jwt: string) {
    if (this.#session?.jwt === jwt) this.#session = undefined;
  }

  async #login(): Promise<Session> {
    const { username, password } = this.config;
    // Logins count towards the limit too.
    await this.#pacer?.take();
    try {
      const { jwt } = await this.#http.request(LoginResponse, 'v1/api/auth/login', {
        method: 'POST',
        json: { username, password },
        idempotent: false,
      });
      return { jwt, expiresAt: expiryOf(jwt) };
    } catch (error) {
      // AgencyZoom answers a wrong login with 400 "Invalid user name and/or password": our credentials are refused.
      if (error instanceof VendorError && error.details.status === 400) {
        throw new VendorError(VENDOR, 'auth', 'refused the configured username or password', { status: 400 });
      }
      throw error;
    }
  }

  #lookup<S extends z.ZodType>(schema: S, path: string): Promise<z.output<S>> {
    const now = this.#now();
    const hit = this.#lookups.get(path);
    if (hit && now - hit.at < this.#lookupTtlMs) return hit.value as Promise<z.output<S>>;
    const value = this.#authed(schema, path);
    this.#lookups.set(path, { at: now, value });
    value.catch(() => this.#lookups.delete(path));
    return value;
  }
}

export function createAgencyZoomClient(config: AgencyZoomConfig, options?: AgencyZoomClientOptions): AgencyZoomClient {
  return new AgencyZoomClient(config, options);
}

const withBearer = (request: VendorRequest, jwt: string): VendorRequest => ({
  ...request,
  headers: { ...request.headers, Authorization: `Bearer ${jwt}` },
});

function leadPath(leadId: number): string {
  if (!Number.isSafeInteger(leadId) || leadId < 0) throw new VendorError(VENDOR, 'rejected', 'lead ids are whole numbers');
  return String(leadId);
}

/** A write's confirmation must say it worked and name the new record. */
function createdId(answer: Confirmation, path: string): number {
  if (answer.result === false) throw new VendorError(VENDOR, 'rejected', answer.message ?? `refused ${path}`, { status: 200 });
  if (answer.id === undefined || answer.id === null)
    throw new VendorError(VENDOR, 'malformed', `answered ${path} without the new record's id`, { status: 200 });
  return answer.id;
}

/** The JWT's own expiry, when it has one; otherwise the token is used until AgencyZoom refuses it. */
function expiryOf(jwt: string): number | undefined {
  try {
    const { exp } = decodeJwt(jwt);
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
