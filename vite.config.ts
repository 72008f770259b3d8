/**
 * Builds the widget's code for dealers' pages as the Coverkit host serves it:
 * an ES module (widget/coverkit.ts) and the chunks it imports, each named by
 * its content's hash under dist/widget/assets/ (served at /widget/, cached for
 * good). scripts/build-widget.mjs then builds the loader, /coverkit.js, that
 * puts the module on the page, writes the Subresource Integrity of every file
 * to dist/widget/manifest.json and compresses each file ahead of time.
 */
import { defineConfig } from 'vite';

const CHUNKS = ['widget', 'steps', 'spanish'] as const;
/** Modules by where their path ends (under widget/, or in a package). */
const endsIn = (...paths: string[]) => new RegExp(`/(${paths.join('|')})$`);
const STEPS = endsIn(
  'widget/components/([a-z]+-step|policy-list|handoff)/[^/]+',
  'widget/components/result\\.styles\\.ts',
  'widget/internal/(form|form\\.styles|format|lookups|needs|step|policies|quote-reasons|quote-order)\\.ts',
  'contract/needs\\.ts',
  'widget/internal/strings/(en|states)\\.ts',
  'widget/api/quote-stream\\.ts',
  'widget/internal/journey/send-submission\\.ts',
  'lit(-html)?/directives/[^/]+',
  'lit(-html)?/(directive|directive-helpers)\\.js',
);

/**
 * Where a module goes: `widget`, the first chunk, with what the greeting needs (the element, the
 * journey, the API client, Lit, the greeting's English); `steps`, every step and the rest of English,
 * loaded when the browser is idle after the greeting (one chunk: the steps share most of their code,
 * and two would import each other); `spanish`, the Spanish strings.
 */
function chunkOf(id: string): (typeof CHUNKS)[number] {
  if (id.endsWith('/widget/internal/strings/es.ts')) return 'spanish';
  return STEPS.test(id) ? 'steps' : 'widget';
}

export default defineConfig({
  publicDir: false,
  build: {
    outDir: 'dist/widget',
    emptyOutDir: true,
    sourcemap: true,
    minify: true,
    target: 'es2022',
    manifest: true,
    modulePreload: false,
    rolldownOptions: {
      input: 'widget/coverkit.ts',
      output: {
        entryFileNames: 'assets/coverkit-[hash].js',
        chunkFileNames: 'assets/[name]-[hash].js',
        minify: true,
        // Three files rather than one per module: the loader lists each file's integrity (64 bytes that
        // do not compress), and the prefetch after the greeting asks for the steps anyway.
        codeSplitting: {
          includeDependenciesRecursively: false,
          groups: CHUNKS.map((name) => ({ name, test: (id: string) => chunkOf(id) === name })),
        },
      },
    },
  },
});
