/**
 * The widget's code as the Coverkit host serves it: an ES module built to a
 * content-hashed file (/widget/coverkit-<hash>.js, cached for good) that the
 * small loader at /coverkit.js (loader.ts) puts on the page. It defines
 * <coverkit-widget> and the step elements it renders, and `window.Coverkit`
 * with `create(options)` if the loader has not already.
 */
import { defineStep, STEPS, type StepName } from './components/steps.ts';
import { CoverkitWidget } from './components/widget/coverkit-widget.component.ts';
import { create } from './create.ts';
import { setHostOrigin } from './internal/host-origin.ts';
import { version } from './package.json';

// Before the element is defined, which starts any <coverkit-widget> already on the page: a module has no
// document.currentScript, and its own URL is on the Coverkit server that answers the API.
setHostOrigin(import.meta.url);
for (const step of Object.keys(STEPS) as StepName[]) void defineStep(step);
if (!customElements.get('coverkit-widget')) customElements.define('coverkit-widget', CoverkitWidget);
window.Coverkit ??= { create, version };

export { CoverkitWidget, create, version };
