/** Shared pieces of the benchmarks: child servers on loopback and autocannon runs. */
import { type ChildProcess, fork } from 'node:child_process';
import autocannon from 'autocannon';
import { freePort } from '../test/helpers/server.ts';

export type Child<T> = {
  url: string;
  message: T;
  /** CPU time (user + system, µs) the server process has used so far. */
  cpuMicros: () => Promise<number>;
  /** The server's resident and heap memory, bytes, after a garbage collection. */
  memory: () => Promise<{ rss: number; heapUsed: number }>;
  stop: () => Promise<void>;
};

/** Starts a server script in its own process (its own core), waiting for its ready message. */
export async function startChild<T = unknown>(
  script: string,
  env: Record<string, string> = {},
  execArgv: string[] = [],
): Promise<Child<T>> {
  const port = await freePort();
  const child: ChildProcess = fork(script, [], {
    execArgv: ['--import', 'tsx', '--expose-gc', ...execArgv],
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const message = await new Promise<T>((resolve, reject) => {
    child.once('message', (m) => resolve(m as T));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    message,
    cpuMicros: () => ask<{ cpuMicros: number }>(child, 'cpu', 'cpuMicros').then((m) => m.cpuMicros),
    memory: () => ask<{ rss: number; heapUsed: number }>(child, 'memory', 'rss'),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Sends `question` to a child server and resolves with its first reply carrying `key`. */
function ask<T>(child: ChildProcess, question: string, key: string): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (m: unknown) => {
      if (typeof m === 'object' && m !== null && key in m) {
        child.off('message', onMessage);
        resolve(m as T);
      }
    };
    child.on('message', onMessage);
    child.send(question);
  });
}

export type Load = {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  seconds: number;
  connections?: number;
  /** Fixed request rate (req/s across all connections) instead of as fast as possible. */
  rate?: number;
};

export type LoadResult = {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** Server CPU time per answered request, µs (when the server is a Child). */
  cpuPerRequest?: number;
};

export async function load(options: Load, server?: Child<unknown>): Promise<LoadResult> {
  const cpuBefore = await server?.cpuMicros();
  const result = await autocannon({
    url: options.url,
    method: options.method ?? 'GET',
    headers: options.headers,
    body: options.body,
    duration: options.seconds,
    connections: options.connections ?? 32,
    ...(options.rate ? { overallRate: options.rate } : {}),
  });
  const cpuAfter = await server?.cpuMicros();
  const answered = result.requests.total;
  return {
    ...(cpuBefore !== undefined && cpuAfter !== undefined && answered > 0 ? { cpuPerRequest: (cpuAfter - cpuBefore) / answered } : {}),
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
