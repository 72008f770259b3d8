/**
 * The script dealers put on their page, at the stable /coverkit.js: a few KB
 * that the browser revalidates on each visit (ETag, 304 with no body), so a
 * new release reaches every page at once and a repeat visit downloads no
 * widget code. It defines `window.Coverkit` at once (`create()` needs only the
 * DOM: the element it makes upgrades when its code arrives) and puts the
 * widget's content-hashed module on the page, checked against the Subresource
 * Integrity the build wrote in here. The chunks that module loads later (each
 * step, the Spanish strings) are checked too: the module is handed each one's
 * integrity (internal/chunks.ts), so a page that pins this loader pins every
 * byte of the widget.
 * `loadCoverkit()` and a page's `Coverkit.create(…)` therefore work as soon as
 * this script has run.
 */
import { create } from './create.ts';
import { version } from './package.json';

/** Written in by scripts/build-widget.mjs: the module's path on the host and its integrity, and each chunk's. */
declare const __COVERKIT_MODULE_SRC__: string;
declare const __COVERKIT_MODULE_INTEGRITY__: string;
declare const __COVERKIT_CHUNKS__: Record<string, { src: string; integrity: string }>;

if (!window.Coverkit) {
  window.Coverkit = { create, version };
  const self = document.currentScript as HTMLScriptElement | null;
  // Resolved against this script's own URL: the module is on the host this script came from.
  const base = self?.src ?? window.location.href;
  const script = document.createElement('script');
  script.type = 'module';
  script.src = new URL(__COVERKIT_MODULE_SRC__, base).href;
  script.integrity = __COVERKIT_MODULE_INTEGRITY__;
  script.crossOrigin = 'anonymous';
  // A page whose Content-Security-Policy allows scripts by nonce gave this script one: the module needs it too.
  if (self?.nonce) script.nonce = self.nonce;
  // Addresses resolved here, where this script's own URL is known.
  const chunks = Object.entries(__COVERKIT_CHUNKS__).map(([name, chunk]) => [name, { ...chunk, src: new URL(chunk.src, base).href }]);
  script.dataset.coverkitChunks = JSON.stringify(Object.fromEntries(chunks));
  document.head.append(script);
}
