/**
 * What the widget hands the dealer page: `onSuccess`, `onExit`, `onEvent` and
 * the matching `coverkit-*` DOM events. Event metadata is free of personal data,
 * so a dealer can forward it to analytics as it is.
 */
import { z } from 'zod';
import { BrowserLink } from './links.ts';
import { Quote } from './quote.ts';

const WIDGET_STEPS = ['start', 'contact', 'drivers', 'vehicles', 'coverage', 'quotes', 'connect', 'lookup', 'done'] as const;
export const WidgetStep = z.enum(WIDGET_STEPS);

const WIDGET_EVENT_NAMES = [
  'open',
  'step_view',
  'quotes_requested',
  'quote_received',
  'quote_selected',
  'policy_connected',
  'lookup_completed',
  'submitted',
  'error',
  'exit',
] as const;

export const SuccessPayload = z.object({
  sessionId: z.string(),
  submissionId: z.string(),
  /** The short reference the shopper was shown, to read out on the phone. */
  reference: z.string(),
  /** The dealer's own reference, when the session was made with one. */
  externalRef: z.string().optional(),
  quoteRequestId: z.string().optional(),
  selectedQuote: Quote.optional(),
  flowUrl: BrowserLink.optional(),
});

export const ExitPayload = z.object({
  /** null when the shopper closed the widget themselves. */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  metadata: z.object({ sessionId: z.string().optional(), step: WidgetStep }),
});

export const WidgetEvent = z.object({
  name: z.enum(WIDGET_EVENT_NAMES),
  step: WidgetStep.optional(),
  /** For quote events: vendor and carrier code only, never premiums or names. */
  vendor: z.string().optional(),
  carrierCode: z.string().optional(),
  errorCode: z.string().optional(),
  timestamp: z.iso.datetime(),
});

export type WidgetStep = z.infer<typeof WidgetStep>;
export type SuccessPayload = z.infer<typeof SuccessPayload>;
export type ExitPayload = z.infer<typeof ExitPayload>;
export type WidgetEvent = z.infer<typeof WidgetEvent>;
