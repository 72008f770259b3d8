/**
 * Shopper data at rest. Every document we keep about a shopper (a
 * submission's applicant, a session's pre-fill, a webhook endpoint's signing
 * secret…) is sealed with AES-256-GCM before it is written and opened when it
 * is read, so a copy of the database (a backup, a replica, a leaked dump)
 * holds no name, e-mail, phone, birth date or licence number in clear text.
 *
 * A sealed value names the key that sealed it: `ck1.<keyId>.<iv>.<ciphertext+tag>`
 * (base64url). New values are sealed under the first (current) key; a value
 * under an older key still opens as long as that key is configured, and the
 * re-encrypt command (server/ops/reencrypt.ts) moves rows to the current one.
 *
 * Each value is bound to where it lives (`context`: its table and row id) as
 * additional authenticated data: a ciphertext copied into another row, e.g.
 * another dealer's submission, does not open.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/** One data key: 32 bytes and the id stored with everything it seals. */
export type DataKey = { id: string; key: Buffer };

const FORMAT = 'ck1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Key ids go between dots in a sealed value and into SQL prefix checks: no dot, no wildcard. */
export const KEY_ID_PATTERN = /^[A-Za-z0-9-]{1,32}$/;

type LoadedKey = DataKey & { lookupKey: Buffer };

export class SealError extends Error {}

export class Sealer {
  readonly #current: LoadedKey;
  readonly #byId: Map<string, LoadedKey>;

  /** `keys[0]` seals; every key opens what it sealed. */
  constructor(keys: readonly DataKey[]) {
    if (keys.length === 0) throw new Error('Sealer needs at least one data key');
    this.#byId = new Map();
    for (const { id, key } of keys) {
      if (!KEY_ID_PATTERN.test(id)) throw new Error(`Data key id ${JSON.stringify(id)} must be 1–32 letters, digits or dashes`);
      if (key.length !== 32) throw new Error(`Data key ${id} must be 32 bytes`);
      if (this.#byId.has(id)) throw new Error(`Data key id ${id} is listed twice`);
      // The lookup hashes get a key of their own, derived from the data key: one key, one use.
      const lookupKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'coverkit lookup hash', 32));
      this.#byId.set(id, { id, key, lookupKey });
    }
    this.#current = this.#byId.get(keys[0]!.id)!;
  }

  /** The id of the key new values are sealed under. */
  get currentKeyId(): string {
    return this.#current.id;
  }

  /** How a value sealed under the current key begins (for SQL: `starts_with(column, $1)`). */
  get currentPrefix(): string {
    return prefixOf(this.#current.id);
  }

  /** Seals `value` (anything JSON can hold) for the row `context` names. */
  seal(value: unknown, context: string): string {
    const { id, key } = this.#current;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(aad(id, context));
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${prefixOf(id)}${iv.toString('base64url')}.${body.toString('base64url')}`;
  }

  /**
   * Opens what `seal` made for the same `context`. A stored value that is not
   * sealed is JSON written before encryption (the re-encrypt command seals it).
   * Throws SealError when the key is not configured or the value was altered or moved.
   */
  open<T>(stored: string, context: string): T {
    if (!isSealed(stored)) return JSON.parse(stored) as T;
    const [, id = '', iv = '', body = ''] = stored.split('.');
    const loaded = this.#byId.get(id);
    if (!loaded) throw new SealError(`A stored value is sealed under data key ${id}, which COVERKIT_DATA_KEY does not list`);
    const bytes = Buffer.from(body, 'base64url');
    if (bytes.length < TAG_BYTES) throw new SealError('A stored sealed value is truncated');
    try {
      const decipher = createDecipheriv('aes-256-gcm', loaded.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(aad(id, context));
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      const plain = Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)), decipher.final()]);
      return JSON.parse(plain.toString('utf8')) as T;
    } catch {
      throw new SealError(
        `A stored value sealed under data key ${id} does not open for ${context.split(':')[0]}: altered, or moved from another row`,
      );
    }
  }

  /** `seal` for an optional value: null stays null. */
  sealOptional(value: unknown, context: string): string | null {
    return value === undefined || value === null ? null : this.seal(value, context);
  }

  /**
   * A keyed hash (HMAC-SHA-256) of a value that is sealed but must still be
   * found by equality, under the current key: `<keyId>.<hex>`. `purpose`
   * keeps the hashes of different kinds of value apart.
   */
  lookupHash(value: string, purpose: string): string {
    return hashUnder(this.#current, value, purpose);
  }

  /** The value's lookup hash under every configured key: rows written before a rotation are found too. */
  lookupHashes(value: string, purpose: string): string[] {
    return [...this.#byId.values()].map((key) => hashUnder(key, value, purpose));
  }
}

/**
 * What a row's sealed values are bound to: its table and key. Every store and
 * the re-encrypt command name rows this one way.
 */
export const rowContext = (table: string, key: string) => `${table}:${key}`;

/** True when a stored value is sealed (else it is JSON from before encryption). */
function isSealed(stored: string): boolean {
  return stored.startsWith(`${FORMAT}.`);
}

const prefixOf = (keyId: string) => `${FORMAT}.${keyId}.`;
const aad = (keyId: string, context: string) => Buffer.from(`${prefixOf(keyId)}${context}`, 'utf8');
const hashUnder = (key: LoadedKey, value: string, purpose: string) =>
  `${key.id}.${createHmac('sha256', key.lookupKey).update(`${purpose}\0${value}`, 'utf8').digest('hex')}`;
