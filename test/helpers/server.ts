/**
 * Starts a real Coverkit server for a test: the same runtime as `npm start`,
 * listening on a free loopback port, with test dealers and a private database.
 */
import type { Server as HttpServer, IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import type { ServerType } from '@hono/node-server';
import type { Dealer } from '../../server/auth/dealers.ts';
import { hashSecretKey } from '../../server/auth/secrets.ts';
import { loadConfig } from '../../server/config.ts';
import type { DatabaseOptions } from '../../server/db/index.ts';
import { listen } from '../../server/listen.ts';
import { createRuntime, type Runtime } from '../../server/runtime.ts';
import { parseDataKeys } from '../../server/security/data-keys.ts';
import { type DataKey, Sealer } from '../../server/security/sealer.ts';

export const TEST_ORIGIN = 'https://dealer.example';
export const OTHER_ORIGIN = 'https://other-dealer.example';

/**
 * The data key of test servers (a fixed one, so a test can start a second
 * server on the same database). A test of the sandbox's generated key passes
 * COVERKIT_DATA_KEY: '' (blank counts as unset).
 */
export const TEST_DATA_KEY = `test0:${Buffer.alloc(32, 7).toString('base64')}`;

/** A Sealer under TEST_DATA_KEY, for tests that build a store on a database of their own. */
export const testSealer = () => new Sealer(parseDataKeys(TEST_DATA_KEY) as DataKey[]);

/** Two dealers, so tests can try one's token against the other. */
export const TEST_DEALERS = {
  acme: { clientId: 'acme-motors', name: 'Acme Motors', secretKey: 'sk_test_acme_0123456789abcdefghijklmnop', origin: TEST_ORIGIN },
  other: { clientId: 'other-motors', name: 'Other Motors', secretKey: 'sk_test_other_0123456789abcdefghijklmnop', origin: OTHER_ORIGIN },
} as const;

function testDealers(): Dealer[] {
  return Object.values(TEST_DEALERS).map((d) => ({
    clientId: d.clientId,
    name: d.name,
    secretKeySha256: hashSecretKey(d.secretKey),
    allowedOrigins: [d.origin],
    products: ['quote', 'connect', 'lookup'],
  }));
}

/** Collects log lines so a test can assert what was (and was not) logged. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }
  get text() {
    return this.lines.join('\n');
  }
}

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * Resolves when the next request matching `method` and `path` reaches `server`
 * (as it arrives, before any answer): how a test knows a call is "out" without
 * guessing how long sending it takes on a busy machine.
 */
export function requestArrives(server: ServerType, method: string, path: string | RegExp): Promise<void> {
  const http = server as HttpServer;
  return new Promise((resolve) => {
    const onRequest = (req: IncomingMessage) => {
      const url = req.url ?? '';
      if (req.method !== method || (typeof path === 'string' ? !url.startsWith(path) : !path.test(url))) return;
      http.off('request', onRequest);
      resolve();
    };
    http.on('request', onRequest);
  });
}

export type TestServer = { url: string; runtime: Runtime; server: ServerType; logs: LogCapture; close: () => Promise<void> };

export async function startTestServer(
  options: { env?: Record<string, string>; database?: DatabaseOptions; dealers?: Dealer[]; now?: () => number } = {},
): Promise<TestServer> {
  const logs = new LogCapture();
  // A known port before start-up: the vendor clients call this server's own sandboxes on it.
  const env = {
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    COVERKIT_DATA_DIR: '/tmp/coverkit-test-unused',
    // Webhooks from a test server reach this machine's loopback only, whatever a test (or the fuzzer) registers.
    COVERKIT_WEBHOOK_TARGETS: 'loopback',
    COVERKIT_DATA_KEY: TEST_DATA_KEY,
    // AgencyZoom's pace is lifted unless a test sets it (agencyzoom-pace.test.ts does): tests run many servers a minute.
    AGENCYZOOM_CALLS_PER_MINUTE: '100000',
    AGENCYZOOM_NIGHT_CALLS_PER_MINUTE: '100000',
    ...options.env,
  };
  const config = loadConfig(env);
  const runtime = await createRuntime(config, {
    env,
    dealers: options.dealers ?? testDealers(),
    database: options.database ?? { driver: 'pglite' },
    logDestination: logs,
    now: options.now,
  });
  const server = await listen(runtime);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    runtime,
    server,
    logs,
    // As a real shutdown does: drain first, so open quote streams end and deliveries settle, then stop listening.
    // (Closing the HTTP server first would wait for every open stream to end by itself.)
    close: async () => {
      await runtime.drain();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.close();
    },
  };
}
