/**
 * `Coverkit.create(options)`, the Plaid-style factory for pages that prefer
 * callbacks to markup. It needs only the DOM, not the element's code: the
 * element it makes upgrades when <coverkit-widget> is defined, so the
 * script-tag loader can offer `create` before the widget itself has loaded.
 */
import { DOM_EVENTS } from '../contract/dom-events.ts';
import type { CoverkitHandle, CreateOptions } from './types.ts';

const TAG = 'coverkit-widget';

/**
 * The frame of `display: 'modal'`: a native <dialog> opened with showModal(), so the
 * browser makes the page behind inert (focus cannot leave the widget, a screen reader
 * reads only it) and Escape asks to close. A constructed stylesheet styles it, which a
 * strict CSP allows (no inline style, no <style> element).
 */
const MODAL_CSS = `
dialog.coverkit-modal { padding: 0; border: 0; border-radius: 12px; width: min(640px, calc(100vw - 32px));
  max-height: calc(100dvh - 32px); overflow: auto; box-shadow: 0 24px 64px rgb(15 23 42 / 0.35); }
dialog.coverkit-modal:focus { outline: none; } /* the dialog holds focus only until the first Tab into the widget */
dialog.coverkit-modal::backdrop { background: rgb(15 23 42 / 0.55); }
@media (max-width: 480px) {
  dialog.coverkit-modal { width: 100vw; max-width: 100vw; height: 100dvh; max-height: 100dvh; border-radius: 0; }
}`;
const MODAL_LABEL: Record<string, string> = { en: 'Car insurance quotes', es: 'Cotizaciones de seguro de auto' };
let modalStyles: CSSStyleSheet | undefined;

function modalFrame(element: HTMLElement, locale: string | undefined, close: () => void, leave: () => void): HTMLDialogElement {
  if (!modalStyles) {
    modalStyles = new CSSStyleSheet();
    modalStyles.replaceSync(MODAL_CSS);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, modalStyles];
  }
  const dialog = document.createElement('dialog');
  dialog.className = 'coverkit-modal';
  const language = (locale ?? document.documentElement.lang).slice(0, 2);
  dialog.setAttribute('aria-label', MODAL_LABEL[language] ?? (MODAL_LABEL.en as string));
  dialog.append(element);
  // Escape does what Close does (the page hears onExit once the widget leaves); the dialog closes when it exits.
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    close();
  });
  let exited = false;
  element.addEventListener(DOM_EVENTS.exit, () => {
    exited = true;
    dialog.close();
  });
  // The browser may close the dialog itself (a second Escape with no tap or key in between): the widget leaves
  // then too, keeping the saved answers, so the page still hears onExit.
  dialog.addEventListener('close', () => {
    if (!exited) leave();
    exited = false;
  });
  return dialog;
}

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
  // Before the element's code has run there is no journey to leave yet: leave once it has.
  const exit = () => (customElements.get(TAG) ? leave() : void customElements.whenDefined(TAG).then(leave));
  // Escape on the modal: what Close does (it may first ask whether to discard the shopper's answers).
  const requestClose = () => {
    if (!customElements.get(TAG)) return exit();
    customElements.upgrade(element);
    element.requestClose();
  };
  const frame = options.display === 'modal' ? modalFrame(element, options.locale, requestClose, exit) : element;
  element.addEventListener(DOM_EVENTS.success, (e) => options.onSuccess?.(e.detail));
  element.addEventListener(DOM_EVENTS.exit, (e) => options.onExit?.(e.detail.error, e.detail.metadata));
  element.addEventListener(DOM_EVENTS.event, (e) => options.onEvent?.(e.detail));
  return {
    element,
    // Opening twice shows one widget; a modal closed by the shopper opens again.
    open: () => {
      if (!frame.isConnected) (options.container ?? document.body).append(frame);
      if (frame instanceof HTMLDialogElement && !frame.open) frame.showModal();
    },
    exit,
    destroy: () => frame.remove(),
  };
}
