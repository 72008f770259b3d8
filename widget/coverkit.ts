/**
 * The script a dealer page loads. It defines <coverkit-widget> (and the step
 * elements it renders) and exposes
 * `Coverkit.create({ clientId | sessionToken, onSuccess, onExit, onEvent, locale, theme })`,
 * the Plaid-style factory for pages that prefer callbacks to markup.
 */

import { DOM_EVENTS } from '../contract/dom-events.ts';
import type { ExitPayload, SuccessPayload, WidgetEvent } from '../contract/index.ts';
import { defineStep, STEPS, type StepName } from './components/steps.ts';
import { CoverkitWidget } from './components/widget/coverkit-widget.component.ts';

export { CoverkitWidget };

// The steps first (the widget also defines each one it is about to show), so its first render finds them.
for (const step of Object.keys(STEPS) as StepName[]) void defineStep(step);
if (!customElements.get('coverkit-widget')) customElements.define('coverkit-widget', CoverkitWidget);

export type CreateOptions = {
  clientId?: string;
  sessionToken?: string;
  apiBase?: string;
  locale?: string;
  /** CSS custom properties to set on the widget, e.g. { '--coverkit-color-primary': '#c00' }. */
  theme?: Record<string, string>;
  /** Where to put the widget; a modal-less inline mount. Defaults to the end of <body>. */
  container?: HTMLElement;
  onSuccess?: (payload: SuccessPayload) => void;
  onExit?: (error: ExitPayload['error'], metadata: ExitPayload['metadata']) => void;
  onEvent?: (event: WidgetEvent) => void;
};

export type CoverkitHandle = {
  open: () => void;
  /** Leaves the journey the shopper is on: onExit is called, and the widget returns to its greeting. */
  exit: () => void;
  destroy: () => void;
  element: CoverkitWidget;
};

export function create(options: CreateOptions): CoverkitHandle {
  if (!options.clientId && !options.sessionToken) throw new TypeError('Coverkit.create needs clientId or sessionToken');
  const element = document.createElement('coverkit-widget') as CoverkitWidget;
  if (options.sessionToken) element.sessionToken = options.sessionToken;
  if (options.clientId) element.clientId = options.clientId;
  if (options.apiBase) element.apiBase = options.apiBase;
  if (options.locale) element.locale = options.locale;
  for (const [name, value] of Object.entries(options.theme ?? {})) element.style.setProperty(name, value);
  element.addEventListener(DOM_EVENTS.success, (e) => options.onSuccess?.((e as CustomEvent<SuccessPayload>).detail));
  element.addEventListener(DOM_EVENTS.exit, (e) => {
    const { error, metadata } = (e as CustomEvent<ExitPayload>).detail;
    options.onExit?.(error, metadata);
  });
  element.addEventListener(DOM_EVENTS.event, (e) => options.onEvent?.((e as CustomEvent<WidgetEvent>).detail));
  return {
    element,
    open: () => {
      if (!element.isConnected) (options.container ?? document.body).append(element);
    },
    exit: () => element.exit(),
    destroy: () => element.remove(),
  };
}
