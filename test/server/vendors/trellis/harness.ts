/**
 * Serves the Trellis sandbox on a loopback port, mounted at /sandbox/trellis
 * as the server mounts it, with a clock the test moves by hand, and a client
 * pointed at it.
 */

import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { FaultKnobs } from '../../../../server/vendors/shared/faults.ts';
import { TrellisClient, type TrellisClientOptions } from '../../../../server/vendors/trellis/client.ts';
import type { TrellisConfig } from '../../../../server/vendors/trellis/config.ts';
import { createTrellisSandbox, type TrellisSandboxOptions } from '../../../../server/vendors/trellis/sandbox/index.ts';

export const CLIENT_ID = 'sandbox-client-id';
export const SECRET_KEY = 'sandbox-secret-key';
export const SECRET_HEADERS = { 'X-API-Client-Id': CLIENT_ID, 'X-API-Secret-Key': SECRET_KEY };

/** A fixed instant, mid-month, so date arithmetic in assertions is easy to follow. */
export const START = Date.parse('2026-11-22T15:00:00Z');

export type Sandbox = {
  /** The Trellis base URL of the sandbox: what TRELLIS_BASE_URL would hold. */
  baseUrl: string;
  faults: FaultKnobs;
  clock: { now: number; advance: (ms: number) => void };
  client: (options?: TrellisClientOptions & Partial<TrellisConfig>) => TrellisClient;
  close: () => Promise<void>;
};

export async function startSandbox(options: TrellisSandboxOptions & { realClock?: boolean } = {}): Promise<Sandbox> {
  const faults = options.faults ?? new FaultKnobs();
  const clock = { now: START, advance: (ms: number) => void (clock.now += ms) };
  const now = options.realClock ? undefined : () => new Date(clock.now);
  const app = new Hono().route('/sandbox/trellis', createTrellisSandbox({ now, ...options, faults }));
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}/sandbox/trellis`;
  return {
    baseUrl,
    faults,
    clock,
    client: ({ retries = 0, backoffLimitMs = 10, ...config } = {}) =>
      new TrellisClient({ baseUrl, clientId: CLIENT_ID, secretKey: SECRET_KEY, timeoutMs: 2_000, ...config }, { retries, backoffLimitMs }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A seed example from ./fixtures, parsed. */
export function seedExample<T = any>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as T;
}

/** Logs in as a persona through the sandbox's POST /account and returns the raw answer. */
export async function login(
  baseUrl: string,
  body: { issuerId: string; username: string; password: string },
  headers: Record<string, string> = SECRET_HEADERS,
) {
  const response = await fetch(`${baseUrl}/account`, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

export async function connect(baseUrl: string, issuerId = 'geico', username = 'user_good') {
  const res = await login(baseUrl, { issuerId, username, password: 'pass_good' });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { connectionId: string; temporaryAccessKey: string };
}

/** GET /account/{connectionId}/policies with the given headers, the way the seed's curl example sends it. */
export async function getPolicies(baseUrl: string, connectionId: string, headers: Record<string, string>) {
  const response = await fetch(`${baseUrl}/account/${encodeURIComponent(connectionId)}/policies`, {
    headers: { Accept: 'application/json', ...headers },
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    contentType: response.headers.get('content-type'),
    body: text ? JSON.parse(text) : undefined,
  };
}
