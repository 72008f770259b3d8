/**
 * The styles of every screen after the quote form (review, quotes, the choice,
 * the thank-you, and the policy screens of connect and lookup). They ship with
 * those steps' chunks, not the widget's first one: the greeting and the form
 * paint without them, and each such step adds them to the widget's shadow root.
 */
import formStyles from '../internal/form.styles.ts';
import policyStyles from './policy-list/policy-list.styles.ts';
import quotesStyles from './quotes-step/coverkit-quotes-step.styles.ts';
import reviewStyles from './review-step/coverkit-review-step.styles.ts';

/** The form's styles first, as every step has them (step.ts), then these screens' own. */
export const resultStyles = [formStyles, reviewStyles, quotesStyles, policyStyles];
