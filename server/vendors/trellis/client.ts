/**
 * The Trellis Connect API client (v1.2.0). Backend calls use the secret key;
 * a browser's temporary access key can be passed through instead. Polling is
 * the caller's job: one call answers ready, not ready or none, so the caller
 * chooses its own cadence and deadline (Trellis says up to 5 minutes).
 */
import { VendorError } from '../shared/errors.ts';
import { type ErrorMessageReader, VendorHttp } from '../shared/http.ts';
import type { TrellisConfig } from './config.ts';
import { ERROR_TYPES, FUTURE_POLICY, HEADERS, VENDOR } from './documented.ts';
import {
  PoliciesAnswer, SandboxConnection, type SandboxLoginBody, TrellisErrorBody, type TrellisPolicy,
} from './schemas.ts';

type Issuer = { issuerId?: string; issuerName?: string };

export type TrellisPoliciesResult =
  | ({ status: 'ready'; policies: TrellisPolicy[] } & Issuer)
  /** Still retrieving: poll again. */
  | ({ status: 'not_ready' } & Issuer)
  /** Retrieval finished and the insurer holds no policies for this login. */
  | { status: 'none' };

export type GetPoliciesOptions = {
  /** Also return policies that start in the future (X-API-USE-CASE: FUTURE_POLICY). */
  futurePolicy?: boolean;
  /** Authenticate with this connection's temporary access key instead of the secret key. */
  temporaryAccessKey?: string;
};

export type TrellisClientOptions = {
  /** Retries of the policies GET on network errors, timeouts, 5xx and 429. */
  retries?: number;
  backoffLimitMs?: number;
};

/**
 * The 404 NO_POLICIES_FOUND answer is a result, not a failure, but VendorHttp
 * turns every 4xx into a VendorError that keeps only a message. The reader
 * gives that case this exact message so the client can tell it from
 * ACCOUNT_NOT_FOUND.
 */
const NO_POLICIES_MESSAGE = `no policies were found for this connection (${ERROR_TYPES.noPoliciesFound})`;

/** Longest vendor-written text we let into an error message. */
const MAX_MESSAGE = 200;

/** Reads Trellis's error bodies: a bare string (401, 403) or a NotFoundResponse-like object. */
export const readTrellisError: ErrorMessageReader = (body) => {
  const parsed = TrellisErrorBody.safeParse(body);
  if (!parsed.success) return undefined;
  const said = parsed.data;
  if (typeof said === 'string') return said.slice(0, MAX_MESSAGE) || undefined;
  if (said.error?.errorType === ERROR_TYPES.noPoliciesFound) return NO_POLICIES_MESSAGE;
  return (said.error?.errorMessage ?? said.error?.errorType ?? said.message)?.slice(0, MAX_MESSAGE) || undefined;
};

export class TrellisClient {
  readonly #http: VendorHttp;
  readonly #config: TrellisConfig;

  constructor(config: TrellisConfig, options: TrellisClientOptions = {}) {
    this.#config = config;
    this.#http = new VendorHttp(
      { vendor: VENDOR, baseUrl: config.baseUrl, timeoutMs: config.timeoutMs, ...options },
      readTrellisError,
    );
  }

  /**
   * The sandbox's stand-in for the Trellis widget's insurer login. Not
   * repeated on failure: a second login would create a second connection.
   * A refused login is a VendorError of kind `rejected`.
   */
  async createSandboxConnection(login: SandboxLoginBody): Promise<SandboxConnection> {
    return this.#http.request(SandboxConnection, 'account', {
      method: 'POST',
      headers: this.#secretKeyHeaders(),
      json: login,
      idempotent: false,
    });
  }

  /** One poll of the connection's policies. Unknown connection: VendorError `not_found`; refused key: `auth`. */
  async getPolicies(connectionId: string, options: GetPoliciesOptions = {}): Promise<TrellisPoliciesResult> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      ...(options.temporaryAccessKey ? this.#temporaryKeyHeaders(options.temporaryAccessKey) : this.#secretKeyHeaders()),
      ...(options.futurePolicy ? { [HEADERS.useCase]: FUTURE_POLICY } : {}),
    };
    try {
      const answer = await this.#http.request(PoliciesAnswer, `account/${encodeURIComponent(connectionId)}/policies`, { headers });
      const issuer = { issuerId: answer.issuerId ?? undefined, issuerName: answer.issuerName ?? undefined };
      if (answer.status === 'NOT_READY') return { status: 'not_ready', ...issuer };
      return { status: 'ready', ...issuer, policies: ('policies' in answer && answer.policies) || [] };
    } catch (error) {
      if (isNoPoliciesFound(error)) return { status: 'none' };
      throw error;
    }
  }

  #secretKeyHeaders() {
    return { [HEADERS.clientId]: this.#config.clientId, [HEADERS.secretKey]: this.#config.secretKey };
  }

  #temporaryKeyHeaders(key: string) {
    return { [HEADERS.clientId]: this.#config.clientId, [HEADERS.temporaryAccessKey]: key };
  }
}

function isNoPoliciesFound(error: unknown): boolean {
  return error instanceof VendorError && error.kind === 'not_found' && error.message === `${VENDOR}: ${NO_POLICIES_MESSAGE}`;
}
