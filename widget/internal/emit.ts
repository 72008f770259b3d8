/** Every widget event is dispatched here: bubbling and composed, so the dealer page hears it through the shadow root. */
export function emit<T>(host: HTMLElement, name: string, detail: T): CustomEvent<T> {
  const event = new CustomEvent<T>(name, { bubbles: true, composed: true, detail });
  host.dispatchEvent(event);
  return event;
}
