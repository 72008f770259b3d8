/**
 * The AgencyZoom sandbox on a loopback port, recording each request it gets,
 * and a client pointed at it: every test goes through real HTTP.
 */
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { AgencyZoomClient, type AgencyZoomClientOptions } from '../../../../server/vendors/agencyzoom/client.ts';
import type { AgencyZoomConfig } from '../../../../server/vendors/agencyzoom/config.ts';
import { type AgencyZoomSandboxOptions, createAgencyZoomSandbox } from '../../../../server/vendors/agencyzoom/sandbox/index.ts';
import { SANDBOX_PASSWORD, SANDBOX_USERNAME } from '../../../../server/vendors/agencyzoom/vendor.ts';

export type Sandbox = {
  url: string;
  /** `METHOD /path` of every request the sandbox received, in order. */
  requests: string[];
  /** Rewrites requests before the sandbox sees them (to tamper with what the client sends). */
  intercept: (rewrite: ((request: Request) => Request) | undefined) => void;
  client: (config?: Partial<AgencyZoomConfig>, options?: AgencyZoomClientOptions) => AgencyZoomClient;
  /** A JWT for the sandbox account, straight from the login endpoint. */
  login: () => Promise<string>;
  close: () => Promise<void>;
};

export async function startSandbox(options: AgencyZoomSandboxOptions = {}): Promise<Sandbox> {
  const app = createAgencyZoomSandbox(options);
  const requests: string[] = [];
  let rewrite: ((request: Request) => Request) | undefined;
  const server = await new Promise<ServerType>((resolve) => {
    const started: ServerType = serve(
      {
        fetch: (request: Request) => {
          requests.push(`${request.method} ${new URL(request.url).pathname}`);
          return app.fetch(rewrite ? rewrite(request) : request);
        },
        port: 0,
        hostname: '127.0.0.1',
      },
      () => resolve(started),
    );
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    intercept: (next) => {
      rewrite = next;
    },
    client: (config = {}, clientOptions) =>
      new AgencyZoomClient(
        { baseUrl: url, username: SANDBOX_USERNAME, password: SANDBOX_PASSWORD, timeoutMs: 2_000, leadRouting: {}, ...config },
        clientOptions,
      ),
    login: async () => {
      const response = await post(url, '/v1/api/auth/login', { username: SANDBOX_USERNAME, password: SANDBOX_PASSWORD });
      if (response.status !== 200) throw new Error(`sandbox login failed: ${response.status}`);
      return (response.body as { jwt: string }).jwt;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type Answer = { status: number; headers: Headers; body: any };

/** A raw call, as a developer would make it with curl. */
export async function send(
  url: string,
  method: string,
  path: string,
  options: { json?: unknown; token?: string; body?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let body = options.body;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  const response = await fetch(`${url}${path}`, { method, headers, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

export const post = (url: string, path: string, json: unknown, token?: string) => send(url, 'POST', path, { json, token });
export const get = (url: string, path: string, token?: string) => send(url, 'GET', path, { token });

/** A sandbox clock the test moves by hand. */
export function manualClock(start: string) {
  let at = new Date(start).getTime();
  return {
    now: () => new Date(at),
    nowMs: () => at,
    advance: (ms: number) => {
      at += ms;
    },
  };
}
