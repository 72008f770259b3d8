/**
 * Builds @coverkit/widget for npm (widget/dist): ES modules a dealer's bundler
 * takes in, readable rather than minified (the dealer's build minifies), with
 * lit left to the dealer's dependency tree so a page that has it loads it once.
 * `npm pack -w widget` runs it through scripts/build-widget.mjs --package.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  define: {
    // The host loadCoverkit() loads from when it is not told.
    __COVERKIT_DEFAULT_HOST__: JSON.stringify((process.env.COVERKIT_PUBLIC_URL ?? 'http://localhost:8787').replace(/\/$/, '')),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    minify: false,
    target: 'es2022',
    lib: {
      entry: { index: 'index.ts', element: 'element.ts' },
      formats: ['es'],
    },
    rolldownOptions: {
      external: [/^lit($|\/)/, /^@lit\//],
      output: { chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
