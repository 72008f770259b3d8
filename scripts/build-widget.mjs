// Builds the widget unless what is there was built from the same sources:
//   node scripts/build-widget.mjs            the script the Coverkit server hosts (dist/widget)
//   node scripts/build-widget.mjs --package  the npm package @coverkit/widget (widget/dist; its prepack, which then
//                                            writes custom-elements.json with `cem analyze`)
// A lock makes two runs at once (two `npm test`s, a test and `npm start`) build
// once instead of emptying the folder under each other.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { widgetDeclarations } from './widget-declarations.mjs';

// npm runs a workspace's prepack in the workspace folder: work from the repository's root.
process.chdir(fileURLToPath(new URL('..', import.meta.url)));

const PACKAGE = process.argv.includes('--package');
const WIDGET_SOURCES = ['widget', 'contract', 'package-lock.json', 'scripts/build-widget.mjs'];
const TARGET = PACKAGE
  ? {
      sources: [...WIDGET_SOURCES, 'scripts/widget-declarations.mjs'],
      // Kept out of widget/dist, which is packed whole.
      stamp: 'dist/.widget-package-sha256',
      output: 'widget/dist/index.js',
      // The host loadCoverkit() defaults to is baked in.
      env: process.env.COVERKIT_PUBLIC_URL ?? '',
      make: buildPackage,
    }
  : {
      sources: [...WIDGET_SOURCES, 'vite.config.ts'],
      stamp: 'dist/widget/.sources-sha256',
      output: 'dist/widget/coverkit.js',
      env: '',
      make: buildHosted,
    };
const LOCK = 'dist/.widget-build-lock';
const STALE_LOCK_MS = 120_000;
const NOT_SOURCES = new Set(['node_modules', 'dist']);

function* files(path) {
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) if (!NOT_SOURCES.has(name)) yield* files(join(path, name));
  } else yield path;
}

function sourcesHash() {
  const hash = createHash('sha256').update(TARGET.env).update('\0');
  for (const root of TARGET.sources) for (const file of files(root)) hash.update(file).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

const readStamp = () => {
  try {
    return readFileSync(TARGET.stamp, 'utf8');
  } catch {
    return '';
  }
};

async function buildHosted() {
  await build({ logLevel: 'warn' });
}

async function buildPackage() {
  const widget = JSON.parse(readFileSync('widget/package.json', 'utf8'));
  const repo = JSON.parse(readFileSync('package.json', 'utf8'));
  if (widget.version !== repo.version) {
    throw new Error(
      `widget/package.json says ${widget.version}, the repository ${repo.version}: run npm version <v> --workspaces --include-workspace-root`,
    );
  }
  await build({ configFile: 'widget/vite.config.ts', logLevel: 'warn' });
  const widgetDir = join(process.cwd(), 'widget');
  for (const [name, text] of Object.entries(widgetDeclarations(widgetDir, ['index.ts', 'element.ts']))) {
    writeFileSync(join('widget/dist', name), text);
  }
}

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
  if (readStamp() !== hash || !existsSync(TARGET.output)) {
    rmSync(TARGET.stamp, { force: true });
    await TARGET.make();
    writeFileSync(TARGET.stamp, hash);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  status = 1;
} finally {
  rmSync(LOCK, { recursive: true, force: true });
}
process.exit(status);
