/** Serves an AutoComplete sandbox on a loopback port and builds clients and requests against it. */
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { AutoCompleteClient, type AutoCompleteClientOptions } from '../../../../server/vendors/autocomplete/client.ts';
import { type AutoCompleteConfig, autoCompleteConfigFromEnv, SANDBOX_CREDENTIALS } from '../../../../server/vendors/autocomplete/config.ts';
import { type AutoCompleteSandboxOptions, createAutoCompleteSandbox } from '../../../../server/vendors/autocomplete/sandbox/index.ts';
import { FaultKnobs } from '../../../../server/vendors/shared/faults.ts';
import { call, type JsonResponse } from '../../../helpers/http.ts';

export type Sandbox = {
  url: string;
  faults: FaultKnobs;
  config: (env?: Record<string, string>) => AutoCompleteConfig;
  client: (options?: AutoCompleteClientOptions, env?: Record<string, string>) => AutoCompleteClient;
  post: (body: unknown, headers?: Record<string, string>) => Promise<JsonResponse>;
  get: (path?: string, headers?: Record<string, string>) => Promise<JsonResponse>;
  close: () => Promise<void>;
};

export const basic = (apiKey: string, apiSecret: string) => ({
  Authorization: `Basic ${Buffer.from(`${apiKey}:${apiSecret}`).toString('base64')}`,
});

export const SANDBOX_AUTH = basic(SANDBOX_CREDENTIALS.apiKey, SANDBOX_CREDENTIALS.apiSecret);

/** A clock a test moves by hand. */
export function manualClock(start = '2026-03-02T12:00:00.000Z') {
  let at = Date.parse(start);
  return { now: () => new Date(at), advance: (ms: number) => void (at += ms) };
}

/**
 * Starts a sandbox. Unless a test asks for the documented limit, the
 * one-request-per-second limit is lifted and the client does not space its
 * calls, so tests stay fast.
 */
export async function startSandbox(options: AutoCompleteSandboxOptions = {}, { documentedRateLimit = false } = {}): Promise<Sandbox> {
  const faults = options.faults ?? new FaultKnobs();
  const app = createAutoCompleteSandbox({ ...(documentedRateLimit ? {} : { rateLimitPerSecond: false }), ...options, faults });
  const server = await new Promise<ServerType>((resolve) => {
    const started: ServerType = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = (env: Record<string, string> = {}) => autoCompleteConfigFromEnv(env, { sandboxBaseUrl: url });
  return {
    url,
    faults,
    config,
    client: (clientOptions = {}, env = {}) =>
      new AutoCompleteClient(config(env), { minIntervalMs: 0, backoffLimitMs: 20, ...clientOptions }),
    post: (body, headers = SANDBOX_AUTH) => call(`${url}/people`, { method: 'POST', headers, json: body }),
    get: (path = '/people', headers = SANDBOX_AUTH) => call(`${url}${path}`, { headers }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets left by aborted calls would otherwise hold the close for seconds.
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}
