// Builds the widget unless what is there was built from the same sources:
//   node scripts/build-widget.mjs            what the Coverkit server hosts (dist/widget): the loader coverkit.js,
//                                            the content-hashed module and chunks in assets/, manifest.json with
//                                            their Subresource Integrity, and a .br and .gz of each file
//   node scripts/build-widget.mjs --package  the npm package @coverkit/widget (widget/dist; its prepack, which then
//                                            writes custom-elements.json with `cem analyze`)
// A lock makes two runs at once (two `npm test`s, a test and `npm start`) build
// once instead of emptying the folder under each other.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
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

/** Subresource Integrity of a file's bytes, as a script tag's `integrity` takes it. */
const integrity = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
/** The server serves dist/widget/assets/<name> at /widget/<name>. */
const assetUrl = (file) => `/widget/${file.replace(/^assets\//, '')}`;

async function buildHosted() {
  // Lit's production build, even when run from a test (vitest sets NODE_ENV=test, which Vite reads as development).
  process.env.NODE_ENV = 'production';
  const out = 'dist/widget';
  // The module and its chunks, content-hashed (vite.config.ts).
  await build({ logLevel: 'warn' });
  const viteManifest = JSON.parse(readFileSync(join(out, '.vite/manifest.json'), 'utf8'));
  rmSync(join(out, '.vite'), { recursive: true, force: true });
  const entry = Object.values(viteManifest).find((chunk) => chunk.isEntry);
  // The first paint is this one file: a static import would load a later chunk with it (vite.config.ts puts
  // each module in a chunk by its path, so a module the greeting needs must not match a later chunk's list).
  if (entry.imports?.length) {
    throw new Error(`The widget's first chunk imports ${entry.imports.join(', ')}: see chunkOf in vite.config.ts`);
  }
  const module = { src: assetUrl(entry.file), integrity: integrity(readFileSync(join(out, entry.file))) };
  // Every chunk the module loads later (the steps, the Spanish strings), by name, with its integrity:
  // the loader hands them to the module, which pins each before importing it (widget/internal/chunks.ts).
  const chunks = Object.fromEntries(
    Object.values(viteManifest)
      .filter((chunk) => !chunk.isEntry && chunk.file.endsWith('.js'))
      .map((chunk) => [chunk.name, { src: assetUrl(chunk.file), integrity: integrity(readFileSync(join(out, chunk.file))) }]),
  );

  // The loader, with the module's address and integrity (and its chunks') written in: dist/widget/coverkit.js (the stable
  // /coverkit.js) and the same bytes under its own hash, for pages that pin a version.
  await build({
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    define: {
      __COVERKIT_MODULE_SRC__: JSON.stringify(module.src),
      __COVERKIT_MODULE_INTEGRITY__: JSON.stringify(module.integrity),
      __COVERKIT_CHUNKS__: JSON.stringify(chunks),
    },
    build: {
      outDir: out,
      emptyOutDir: false,
      minify: true,
      target: 'es2022',
      lib: { entry: 'widget/loader.ts', formats: ['iife'], name: 'CoverkitLoader', fileName: () => 'coverkit.js' },
      rolldownOptions: { output: { minify: true } },
    },
  });
  const loaderBytes = readFileSync(join(out, 'coverkit.js'));
  const loaderFile = `assets/loader-${createHash('sha256').update(loaderBytes).digest('hex').slice(0, 10)}.js`;
  copyFileSync(join(out, 'coverkit.js'), join(out, loaderFile));

  const version = JSON.parse(readFileSync('widget/package.json', 'utf8')).version;
  const scripts = readdirSync(join(out, 'assets'))
    .filter((name) => name.endsWith('.js'))
    .sort();
  const manifest = {
    version,
    loader: { src: assetUrl(loaderFile), integrity: integrity(loaderBytes) },
    module,
    files: Object.fromEntries(scripts.map((name) => [`/widget/${name}`, integrity(readFileSync(join(out, 'assets', name)))])),
  };
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);

  // Compressed once here, at the highest levels, rather than on every request.
  for (const file of files(out)) {
    if (!/\.(js|map|json)$/.test(file)) continue;
    const bytes = readFileSync(file);
    writeFileSync(
      `${file}.br`,
      brotliCompressSync(bytes, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
    );
    writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
  }
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
