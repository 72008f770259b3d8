/** The sealing of shopper data at rest: AES-256-GCM under the configured data keys, with rotation. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config.ts';
import { parseDataKeys, sandboxDataKey } from '../../../server/security/data-keys.ts';
import { type DataKey, SealError, Sealer } from '../../../server/security/sealer.ts';
import { startProcess } from '../../helpers/process.ts';

const key = (id: string): DataKey => ({ id, key: randomBytes(32) });
const applicant = { email: 'maria.garcia@example.com', lastName: 'Garcia', dateOfBirth: '1984-03-09' };

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('Sealer', () => {
  it('seals a document so that none of it shows, and opens it for the same row', () => {
    const sealer = new Sealer([key('k1')]);
    const sealed = sealer.seal(applicant, 'submissions:sub_1');
    expect(sealed).toMatch(/^ck1\.k1\.[\w-]{16}\.[\w-]+$/);
    for (const value of Object.values(applicant)) expect(sealed).not.toContain(value);
    expect(sealer.open(sealed, 'submissions:sub_1')).toEqual(applicant);
    // A fresh IV each time: equal documents do not look equal.
    expect(sealer.seal(applicant, 'submissions:sub_1')).not.toBe(sealed);
  });

  it('refuses a value moved to another row or altered', () => {
    const sealer = new Sealer([key('k1')]);
    const sealed = sealer.seal(applicant, 'submissions:sub_1');
    expect(() => sealer.open(sealed, 'submissions:sub_2')).toThrow(SealError);
    const [format, id, iv, body = ''] = sealed.split('.');
    const flipped = [format, id, iv, `${body[0] === 'A' ? 'B' : 'A'}${body.slice(1)}`].join('.');
    expect(() => sealer.open(flipped, 'submissions:sub_1')).toThrow(SealError);
    // Claiming another key id is an alteration too.
    const twoKeys = new Sealer([key('k1'), key('k0')]);
    expect(() => twoKeys.open(twoKeys.seal(applicant, 'x:1').replace('.k1.', '.k0.'), 'x:1')).toThrow(SealError);
  });

  it('after a rotation seals under the new key and still opens what the old one sealed', () => {
    const old = key('k0');
    const before = new Sealer([old]).seal(applicant, 'sessions:ses_1');
    const rotated = new Sealer([key('k1'), old]);
    expect(rotated.open(before, 'sessions:ses_1')).toEqual(applicant);
    expect(rotated.seal(applicant, 'sessions:ses_1')).toMatch(/^ck1\.k1\./);
    expect(rotated.currentPrefix).toBe('ck1.k1.');
    // Without the old key, its values say which key is missing (and nothing of what they hold).
    expect(() => new Sealer([key('k1')]).open(before, 'sessions:ses_1')).toThrow(/data key k0/);
  });

  it('reads JSON stored before encryption as it is', () => {
    expect(new Sealer([key('k1')]).open('{"email":"a@example.com"}', 'sessions:ses_1')).toEqual({ email: 'a@example.com' });
  });

  it('gives keyed lookup hashes: stable per key, different per purpose, findable across a rotation', () => {
    const old = key('k0');
    const before = new Sealer([old]);
    const after = new Sealer([key('k1'), old]);
    const hash = before.lookupHash('conn_123', 'trellis-connection');
    expect(hash).toMatch(/^k0\.[0-9a-f]{64}$/);
    expect(before.lookupHash('conn_123', 'trellis-connection')).toBe(hash);
    expect(before.lookupHash('conn_123', 'other')).not.toBe(hash);
    expect(after.lookupHash('conn_123', 'trellis-connection')).toMatch(/^k1\./);
    expect(after.lookupHashes('conn_123', 'trellis-connection')).toContain(hash);
  });
});

describe('COVERKIT_DATA_KEY', () => {
  const a = randomBytes(32).toString('base64');
  const b = randomBytes(32).toString('base64');

  it('lists keys current first, named or by fingerprint (the same fingerprint when the key moves down the list)', () => {
    const named = parseDataKeys(`kid1:${a}, kid0:${b}`);
    expect(Array.isArray(named) && named.map((k) => k.id)).toEqual(['kid1', 'kid0']);
    const alone = parseDataKeys(a) as DataKey[];
    const second = parseDataKeys(`new:${b},${a}`) as DataKey[];
    expect(alone[0]!.id).toMatch(/^k[0-9a-f]{10}$/);
    expect(second[1]!.id).toBe(alone[0]!.id);
  });

  it('refuses a bad value naming the variable, never repeating the value', () => {
    for (const bad of ['c2hvcnQ=', `k 1:${a}`, `x:${a},x:${b}`, 'not base64 at all!']) {
      let error: unknown;
      try {
        loadConfig({ COVERKIT_DATA_KEY: bad });
      } catch (caught) {
        error = caught;
      }
      expect(error, bad).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain('COVERKIT_DATA_KEY');
      expect((error as Error).message).not.toContain(bad);
    }
  });

  it('is required in live mode', () => {
    expect(() => loadConfig({ COVERKIT_MODE: 'live' })).toThrow(/COVERKIT_DATA_KEY is required in live mode/);
    expect(() => loadConfig({ COVERKIT_MODE: 'live', COVERKIT_DATA_KEY: '' })).toThrow(/COVERKIT_DATA_KEY is required/);
    expect(loadConfig({ COVERKIT_MODE: 'live', COVERKIT_DATA_KEY: a }).dataKeys).toHaveLength(1);
  });

  it('in sandbox mode, unset, is generated once and kept in the data folder for the operator only', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'coverkit-data-key-'));
    dirs.push(dir);
    const first = sandboxDataKey(dir);
    expect(statSync(path.join(dir, 'data-key')).mode & 0o777).toBe(0o600);
    expect(sandboxDataKey(dir)).toEqual(first);
  });
});

describe('a live server without COVERKIT_DATA_KEY', () => {
  it('refuses to start, saying which variable is missing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'coverkit-live-'));
    dirs.push(dir);
    const start = startProcess({ COVERKIT_MODE: 'live', COVERKIT_DATA_DIR: dir, COVERKIT_DATA_KEY: '' });
    await expect(start).rejects.toThrow(/server exited with 1:[\s\S]*COVERKIT_DATA_KEY is required in live mode/);
  });
});
