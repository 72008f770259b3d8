/**
 * ES256 signing keys, kept in the database so every server process signs and
 * verifies with the same set. The newest key signs; when it is older than the
 * rotation interval a new one takes over, and the previous key keeps verifying
 * (and stays in the JWKS) until every token it signed has expired.
 */
import { type CryptoKey, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { LRUCache } from 'lru-cache';
import { newId } from '../db/ids.ts';
import type { Database } from '../db/index.ts';
import { rowContext, type Sealer } from '../security/sealer.ts';

export const SIGNING_ALG = 'ES256';
/** Any fixed number: processes take it so only one of them rotates at a time. */
const ROTATION_LOCK = 7_301_992;
/** How often a process looks for keys another process created. */
const RELOAD_INTERVAL_MS = 60_000;
/** Unknown `kid`s trigger a reload at most this often in all, so forged kids cannot hammer the database… */
const MISS_RELOAD_INTERVAL_MS = 100;
/** …and a kid still unknown after a reload is not looked for again for this long. */
const UNKNOWN_KID_TTL_MS = 5_000;

type LoadedKey = {
  kid: string;
  createdAt: number;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
  /** When this key stops verifying: set once a newer key exists. */
  verifiesUntil: number;
};

/** The private key is wrapped by the data key (security/sealer.ts), bound to its kid. */
type KeyRow = { kid: string; private_jwk: string; public_jwk: JWK; created_at: Date | string };
const sealedAt = (kid: string) => rowContext('signing_keys', kid);

export type SigningKeyOptions = {
  /** Wraps the private keys in the database. */
  sealer: Sealer;
  /** How long a key signs before a new one is made. */
  rotationMs: number;
  /** How long a replaced key keeps verifying: the longest token lifetime plus clock skew. */
  retainMs: number;
  now?: () => number;
};

export class SigningKeys {
  #keys: LoadedKey[] = [];
  #loadedAt = 0;
  #lastMissReload = 0;
  #reloading?: Promise<void>;
  #rotating?: Promise<string | undefined>;
  readonly #unknownKids = new LRUCache<string, true>({ max: 10_000, ttl: UNKNOWN_KID_TTL_MS });
  readonly #now: () => number;

  private constructor(
    private readonly db: Database,
    private readonly options: SigningKeyOptions,
  ) {
    this.#now = options.now ?? Date.now;
  }

  static async open(db: Database, options: SigningKeyOptions): Promise<SigningKeys> {
    const keys = new SigningKeys(db, options);
    await keys.#reload();
    if (keys.#needsRotation()) await keys.rotate({ ifDue: true });
    return keys;
  }

  /** The key that signs now, rotating first when it is due (once, however many tokens are being signed). */
  async signingKey(): Promise<{ kid: string; privateKey: CryptoKey }> {
    if (this.#now() - this.#loadedAt > RELOAD_INTERVAL_MS) await this.#reloadOnce();
    if (this.#needsRotation()) {
      this.#rotating ??= this.rotate({ ifDue: true }).finally(() => {
        this.#rotating = undefined;
      });
      await this.#rotating;
    }
    const current = this.#keys[0];
    if (!current) throw new Error('No signing key');
    return current;
  }

  /** Whether a token signed by `kid` may still be accepted (used by the verified-token cache). */
  isVerifying(kid: string): boolean {
    const key = this.#keys.find((k) => k.kid === kid);
    return key !== undefined && key.verifiesUntil > this.#now();
  }

  /** The public key for `kid`, looking in the database once when another process may have made it. */
  async verificationKey(kid: string): Promise<CryptoKey | undefined> {
    // Keys made or retired by another process are picked up even by a process that only verifies.
    if (this.#now() - this.#loadedAt > RELOAD_INTERVAL_MS) void this.#reloadOnce().catch(() => {});
    let key = this.#keys.find((k) => k.kid === kid);
    if (!key && !this.#unknownKids.has(kid) && this.#now() - this.#lastMissReload > MISS_RELOAD_INTERVAL_MS) {
      this.#lastMissReload = this.#now();
      await this.#reloadOnce();
      key = this.#keys.find((k) => k.kid === kid);
      if (!key) this.#unknownKids.set(kid, true);
    }
    return key && key.verifiesUntil > this.#now() ? key.publicKey : undefined;
  }

  /** Public keys of every key that still verifies, newest first. */
  jwks(): { keys: JWK[] } {
    const now = this.#now();
    return { keys: this.#keys.filter((k) => k.verifiesUntil > now).map((k) => k.publicJwk) };
  }

  /**
   * Makes a new signing key. With `ifDue`, another process may have rotated
   * already; the database lock and re-check make sure only one key is added.
   */
  async rotate({ ifDue = false } = {}): Promise<string | undefined> {
    const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
    const kid = newId('key');
    const privateJwk = await exportJWK(privateKey);
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: SIGNING_ALG, use: 'sig' };
    const created = await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [ROTATION_LOCK]);
      if (ifDue) {
        const [newest] = await tx.query<{ created_at: Date | string }>(
          'SELECT created_at FROM signing_keys ORDER BY created_at DESC, seq DESC LIMIT 1',
        );
        if (newest && this.#now() - toMillis(newest.created_at) < this.options.rotationMs) return false;
      }
      await tx.query('INSERT INTO signing_keys (kid, private_jwk, public_jwk, created_at) VALUES ($1, $2, $3, $4)', [
        kid,
        this.options.sealer.seal(privateJwk, sealedAt(kid)),
        JSON.stringify(publicJwk),
        new Date(this.#now()),
      ]);
      // Keys whose tokens have all expired are of no further use: drop them.
      await tx.query(
        'DELETE FROM signing_keys WHERE created_at < $1 AND kid <> $2 AND kid NOT IN (SELECT kid FROM signing_keys ORDER BY created_at DESC, seq DESC LIMIT 2)',
        [new Date(this.#now() - this.options.rotationMs - this.options.retainMs), kid],
      );
      return true;
    });
    await this.#reload();
    return created ? kid : undefined;
  }

  #needsRotation(): boolean {
    const current = this.#keys[0];
    return !current || this.#now() - current.createdAt >= this.options.rotationMs;
  }

  #reloadOnce(): Promise<void> {
    this.#reloading ??= this.#reload().finally(() => {
      this.#reloading = undefined;
    });
    return this.#reloading;
  }

  async #reload(): Promise<void> {
    const rows = await this.db.query<KeyRow>(
      'SELECT kid, private_jwk, public_jwk, created_at FROM signing_keys ORDER BY created_at DESC, seq DESC',
    );
    const known = new Map(this.#keys.map((k) => [k.kid, k]));
    const keys: LoadedKey[] = [];
    let newerCreatedAt: number | undefined;
    for (const row of rows) {
      const createdAt = toMillis(row.created_at);
      const verifiesUntil = newerCreatedAt === undefined ? Number.POSITIVE_INFINITY : newerCreatedAt + this.options.retainMs;
      newerCreatedAt = createdAt;
      const existing = known.get(row.kid);
      if (existing) {
        keys.push({ ...existing, verifiesUntil });
        continue;
      }
      keys.push({
        kid: row.kid,
        createdAt,
        privateKey: (await importJWK(this.options.sealer.open<JWK>(row.private_jwk, sealedAt(row.kid)), SIGNING_ALG)) as CryptoKey,
        publicKey: (await importJWK(parseJson(row.public_jwk), SIGNING_ALG)) as CryptoKey,
        publicJwk: parseJson(row.public_jwk),
        verifiesUntil,
      });
    }
    this.#keys = keys;
    this.#loadedAt = this.#now();
  }
}

const toMillis = (value: Date | string) => (value instanceof Date ? value.getTime() : Date.parse(value));
/** jsonb arrives parsed from both drivers; a string only if a driver is configured otherwise. */
const parseJson = (value: JWK | string): JWK => (typeof value === 'string' ? (JSON.parse(value) as JWK) : value);
