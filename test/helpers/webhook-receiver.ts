/**
 * A dealer's webhook receiver for tests: a real HTTP server on loopback that
 * records every request it gets (headers and raw body, as a receiver must
 * verify them) and answers each with the next status of its script (200 once
 * the script runs out).
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceivedWebhook = { headers: IncomingHttpHeaders; body: string; at: number; answered: number };

export type WebhookReceiver = {
  url: string;
  received: ReceivedWebhook[];
  /** Statuses to answer the next requests with, in order. */
  answer: (...statuses: number[]) => void;
  /** Resolves once `count` requests matching `match` have arrived (or fails after `timeoutMs`). */
  waitFor: (match: (w: ReceivedWebhook) => boolean, count?: number, timeoutMs?: number) => Promise<ReceivedWebhook[]>;
  close: () => Promise<void>;
};

export async function startWebhookReceiver(path = '/hooks/coverkit'): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const script: number[] = [];
  const waiters = new Set<() => void>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const answered = script.shift() ?? 200;
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now(), answered });
      res.writeHead(answered, { 'content-type': 'text/plain' }).end(answered < 300 ? 'ok' : 'no');
      for (const wake of waiters) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    received,
    answer: (...statuses) => script.push(...statuses),
    waitFor: (match, count = 1, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const matching = received.filter(match);
          if (matching.length < count) return;
          cleanup();
          resolve(matching);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`expected ${count} webhooks, got ${received.filter(match).length}: ${received.map((r) => r.body).join('\n')}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
