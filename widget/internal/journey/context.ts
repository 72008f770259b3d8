/**
 * How the steps reach the journey: <coverkit-widget> provides it, each step
 * consumes it (@lit/context), subscribed, so a step renders again whenever the
 * journey changes without the widget passing anything down.
 */
import { createContext } from '@lit/context';
import type { Journey } from './journey.ts';

export const journeyContext = createContext<Journey>(Symbol('coverkit-journey'));
