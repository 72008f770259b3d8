/**
 * DOM event names, all bubbling and composed, in the `coverkit-` namespace.
 * Kept free of zod so the widget bundle can import it for nothing.
 */
export const DOM_EVENTS = { success: 'coverkit-success', exit: 'coverkit-exit', event: 'coverkit-event' } as const;
