/**
 * Serves a vendor's sandbox on a loopback port of its own, the way a real
 * vendor is reached (COVERKIT_MODE=live, or a `<VENDOR>_BASE_URL` set), and
 * lets a test swap which sandbox answers between requests: one stand-in
 * address, several behaviours.
 */
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';

type App = { fetch: (request: Request) => Response | Promise<Response> };

export type StandIn = { url: string; answerWith: (app: App) => void; close: () => Promise<void> };

export async function serveStandIn(first: App): Promise<StandIn> {
  let current = first;
  const server = await new Promise<ServerType>((resolve) => {
    const started: ServerType = serve({ fetch: (request) => current.fetch(request), port: 0, hostname: '127.0.0.1' }, () =>
      resolve(started),
    );
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    answerWith: (app) => void (current = app),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}
