/**
 * Runs in Node before the browser tests: starts a real Coverkit server whose
 * dealers allow the page origin the tests run on, and hands its address and
 * ready-made session tokens to the tests through `inject`. CoverHound's
 * sandbox carriers answer ten times faster than by default, so a whole quote
 * stream takes well under a second.
 *
 * It also starts a stand-in for the dealer's own backend, the only place the
 * secret key may be used (the API refuses it from browsers): tests ask it for
 * fresh dealer-made sessions and read submissions back through it, as a
 * dealer's server would.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';
import type { Dealer } from '../../server/auth/dealers.ts';
import { hashSecretKey } from '../../server/auth/secrets.ts';
import { garciaHousehold } from '../helpers/applicants.ts';
import { browserTestPort } from '../helpers/chromium.ts';
import { call, createSession, secretKeyHeaders } from '../helpers/http.ts';
import { startTestServer, TEST_DEALERS, type TestServer } from '../helpers/server.ts';

const origins = [`http://localhost:${browserTestPort()}`, `http://127.0.0.1:${browserTestPort()}`];

let server: TestServer | undefined;
/** A second server whose session tokens live 10 s: a shopper can outwait a token within a test. */
let shortTokens: TestServer | undefined;
let backend: Server | undefined;

const FAST_QUOTES = { SANDBOX_COVERHOUND_DELAY_SCALE: '0.1', COVERHOUND_POLL_INTERVAL_MS: '50' };
const SHORT_TOKEN_TTL_SECONDS = 10;

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
}

/**
 * The dealer backend stand-in: `POST /sessions` makes a session with the
 * secret key (`{ household: true }` pre-fills the Garcia household; anything
 * else is passed on as the session body); `POST /sessions/{id}/revoke` ends
 * one; `GET /submissions/{id}` and `GET /submissions?since=` read submissions
 * back with the secret key. Under `/short-tokens/` the same, on the server
 * whose tokens live 10 s.
 */
async function startDealerBackend(mainApi: string, shortTokenApi: string): Promise<string> {
  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  backend = createServer((req, res) => {
    const origin = req.headers.origin;
    if (origin && origins.includes(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type');
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
    }
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    const requested = new URL(req.url ?? '/', 'http://backend');
    const short = requested.pathname.startsWith('/short-tokens/');
    const apiBase = short ? shortTokenApi : mainApi;
    const url = new URL(requested.pathname.replace(/^\/short-tokens/, '') + requested.search, 'http://backend');
    void (async () => {
      if (req.method === 'POST' && url.pathname === '/sessions') {
        const { household, ...body } = await readJson(req);
        return send(res, 201, await createSession(apiBase, household ? { ...body, prefill: garciaHousehold() } : body));
      }
      const revoke = /^\/sessions\/([^/]+)\/revoke$/.exec(url.pathname);
      if (req.method === 'POST' && revoke) {
        const ended = await call(`${apiBase}/v1/sessions/${revoke[1]}/revoke`, { method: 'POST', headers: secretKeyHeaders() });
        return send(res, ended.status === 204 ? 200 : ended.status, { status: ended.status });
      }
      if (req.method === 'GET' && url.pathname.startsWith('/submissions')) {
        const read = await call(`${apiBase}/v1${url.pathname}${url.search}`, { headers: secretKeyHeaders() });
        return send(res, read.status, read.body);
      }
      send(res, 404, { error: 'no such route' });
    })().catch((error: unknown) => send(res, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve) => backend?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
}

export default async function setup(project: TestProject) {
  const dealers: Dealer[] = [
    {
      clientId: TEST_DEALERS.acme.clientId,
      name: TEST_DEALERS.acme.name,
      secretKeySha256: hashSecretKey(TEST_DEALERS.acme.secretKey),
      allowedOrigins: origins,
      products: ['quote', 'connect', 'lookup'],
    },
    {
      clientId: 'quote-only',
      name: 'Quote Only Cars',
      secretKeySha256: hashSecretKey('sk_test_quote_only_0123456789abcdef'),
      allowedOrigins: origins,
      products: ['quote'],
    },
  ];
  [server, shortTokens] = await Promise.all([
    startTestServer({ env: FAST_QUOTES, dealers }),
    startTestServer({ env: { ...FAST_QUOTES, COVERKIT_TOKEN_TTL_SECONDS: String(SHORT_TOKEN_TTL_SECONDS) }, dealers }),
  ]);
  // Dealer-made sessions come from the dealer backend stand-in, one per test (shopper.ts sessionToken): a session keeps its shopper's progress.
  project.provide('apiBase', server.url);
  project.provide('shortTokenApiBase', shortTokens.url);
  project.provide('dealerBackend', await startDealerBackend(server.url, shortTokens.url));
  return async () => {
    backend?.closeAllConnections();
    await new Promise((resolve) => (backend ? backend.close(resolve) : resolve(undefined)));
    await Promise.all([server?.close(), shortTokens?.close()]);
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    apiBase: string;
    /** The dealer backend stand-in (see startDealerBackend): fresh sessions, and submissions read back with the secret key. */
    dealerBackend: string;
    /** The server whose session tokens live 10 s (its dealer-made sessions from the backend under /short-tokens/). */
    shortTokenApiBase: string;
  }
}
