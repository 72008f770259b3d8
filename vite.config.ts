/**
 * Builds the widget's code for dealers' pages as the Coverkit host serves it:
 * an ES module (widget/coverkit.ts) and the chunks it imports, each named by
 * its content's hash under dist/widget/assets/ (served at /widget/, cached for
 * good). scripts/build-widget.mjs then builds the loader, /coverkit.js, that
 * puts the module on the page, writes the Subresource Integrity of every file
 * to dist/widget/manifest.json and compresses each file ahead of time.
 */
import { defineConfig } from 'vite';

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
      },
    },
  },
});
