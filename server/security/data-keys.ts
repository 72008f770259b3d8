/**
 * Where the data keys come from. COVERKIT_DATA_KEY lists them, current first:
 * `kid1:<base64 of 32 bytes>,kid0:<base64>` (an entry without `id:` is named
 * by its fingerprint, so a key keeps its id when a newer one is put before it).
 * Live mode requires it (config.ts refuses to start without). In sandbox mode,
 * when it is unset, one key is generated once and kept in the data folder,
 * readable by the operator only, so a restart still opens what was sealed.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import { type DataKey, KEY_ID_PATTERN } from './sealer.ts';

/** What COVERKIT_DATA_KEY should look like, for the messages that refuse a bad one. */
export const DATA_KEY_HINT = 'base64 of 32 random bytes (openssl rand -base64 32); to rotate, list the new key first: new:<key>,old:<key>';

/**
 * The keys a COVERKIT_DATA_KEY value lists, or a message saying what is wrong
 * with it (which never repeats the value: it is a secret).
 */
export function parseDataKeys(text: string): DataKey[] | string {
  const keys: DataKey[] = [];
  for (const [index, entry] of text.split(',').entries()) {
    const trimmed = entry.trim();
    const colon = trimmed.indexOf(':');
    const id = colon === -1 ? undefined : trimmed.slice(0, colon);
    const encoded = colon === -1 ? trimmed : trimmed.slice(colon + 1);
    const key = Buffer.from(encoded, 'base64');
    const which = `entry ${index + 1}`;
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || key.length !== 32) return `${which} is not ${DATA_KEY_HINT}`;
    if (id !== undefined && !KEY_ID_PATTERN.test(id)) return `${which}: a key id is 1–32 letters, digits or dashes`;
    const named = { id: id ?? fingerprint(key), key };
    if (keys.some((k) => k.id === named.id)) return `${which}: key id ${named.id} is listed twice`;
    keys.push(named);
  }
  return keys;
}

/** A key's id when it is given without one: stable, and reveals nothing usable about the key. */
function fingerprint(key: Buffer): string {
  return `k${createHash('sha256').update('coverkit data key id\0').update(key).digest('hex').slice(0, 10)}`;
}

/**
 * The sandbox's own key, made the first time and kept in `dataDir/data-key`
 * (mode 0600). Several processes starting at once on one data folder agree on
 * one key: each writes its own file and links it into place, and whoever
 * loses that race reads the winner's.
 */
export function sandboxDataKey(dataDir: string): DataKey[] {
  const file = path.join(dataDir, 'data-key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(draft, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    try {
      linkSync(draft, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(draft, { force: true });
    }
  }
  const keys = parseDataKeys(readFileSync(file, 'utf8').trim());
  if (typeof keys === 'string') throw new Error(`${file}: ${keys}`);
  return keys;
}

/** The keys a server (or the re-encrypt command) seals and opens with: COVERKIT_DATA_KEY's, else the sandbox's own. */
export function configuredDataKeys(config: Pick<Config, 'dataKeys' | 'dataDir'>): DataKey[] {
  // Live mode cannot get here without COVERKIT_DATA_KEY (config.ts refuses to load).
  return config.dataKeys ?? sandboxDataKey(config.dataDir);
}
