/**
 * `Coverkit.create(options)`, the Plaid-style factory for pages that prefer
 * callbacks to markup. It needs only the DOM, not the element's code: the
 * element it makes upgrades when <coverkit-widget> is defined, so the
 * script-tag loader can offer `create` before the widget itself has loaded.
 */
import { DOM_EVENTS } from '../contract/dom-events.ts';
import type { CoverkitHandle, CreateOptions } from './types.ts';

const TAG = 'coverkit-widget';

export function create(options: CreateOptions): CoverkitHandle {
  if (!options.clientId && !options.sessionToken && !options.fetchSessionToken) {
    throw new TypeError('Coverkit.create needs clientId, sessionToken or fetchSessionToken');
  }
  const element = document.createElement(TAG);
  const leave = () => {
    customElements.upgrade(element);
    element.exit();
  };
  if (options.sessionToken) element.sessionToken = options.sessionToken;
  if (options.fetchSessionToken) element.fetchSessionToken = options.fetchSessionToken;
  if (options.clientId) element.clientId = options.clientId;
  if (options.apiBase) element.apiBase = options.apiBase;
  if (options.locale) element.locale = options.locale;
  if (options.vehicle?.vin) element.vin = options.vehicle.vin;
  if (options.postalCode) element.postalCode = options.postalCode;
  for (const [name, value] of Object.entries(options.theme ?? {})) element.style.setProperty(name, value);
  element.addEventListener(DOM_EVENTS.success, (e) => options.onSuccess?.(e.detail));
  element.addEventListener(DOM_EVENTS.exit, (e) => options.onExit?.(e.detail.error, e.detail.metadata));
  element.addEventListener(DOM_EVENTS.event, (e) => options.onEvent?.(e.detail));
  return {
    element,
    open: () => {
      if (!element.isConnected) (options.container ?? document.body).append(element);
    },
    // Before the element's code has run there is no journey to leave yet: leave once it has.
    exit: () => (customElements.get(TAG) ? leave() : void customElements.whenDefined(TAG).then(leave)),
    destroy: () => element.remove(),
  };
}
