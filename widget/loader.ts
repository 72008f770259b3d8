/**
 * The script dealers put on their page, at the stable /coverkit.js: a few KB
 * that the browser revalidates on each visit (ETag, 304 with no body), so a
 * new release reaches every page at once and a repeat visit downloads no
 * widget code. It defines `window.Coverkit` at once (`create()` needs only the
 * DOM: the element it makes upgrades when its code arrives) and puts the
 * widget's content-hashed module on the page, checked against the Subresource
 * Integrity the build wrote in here. `loadCoverkit()` and a page's
 * `Coverkit.create(…)` therefore work as soon as this script has run.
 */
import { create } from './create.ts';
import { version } from './package.json';

/** Written in by scripts/build-widget.mjs: the module's path on the host and its integrity. */
declare const __COVERKIT_MODULE_SRC__: string;
declare const __COVERKIT_MODULE_INTEGRITY__: string;

if (!window.Coverkit) {
  window.Coverkit = { create, version };
  const script = document.createElement('script');
  script.type = 'module';
  // Resolved against this script's own URL: the module is on the host this script came from.
  script.src = new URL(__COVERKIT_MODULE_SRC__, (document.currentScript as HTMLScriptElement | null)?.src ?? window.location.href).href;
  script.integrity = __COVERKIT_MODULE_INTEGRITY__;
  script.crossOrigin = 'anonymous';
  document.head.append(script);
}
