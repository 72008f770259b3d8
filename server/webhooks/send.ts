/**
 * One POST of a signed event to an endpoint, with node's own http client: no
 * cookies, no credentials, no redirects followed (a 3xx is a failed try), a
 * whole-try deadline, the address checked by the target policy at connect
 * time, and only the first few KB of the answer read (it is never used).
 */
import http from 'node:http';
import https from 'node:https';
import { checkLiteralHost, guardedLookup, type TargetPolicy, TargetRefused } from './target-policy.ts';

export type SendResult =
  | { answered: true; statusCode: number; latencyMs: number }
  | { answered: false; error: string; latencyMs: number; refused?: boolean };

const MAX_ANSWER_BYTES = 64 * 1024;

export function sendWebhook(
  target: string,
  headers: Record<string, string>,
  body: string,
  options: { policy: TargetPolicy; timeoutMs: number },
): Promise<SendResult> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  let url: URL;
  try {
    url = new URL(target);
    checkLiteralHost(options.policy, url);
  } catch (error) {
    const message = error instanceof TargetRefused ? error.message : 'The URL is not valid';
    return Promise.resolve({ answered: false, error: message, latencyMs: 0, refused: true });
  }
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(result);
    };
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(url, {
      method: 'POST',
      // A fresh connection per try: nothing (a socket, a TLS session) is shared between dealers' endpoints.
      agent: false,
      lookup: guardedLookup(options.policy) as never,
      headers: {
        ...headers,
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
        'user-agent': 'Coverkit-Webhooks/1.0',
      },
    });
    const deadline = setTimeout(() => {
      request.destroy();
      finish({ answered: false, error: `No answer within ${options.timeoutMs / 1000} s`, latencyMs: latency() });
    }, options.timeoutMs);
    request.on('response', (response) => {
      const statusCode = response.statusCode ?? 0;
      let read = 0;
      response.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > MAX_ANSWER_BYTES) response.destroy();
      });
      const done = () => finish({ answered: true, statusCode, latencyMs: latency() });
      response.on('end', done);
      response.on('close', done);
      response.on('error', done);
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      const refused = error instanceof TargetRefused || error.code === 'ETARGETREFUSED';
      finish({
        answered: false,
        error: refused ? error.message : connectionError(error),
        latencyMs: latency(),
        ...(refused ? { refused } : {}),
      });
    });
    request.end(body);
  });
}

/** A connection failure in plain words, without internal addresses. */
function connectionError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'The connection was refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'The host name could not be resolved';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'The connection was closed before an answer';
    case 'ETIMEDOUT':
      return 'The connection timed out';
    default:
      return error.code?.startsWith('ERR_TLS') || error.code?.includes('CERT') ? 'The TLS handshake failed' : 'The connection failed';
  }
}
