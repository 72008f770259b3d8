// Builds the widget into dist/widget unless what is there was built from the same
// sources. A lock makes two runs at once (two `npm test`s, a test and `npm start`)
// build it once instead of emptying the folder under each other.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const SOURCES = ['widget', 'contract', 'vite.config.ts', 'package-lock.json'];
const OUT = 'dist/widget';
const STAMP = join(OUT, '.sources-sha256');
const LOCK = 'dist/.widget-build-lock';
const STALE_LOCK_MS = 120_000;

function* files(path) {
  if (statSync(path).isDirectory()) for (const name of readdirSync(path).sort()) yield* files(join(path, name));
  else yield path;
}

function sourcesHash() {
  const hash = createHash('sha256');
  for (const root of SOURCES) for (const file of files(root)) hash.update(file).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

const readStamp = () => {
  try {
    return readFileSync(STAMP, 'utf8');
  } catch {
    return '';
  }
};

mkdirSync('dist', { recursive: true });
for (;;) {
  try {
    mkdirSync(LOCK);
    break;
  } catch {
    // A lock left by a build that was killed is taken over once it is old.
    try {
      if (Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
    } catch {}
    await sleep(200);
  }
}
let status = 0;
try {
  const hash = sourcesHash();
  if (readStamp() !== hash) {
    status = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' }).status ?? 1;
    if (status === 0) writeFileSync(STAMP, hash);
  }
} finally {
  rmSync(LOCK, { recursive: true, force: true });
}
process.exit(status);
