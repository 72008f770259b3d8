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
  NotFoundResponse,
  PoliciesAnswer,
  SandboxConnection,
  type SandboxLoginBody,
  TrellisErrorBody,
  type TrellisPolicy,
} from './schemas.ts';

type Issuer = { issuerId?: string; issuerName?: string };

export type TrellisPoliciesResult =
  | ({ status: 'ready'; policies: TrellisPolicy[] } & Issuer)
  /** Still retrieving: poll again. */
  | ({ status: 'not_ready' } & Issuer)
  /** Retrieval finished and the insurer holds no policies for this login (with the insurer, when Trellis names it). */
  | ({ status: 'none' } & Issuer);

export type GetPoliciesOptions = {
  /** Also return policies that start in the future (X-API-USE-CASE: FUTURE_POLICY). */
  futurePolicy?: boolean;
  /** Authenticate with this connection's temporary access key instead of the secret key. */
  temporaryAccessKey?: string;
};

export type TrellisClientOptions = {
  /** Retries of the policies GET on network errors, timeouts and 5xx (a 429 is reported at once, with Retry-After). */
  retries?: number;
  backoffLimitMs?: number;
};

/** Longest vendor-written text we let into an error message. */
const MAX_MESSAGE = 200;

/**
 * Reads Trellis's error bodies: a bare string (401, 403, 429) or a
 * NotFoundResponse-like object, whose `error.errorType` (Trellis: "safe for
 * programmatic use") becomes the error's `code`.
 */
export const readTrellisError: ErrorMessageReader = (body) => {
  const parsed = TrellisErrorBody.safeParse(body);
  if (!parsed.success) return undefined;
  const said = parsed.data;
  if (typeof said === 'string') return said.slice(0, MAX_MESSAGE) || undefined;
  const code = said.error?.errorType || undefined;
  const message = (said.error?.errorMessage ?? said.error?.errorType ?? said.message)?.slice(0, MAX_MESSAGE);
  if (!message) return undefined;
  return code ? { message, code } : message;
};

export class TrellisClient {
  readonly #http: VendorHttp;
  readonly #config: TrellisConfig;

  constructor(config: TrellisConfig, options: TrellisClientOptions = {}) {
    this.#config = config;
    this.#http = new VendorHttp({ vendor: VENDOR, baseUrl: config.baseUrl, timeoutMs: config.timeoutMs, ...options }, readTrellisError);
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
    const path = `account/${encodeURIComponent(connectionId)}/policies`;
    // A 404 is either the documented "no policies" result or an unknown connection: read it, don't throw it.
    const answer = await this.#http.requestRaw(path, { headers, acceptStatuses: [404] });
    if (answer.status === 404) {
      const notFound = NotFoundResponse.safeParse(answer.json);
      const body = notFound.success ? notFound.data : undefined;
      // errorType is Trellis's field for programs; the deprecated message says the same when no error object comes.
      const kind = body?.error ? body.error.errorType : body?.message;
      if (kind === ERROR_TYPES.noPoliciesFound) return { status: 'none', ...issuerOf(body!) };
      const said = readTrellisError(answer.json, 404);
      const reading = typeof said === 'string' ? { message: said } : said;
      throw new VendorError(VENDOR, 'not_found', reading?.message ?? `answered ${path} with HTTP 404`, {
        status: 404,
        ...(reading?.code ? { code: reading.code } : {}),
      });
    }
    const parsed = PoliciesAnswer.safeParse(answer.json);
    if (!parsed.success) {
      const where = parsed.error.issues[0]?.path.join('.') || 'body';
      throw new VendorError(VENDOR, 'malformed', `answered ${path} in an unexpected shape (at ${where})`, { status: answer.status });
    }
    const policies = parsed.data;
    if (policies.status === 'NOT_READY') return { status: 'not_ready', ...issuerOf(policies) };
    return { status: 'ready', ...issuerOf(policies), policies: ('policies' in policies && policies.policies) || [] };
  }

  #secretKeyHeaders() {
    return { [HEADERS.clientId]: this.#config.clientId, [HEADERS.secretKey]: this.#config.secretKey };
  }

  #temporaryKeyHeaders(key: string) {
    return { [HEADERS.clientId]: this.#config.clientId, [HEADERS.temporaryAccessKey]: key };
  }
}

/** The issuer an answer names; Trellis may send null, which is left out. */
function issuerOf(answer: { issuerId?: string | null; issuerName?: string | null }): Issuer {
  return { issuerId: answer.issuerId ?? undefined, issuerName: answer.issuerName ?? undefined };
}
