/**
 * Builds the widget for dealers: dist/widget/coverkit.js is the classic script
 * a dealer page loads with one tag (it defines the elements and window.Coverkit);
 * coverkit.mjs is the same as an ES module for bundlers.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    outDir: 'dist/widget',
    emptyOutDir: true,
    sourcemap: true,
    minify: true,
    target: 'es2022',
    lib: {
      entry: 'widget/coverkit.ts',
      name: 'Coverkit',
      formats: ['iife', 'es'],
      fileName: (format) => (format === 'iife' ? 'coverkit.js' : 'coverkit.mjs'),
    },
    rolldownOptions: { output: { minify: true } },
  },
});
