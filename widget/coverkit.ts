/**
 * The widget's code as the Coverkit host serves it: an ES module built to a
 * content-hashed file (/widget/coverkit-<hash>.js, cached for good) that the
 * small loader at /coverkit.js (loader.ts) puts on the page, after it has
 * defined `window.Coverkit` with `create(options)`. This module defines
 * <coverkit-widget>, which upgrades any element `create()` or the page made;
 * the steps and the strings beyond the greeting's are chunks of their own,
 * loaded when the widget shows them or when the browser is idle after the
 * greeting (vite.config.ts says which module goes where).
 */
import { CoverkitWidget } from './components/widget/coverkit-widget.component.ts';
import { setHostOrigin } from './internal/host-origin.ts';
import { loadPageLocale } from './internal/localize.ts';

// Before the element is defined, which starts any <coverkit-widget> already on the page: a module has no
// document.currentScript, and its own URL is on the Coverkit server that answers the API.
setHostOrigin(import.meta.url);
// A Spanish page's widget paints in Spanish from the start: its strings are a chunk of their own.
void loadPageLocale('greeting').then(() => {
  if (!customElements.get('coverkit-widget')) customElements.define('coverkit-widget', CoverkitWidget);
});
