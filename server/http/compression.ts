/**
 * Compression of what the server sends, negotiated by Accept-Encoding (brotli,
 * then gzip) with `Vary: Accept-Encoding`: JSON, pages, the OpenAPI document.
 * It wraps Node's request listener (the `compression` package) rather than
 * being Hono middleware, so routes keep @hono/node-server's fast path (see
 * headers.ts) and bodies are compressed as they are written. Left alone:
 * bodies under 1 KB, HEAD, `Cache-Control: no-transform`, answers that are
 * already encoded or carry an ETag (the widget's files, compressed at build
 * time, one ETag per encoding), and the quote streams (`text/event-stream`),
 * whose events must reach the browser as they are written, not when a
 * compressor's buffer fills.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import compression from 'compression';

const STREAM = /^\s*text\/event-stream\b/i;
const THRESHOLD_BYTES = 1024;

type NodeMiddleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
type FastPathResponse = ServerResponse & { _contentLength?: number | null };

/**
 * @hono/node-server tells Node the length of a string or byte body without a
 * Content-Length header (Node's own `_contentLength`, part of its fast path),
 * where the `compression` package looks neither for its threshold nor to
 * drop it when it compresses: made a header, it does both.
 */
function lengthAsHeader(res: FastPathResponse) {
  if (typeof res._contentLength !== 'number') return;
  res.setHeader('Content-Length', res._contentLength);
  res._contentLength = null;
}

const compress = compression({
  threshold: THRESHOLD_BYTES,
  filter: (req, res) => {
    lengthAsHeader(res);
    if (STREAM.test(String(res.getHeader('Content-Type') ?? ''))) return false;
    // An ETag names the bytes it was given for (the widget's files, one per encoding): other bytes may not carry it.
    if (res.hasHeader('ETag')) return false;
    return compression.filter(req, res);
  },
}) as unknown as NodeMiddleware;

/** `node:http`'s createServer whose every response goes through compression: @hono/node-server's `createServer` option. */
export const createCompressingServer = ((options: object, listener: RequestListener) =>
  createServer(options, (req, res) => compress(req, res, () => listener(req, res)))) as unknown as typeof createServer;
