/**
 * The widget's files as a dealer page's browser fetches them: the loader at
 * /coverkit.js revalidates (ETag → 304 with no body), the content-hashed
 * module is kept for a year, every file's bytes match the Subresource
 * Integrity the manifest publishes (and the loader carries the module's),
 * each is sent brotli, gzip or as it is as Accept-Encoding asks, and any
 * origin may read them.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodedBody, rawGet } from '../../helpers/raw-http.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  // Built unless what is there was built from the same sources.
  await promisify(execFile)(process.execPath, ['scripts/build-widget.mjs']);
  server = await startTestServer();
});
afterAll(() => server?.close());

const raw = (path: string, headers: Record<string, string> = {}) => rawGet(`${server.url}${path}`, headers);

const sri = (bytes: Buffer) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

type Manifest = {
  version: string;
  loader: { src: string; integrity: string };
  module: { src: string; integrity: string };
  files: Record<string, string>;
};

const manifest = async () => JSON.parse((await raw('/widget/manifest.json')).body.toString('utf8')) as Manifest;

describe('the loader at /coverkit.js', () => {
  it('is small, revalidated on every visit, and answers 304 with no body to the ETag it gave', async () => {
    const first = await raw('/coverkit.js');
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(first.headers['cache-control']).toBe('public, no-cache');
    expect(first.body.byteLength).toBeLessThan(8 * 1024);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);

    const again = await raw('/coverkit.js', { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.body.byteLength).toBe(0);
    expect(again.headers.etag).toBe(etag);

    // Another build's ETag gets the file.
    const stale = await raw('/coverkit.js', { 'If-None-Match': '"an-older-build"' });
    expect(stale.status).toBe(200);
    expect(stale.body).toEqual(first.body);

    // Each encoding is its own representation, with its own ETag.
    const br = await raw('/coverkit.js', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect((await raw('/coverkit.js', { 'Accept-Encoding': 'br', 'If-None-Match': String(br.headers.etag) })).status).toBe(304);
    expect((await raw('/coverkit.js', { 'Accept-Encoding': 'br', 'If-None-Match': etag })).status).toBe(200);
  });

  it('is the pinnable loader of the manifest, byte for byte, and carries the module’s address and integrity', async () => {
    const { loader, module } = await manifest();
    const stable = await raw('/coverkit.js');
    expect(sri(stable.body)).toBe(loader.integrity);
    const pinned = await raw(loader.src);
    expect(pinned.status).toBe(200);
    expect(pinned.body).toEqual(stable.body);
    const text = stable.body.toString('utf8');
    expect(text).toContain(module.src);
    expect(text).toContain(module.integrity);
  });
});

describe('the content-hashed files', () => {
  it('match the integrity the manifest publishes, are kept for a year, and can be read from any origin', async () => {
    const { files, module, loader } = await manifest();
    expect(Object.keys(files)).toEqual(expect.arrayContaining([module.src, loader.src]));
    for (const [src, integrity] of Object.entries(files)) {
      expect(src).toMatch(/^\/widget\/[\w-]+-[\w-]{8,}\.js$/);
      const res = await raw(src, { Origin: 'https://dealer.example' });
      expect(res.status, src).toBe(200);
      expect(sri(res.body), src).toBe(integrity);
      expect(res.headers['cache-control'], src).toBe('public, max-age=31536000, immutable');
      expect(res.headers['content-type'], src).toBe('text/javascript; charset=utf-8');
      expect(res.headers['access-control-allow-origin'], src).toBe('*');
      expect(res.headers['cross-origin-resource-policy'], src).toBe('cross-origin');
      expect(res.headers.etag, src).toBeTruthy();
    }
  });

  it('are sent brotli, gzip or as they are, as Accept-Encoding asks, with Vary: Accept-Encoding', async () => {
    const { module } = await manifest();
    const identity = await raw(module.src);
    for (const [accept, expected] of [
      ['gzip, deflate, br, zstd', 'br'],
      ['br;q=0.8, gzip', 'gzip'],
      ['gzip', 'gzip'],
      ['*', 'br'],
      ['identity', undefined],
      ['deflate', undefined],
      ['', undefined],
    ] as const) {
      const res = await raw(module.src, accept ? { 'Accept-Encoding': accept } : {});
      expect(res.status, accept).toBe(200);
      expect(res.headers['content-encoding'], accept).toBe(expected);
      expect(res.headers.vary, accept).toMatch(/accept-encoding/i);
      expect(res.headers['content-length'], accept).toBe(String(res.body.byteLength));
      expect(decodedBody(res).equals(identity.body), accept).toBe(true);
      if (expected) expect(res.body.byteLength, accept).toBeLessThan(identity.body.byteLength / 3);
    }
  });

  it('answers 404 for names the build does not make, and for paths out of the folder', async () => {
    for (const path of [
      '/widget/coverkit-00000000.js',
      '/widget/nothing.js',
      '/widget/..%2Fcoverkit.js',
      '/widget/%2E%2E%2F.sources-sha256',
    ]) {
      expect((await raw(path)).status, path).toBe(404);
    }
  });
});
