import type { CoverkitEventDetail, CoverkitEventName } from '../types.ts';

/**
 * Every widget event is dispatched here: bubbling and composed, so the dealer page hears it through the shadow root.
 * The payload's type is the one the page's `addEventListener` sees (HTMLElementEventMap, from types.ts).
 */
export function emit<K extends CoverkitEventName>(
  host: HTMLElement,
  name: K,
  detail: CoverkitEventDetail[K],
): CustomEvent<CoverkitEventDetail[K]> {
  const event = new CustomEvent(name, { bubbles: true, composed: true, detail });
  host.dispatchEvent(event);
  return event;
}
