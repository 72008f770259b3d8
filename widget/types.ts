/**
 * The public surface of @coverkit/widget, as dealer developers type it: the
 * options of `Coverkit.create`, its handle, the payloads of the callbacks and
 * `coverkit-*` DOM events (from `contract/`, flattened into the package's
 * declarations at build time), and the typed `<coverkit-widget>` element.
 * The widget's own code is checked against these same types.
 */
import type { ExitPayload, SuccessPayload, WidgetEvent } from '../contract/events.ts';

export type { ExitPayload, SuccessPayload, WidgetEvent };

/** The closed list of analytics event names `onEvent` and `coverkit-event` carry. */
export type WidgetEventName = WidgetEvent['name'];

/** What `Coverkit.create` takes: a session (from `clientId` or a `sessionToken`) and callbacks. */
export type CreateOptions = {
  /** The dealer's public client id: the widget starts its own session on pages whose origin the dealer allow-listed. */
  clientId?: string;
  /** A session token the dealer's backend created with `POST /v1/sessions` (takes precedence over `clientId`). */
  sessionToken?: string;
  /**
   * Resolves to a new session token from your backend (which calls `POST /v1/sessions`
   * with your secret key), like Stripe's `fetchClientSecret`. Called at start when
   * `sessionToken` is not given, and whenever a new session is needed: the session
   * reached its lifetime (4 h by default) or you ended it. The widget renews the token
   * of a running session by itself; this is only for new sessions.
   */
  fetchSessionToken?: () => Promise<string>;
  /** Where the Coverkit API is; defaults to the host the widget script came from. */
  apiBase?: string;
  /** `en` or `es`; defaults to the page's `lang`. */
  locale?: string;
  /** The car the page is selling: the widget starts the shopper's answers with it (decoded from its VIN) unless the session already names vehicles. */
  vehicle?: { vin: string };
  /** The shopper's ZIP code when the page knows it (a dealer's store locator): pre-fills the address. */
  postalCode?: string;
  /** CSS custom properties to set on the widget, e.g. `{ '--coverkit-color-primary': '#c00' }`. */
  theme?: Record<string, string>;
  /**
   * `inline` (default): the widget sits in the page, in `container`. `modal`: it opens over
   * the page in a dialog (full screen on a phone) with the page behind inert, so focus
   * stays in the widget; Escape closes it as Close does, and `open()` shows it again.
   */
  display?: 'inline' | 'modal';
  /** Where to put the widget (or its dialog). Defaults to the end of `<body>`. */
  container?: HTMLElement;
  /** The shopper's answer and chosen quote were stored for the dealer. */
  onSuccess?: (payload: SuccessPayload) => void;
  /** Always called on the way out: `error` is null when the shopper closed the widget themselves. */
  onExit?: (error: ExitPayload['error'], metadata: ExitPayload['metadata']) => void;
  /** Something happened the dealer may want to measure; names from a closed list, no personal data. */
  onEvent?: (event: WidgetEvent) => void;
};

/** What `Coverkit.create` returns. */
export type CoverkitHandle = {
  /** Puts the widget on the page (once, however often it is called). */
  open: () => void;
  /** Leaves the journey the shopper is on: onExit is called, and the widget returns to its greeting. */
  exit: () => void;
  /** Takes the widget off the page. */
  destroy: () => void;
  /** The `<coverkit-widget>` element the handle drives. */
  element: CoverkitWidgetElement;
};

/** `<coverkit-widget>`: its properties mirror its attributes (`client-id`, `session-token`, `api-base`, `locale`, `vin`, `postal-code`). */
export interface CoverkitWidgetElement extends HTMLElement {
  /** The dealer's public client id (`client-id`). */
  clientId?: string;
  /** A session token the dealer's backend created (`session-token`; takes precedence over `client-id`). */
  sessionToken?: string;
  /** Resolves to a new session token from your backend, when one is needed (a property only; see `CreateOptions`). */
  fetchSessionToken?: () => Promise<string>;
  /** Where the Coverkit API is (`api-base`); defaults to the host the widget script came from. */
  apiBase?: string;
  /** `en` or `es` (`locale`); defaults to the page's `lang`. */
  locale?: string;
  /** The VIN of the car the page is selling (`vin`): the first vehicle, decoded, unless the session names vehicles. */
  vin?: string;
  /** The shopper's ZIP code, when the page knows it (`postal-code`). */
  postalCode?: string;
  /** (Re)starts the widget: creates or adopts the session and loads what it offers. */
  start(): Promise<void>;
  /** Leaves the widget: the page hears `coverkit-exit` (onExit), and the widget returns to its greeting. */
  exit(): void;
  /** What Close does: leaves at once, or first asks inside the widget whether to discard the shopper's answers (like `HTMLDialogElement.requestClose`). */
  requestClose(): void;
}

/** The `detail` of each DOM event `<coverkit-widget>` dispatches (the same payloads the callbacks get). */
export type CoverkitEventDetail = {
  'coverkit-success': SuccessPayload;
  'coverkit-exit': ExitPayload;
  'coverkit-event': WidgetEvent;
};

/** The names of those DOM events; all bubble and are composed, so `document` hears them too. */
export type CoverkitEventName = keyof CoverkitEventDetail;

/** Each DOM event as `addEventListener` hands it over. */
export type CoverkitEventMap = { [K in CoverkitEventName]: CustomEvent<CoverkitEventDetail[K]> };

/** `window.Coverkit`, what the widget script defines and `loadCoverkit()` resolves to. */
export interface Coverkit {
  /** Makes a widget (Plaid-style); `open()` puts it on the page. */
  create(options: CreateOptions): CoverkitHandle;
  /** The widget's version, e.g. `0.1.0`. */
  readonly version: string;
}

declare global {
  interface HTMLElementTagNameMap {
    'coverkit-widget': CoverkitWidgetElement;
  }
  interface HTMLElementEventMap extends CoverkitEventMap {}
  interface DocumentEventMap extends CoverkitEventMap {}
  interface Window {
    Coverkit?: Coverkit;
  }
}
