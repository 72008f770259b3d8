/**
 * `npm start`'s process, really started: it prints the demo dealer's
 * credentials, serves, and on SIGTERM stops taking connections but finishes
 * the request in flight before it closes the database and exits.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { freePort } from '../../helpers/server.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'coverkit-shutdown-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs = 90_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; output so far:\n${seen}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve(seen);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
  });
}

it('starts with printed credentials, and on SIGTERM finishes the in-flight request, then exits 0', async () => {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', COVERKIT_DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const banner = await waitForOutput(child, /secretKey: (sk_\S+)/);
    expect(banner).toContain('clientId: demo-dealer');
    const secretKey = /secretKey: (sk_\S+)/.exec(banner)![1]!;

    // A request whose body is still arriving when SIGTERM lands.
    const body = JSON.stringify({ externalRef: 'in-flight' });
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: '/v1/sessions',
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(body),
            'X-Client-Id': 'demo-dealer',
            'X-Secret-Key': secretKey,
          },
        },
        (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode!, text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 5));
      setTimeout(() => {
        child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(5)), 300);
      }, 200);
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    const answered = await response;
    expect(answered.status).toBe(201);
    expect(JSON.parse(answered.text).sessionId).toMatch(/^ses_/);
    expect(await exited).toBe(0);
    // New connections are refused once it has stopped.
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  } finally {
    child.kill('SIGKILL');
  }
});
