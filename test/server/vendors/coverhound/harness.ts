/**
 * A CoverHound sandbox on a loopback port, mounted under /sandbox/coverhound
 * as the server mounts it, and clients pointed at it. Every request the
 * sandbox receives is logged, and a test can answer some requests itself
 * (e.g. refuse every token) to drive the client down a path.
 */
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { Hono } from 'hono';
import { CoverHoundClient, type CoverHoundClientOptions } from '../../../../server/vendors/coverhound/client.ts';
import { type CoverHoundConfig, coverHoundConfigFromEnv } from '../../../../server/vendors/coverhound/config.ts';
import { type CoverHoundSandboxOptions, createCoverHoundSandbox } from '../../../../server/vendors/coverhound/sandbox/index.ts';
import { FaultKnobs } from '../../../../server/vendors/shared/faults.ts';

export type SandboxHarness = {
  /** The vendor base URL: http://127.0.0.1:PORT/sandbox/coverhound */
  baseUrl: string;
  faults: FaultKnobs;
  /** "METHOD /path-below-the-base" of every request received, in order. */
  requests: string[];
  /** Answers a request before the sandbox sees it when it returns a Response. */
  intercept: ((request: Request) => Response | undefined) | undefined;
  config: (overrides?: Record<string, string>) => CoverHoundConfig;
  client: (overrides?: Record<string, string>, options?: CoverHoundClientOptions) => CoverHoundClient;
  /** fetch on the sandbox: `call('/api/oauth/access_token', { method: 'POST', json })`. */
  call: (
    path: string,
    init?: { method?: string; json?: unknown; body?: string; headers?: Record<string, string> },
  ) => Promise<{ status: number; headers: Headers; body: any }>;
  /** A fresh token from the documented exchange. */
  token: () => Promise<string>;
  close: () => Promise<void>;
};

const MOUNT = '/sandbox/coverhound';

export async function startSandbox(options: CoverHoundSandboxOptions = {}): Promise<SandboxHarness> {
  const faults = options.faults ?? new FaultKnobs();
  const outer = new Hono().route(MOUNT, createCoverHoundSandbox({ delayScale: 0.01, ...options, faults }));
  const harness = { requests: [] as string[], intercept: undefined } as Partial<SandboxHarness> &
    Pick<SandboxHarness, 'requests' | 'intercept'>;
  const server: ServerType = await new Promise((resolve) => {
    const s = serve(
      {
        fetch: (request: Request) => {
          harness.requests.push(`${request.method} ${new URL(request.url).pathname.slice(MOUNT.length)}`);
          return harness.intercept?.(request) ?? outer.fetch(request);
        },
        port: 0,
        hostname: '127.0.0.1',
      },
      () => resolve(s),
    );
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${MOUNT}`;
  const config = (overrides: Record<string, string> = {}) => coverHoundConfigFromEnv(overrides, { sandboxBaseUrl: baseUrl });
  const call: SandboxHarness['call'] = async (path, init = {}) => {
    const headers: Record<string, string> = { Accept: 'application/json', ...init.headers };
    let body = init.body;
    if (init.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    const response = await fetch(`${baseUrl}${path}`, { method: init.method ?? 'GET', headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed };
  };
  return Object.assign(harness, {
    baseUrl,
    faults,
    config,
    client: (overrides?: Record<string, string>, clientOptions: CoverHoundClientOptions = { retries: 0 }) =>
      new CoverHoundClient(config(overrides), clientOptions),
    call,
    token: async () => {
      const res = await call('/api/oauth/access_token', {
        method: 'POST',
        json: { apiKey: 'eb6ad34d-6989-4f94-874d-e2f848dede63', apiSecret: '1337648ad51d99be78e446f8d721e8aa', grantType: 'credentials' },
      });
      return res.body as string;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/** A clock a test moves by hand, for the sandbox's `now` option. */
export function manualClock(start = Date.now()) {
  let at = start;
  return {
    now: () => new Date(at),
    advance: (ms: number) => void (at += ms),
    get ms() {
      return at;
    },
  };
}

/** Runs `fn`, expecting it to throw, and returns what it threw. */
export async function thrown(fn: () => unknown): Promise<any> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}
