/**
 * A PACE sandbox served on a loopback port, and a client pointed at it, the
 * way the server wires them: the client only knows a base URL and a key.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import {
  createPaceSandbox,
  PaceClient,
  type PaceClientOptions,
  type PaceConfig,
  paceConfigFromEnv,
} from '../../../../server/vendors/pace/index.ts';
import { FaultKnobs } from '../../../../server/vendors/shared/faults.ts';

export type PaceHarness = {
  url: string;
  knobs: FaultKnobs;
  config: PaceConfig;
  client: PaceClient;
  /** A client with other settings (another key, a shorter timeout…). */
  clientWith: (env?: Record<string, string>, options?: PaceClientOptions) => PaceClient;
  /** Raw HTTP to the sandbox, with the sandbox key unless headers say otherwise. */
  call: (path: string, init?: RequestInit & { json?: unknown }) => Promise<{ status: number; headers: Headers; body: any }>;
  close: () => Promise<void>;
};

const SANDBOX_KEY = 'sandbox-pace-key';

export async function startPaceSandbox(options: { now?: () => Date } = {}): Promise<PaceHarness> {
  const knobs = new FaultKnobs();
  const app = createPaceSandbox({ faults: knobs, ...options });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientWith = (env: Record<string, string> = {}, clientOptions: PaceClientOptions = { retries: 0 }) =>
    new PaceClient(paceConfigFromEnv(env, { sandboxBaseUrl: url }), clientOptions);
  const config = paceConfigFromEnv({}, { sandboxBaseUrl: url });
  return {
    url,
    knobs,
    config,
    client: clientWith(),
    clientWith,
    call: async (path, init = {}) => {
      const headers = new Headers(init.headers);
      if (!headers.has('pace-api-key')) headers.set('pace-api-key', SANDBOX_KEY);
      let body = init.body;
      if (init.json !== undefined) {
        headers.set('Content-Type', 'application/json');
        body = JSON.stringify(init.json);
      }
      const response = await fetch(`${url}${path}`, { ...init, headers, body });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, headers: response.headers, body: parsed };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Fills the seed's `<…>` and `{…}` placeholders of a documented error body, in order. */
export function documentedError(example: { exception: string; message: string[] }, ...values: string[]) {
  let next = 0;
  return {
    exception: example.exception,
    message: example.message.map((m) => m.replace(/<[^>]+>|\{[^}]+\}/g, () => values[next++] ?? '')),
  };
}
