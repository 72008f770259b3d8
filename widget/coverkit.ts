/**
 * The script a dealer page loads from the Coverkit host. It defines
 * <coverkit-widget> (and the step elements it renders) and `window.Coverkit`
 * with `create(options)`, the Plaid-style factory for pages that prefer
 * callbacks to markup.
 */
import { version } from './package.json';

export { CoverkitWidget } from './components/widget/coverkit-widget.component.ts';
export { create } from './element.ts';
export { version };
