/**
 * Writes the OpenAPI document exactly as a running Coverkit serves it at
 * /openapi.json (sandbox mode, in-memory database, nothing listening), for
 * outside tools to read: `node --import tsx scripts/dump-openapi.ts [file]`
 * (stdout without a file). `npm run lint:openapi` lints what it writes.
 *
 * The document names the server's public address (COVERKIT_PUBLIC_URL); a
 * deployment has one, so the dump uses COVERKIT_PUBLIC_URL when set and a
 * stand-in deployment address otherwise, never the localhost of `npm start`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../server/config.ts';
import { createRuntime } from '../server/runtime.ts';

const env = {
  COVERKIT_PUBLIC_URL: process.env.COVERKIT_PUBLIC_URL ?? 'https://coverkit.dealer-tools.test',
  COVERKIT_DATA_DIR: path.join('dist', 'dump-openapi-unused'),
  // Nothing is stored: a throwaway key keeps sandbox mode from generating one into the data folder.
  COVERKIT_DATA_KEY: `dump:${Buffer.alloc(32).toString('base64')}`,
  LOG_LEVEL: 'silent',
};
const runtime = await createRuntime(loadConfig(env), { env, dealers: [], database: { driver: 'pglite' } });
try {
  const res = await runtime.app.request('/openapi.json');
  if (res.status !== 200) throw new Error(`/openapi.json answered ${res.status}`);
  const text = `${JSON.stringify(await res.json(), null, 2)}\n`;
  const file = process.argv[2];
  if (!file) process.stdout.write(text);
  else {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
} finally {
  await runtime.close();
}
