/**
 * `@coverkit/widget/element`: defines <coverkit-widget> (and the step elements
 * it renders) in the page's own bundle, for dealers who would rather ship the
 * widget's code than load it from the Coverkit host. Set `api-base` (or
 * `apiBase` in `create`) to the Coverkit host: the API is not on the page's origin.
 */
import { defineStep, STEPS, type StepName } from './components/steps.ts';
import { CoverkitWidget } from './components/widget/coverkit-widget.component.ts';

export { create } from './create.ts';
export type * from './types.ts';

// The steps first (the widget also defines each one it is about to show), so its first render finds them.
for (const step of Object.keys(STEPS) as StepName[]) void defineStep(step);
// Spelled out for the Custom Elements Manifest.
if (!customElements.get('coverkit-widget')) customElements.define('coverkit-widget', CoverkitWidget);
