/**
 * The widget's files as dealer pages load them (built by scripts/build-widget.mjs
 * into dist/widget/): the loader at the stable /coverkit.js and the manifest
 * of integrities at /widget/manifest.json, which the browser revalidates each
 * time (`no-cache` with an ETag: 304 and no body when nothing changed), and
 * the content-hashed module, chunks and source maps at /widget/<name>, kept
 * for a year (`immutable`): a new build has new names. Each is sent brotli or
 * gzip (compressed at build time) as Accept-Encoding asks, with
 * `Vary: Accept-Encoding`, and readable from any origin (module scripts and
 * `<script integrity crossorigin>` are fetched with CORS).
 */

import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from 'hono';
import { accepts } from 'hono/accepts';
import type { AppEnv } from '../http/env.ts';
import { errorResponse } from '../http/errors.ts';

export const REVALIDATE = 'public, no-cache';
export const IMMUTABLE = 'public, max-age=31536000, immutable';

type Encoding = 'br' | 'gzip' | 'identity';
const EXTENSIONS: Record<Exclude<Encoding, 'identity'>, string> = { br: '.br', gzip: '.gz' };
/** Brotli before gzip when the client takes both as well. */
const PREFERENCE = ['br', 'gzip'] as const;

type Representation = { body: Uint8Array<ArrayBuffer>; etag: string };
type File = { mtimeMs: number; size: number; type: string; forms: Partial<Record<Encoding, Representation>> };

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

function readForms(path: string): File['forms'] {
  const identity = readFileSync(path);
  const tag = createHash('sha256').update(identity).digest('base64url').slice(0, 22);
  const forms: File['forms'] = { identity: { body: identity, etag: `"${tag}"` } };
  for (const encoding of PREFERENCE) {
    try {
      forms[encoding] = { body: readFileSync(path + EXTENSIONS[encoding]), etag: `"${tag}-${encoding}"` };
    } catch {
      // Not compressed at build time: sent as it is.
    }
  }
  return forms;
}

/** The best encoding the client takes (highest q; brotli on a tie), else the file as it is. */
function negotiate(c: Context<AppEnv>): Encoding {
  return accepts(c, {
    header: 'Accept-Encoding',
    supports: [...PREFERENCE],
    default: 'identity',
    match: (offered) => {
      const wildcard = offered.find((a) => a.type === '*')?.q ?? 0;
      let best: Encoding = 'identity';
      let bestQ = 0;
      for (const encoding of PREFERENCE) {
        const q = offered.find((a) => a.type.toLowerCase() === encoding)?.q ?? wildcard;
        if (q > bestQ) [best, bestQ] = [encoding, q];
      }
      return best;
    },
  }) as Encoding;
}

/** Serves files under `root`, read once and again only when the build replaced them. */
export function widgetFiles(root: string) {
  const cache = new Map<string, File>();

  function load(name: string): File | undefined {
    const path = join(root, name);
    let stat: { mtimeMs: number; size: number };
    try {
      stat = statSync(path);
    } catch {
      return undefined;
    }
    const known = cache.get(name);
    if (known && known.mtimeMs === stat.mtimeMs && known.size === stat.size) return known;
    const extension = name.slice(name.lastIndexOf('.'));
    const file = { mtimeMs: stat.mtimeMs, size: stat.size, type: TYPES[extension] ?? 'application/octet-stream', forms: readForms(path) };
    cache.set(name, file);
    return file;
  }

  /** Answers with `name` (a path under root that the route has already checked), or 404 when it is not there. */
  return (c: Context<AppEnv>, name: string, cacheControl: string) => {
    const file = load(name);
    if (!file) return errorResponse(c, 404, { code: 'not_found', message: `No widget file ${c.req.path}` });
    const encoding = negotiate(c);
    const form = file.forms[encoding] ?? file.forms.identity!;
    const headers: Record<string, string> = {
      'Cache-Control': cacheControl,
      ETag: form.etag,
      Vary: 'Accept-Encoding',
      'Access-Control-Allow-Origin': '*',
    };
    const ifNoneMatch = c.req.header('If-None-Match');
    if (ifNoneMatch?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === form.etag || tag.trim() === '*')) {
      return c.body(null, 304, headers);
    }
    if (form !== file.forms.identity) headers['Content-Encoding'] = encoding;
    headers['Content-Type'] = file.type;
    headers['Content-Length'] = String(form.body.byteLength);
    return c.body(form.body, 200, headers);
  };
}
