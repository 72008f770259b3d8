/**
 * Every step of the journey, in one registry: the element that shows it (its
 * tag, and a loader for its class: an `import()` of the step's own chunk, so
 * the first paint downloads none of them), the answer paths it owns (a server
 * error on one of them opens this step), its title, and how analytics events
 * name it. The numbered quote form
 * is the steps marked `form`, in the order written here.
 *
 * The greeting (`start`) is the widget's own screen, not a step element.
 */
import type { WidgetStep } from '../../contract/events.ts';
import { pinChunks } from '../internal/chunks.ts';
import { loadPageLocale, type Messages } from '../internal/localize.ts';

type StepEntry = {
  /** The step's element, rendered into the widget's shadow root. */
  tag: `coverkit-${string}-step`;
  /** Loads the element's class. A function, so this list may be read before the classes are evaluated. */
  load: () => Promise<CustomElementConstructor>;
  /** Answer paths the step shows, as prefixes (`drivers` owns `drivers.0.firstName`). */
  fields: readonly string[];
  /** The step's heading in the shopper's language. */
  title: (t: Messages) => string;
  /** The step's name in `coverkit-event` (the contract's closed list). */
  event: WidgetStep;
  /** One of the numbered steps of the quote form ("Step 2 of 5"). */
  form?: true;
};

export const STEPS = {
  contact: {
    tag: 'coverkit-contact-step',
    load: () => import('./contact-step/coverkit-contact-step.component.ts').then((m) => m.CoverkitContactStep),
    fields: ['contact', 'address', 'residence'],
    title: (t) => t.steps.contact,
    event: 'contact',
    form: true,
  },
  drivers: {
    tag: 'coverkit-drivers-step',
    load: () => import('./drivers-step/coverkit-drivers-step.component.ts').then((m) => m.CoverkitDriversStep),
    fields: ['drivers', 'incidents'],
    title: (t) => t.steps.drivers,
    event: 'drivers',
    form: true,
  },
  vehicles: {
    tag: 'coverkit-vehicles-step',
    load: () => import('./vehicles-step/coverkit-vehicles-step.component.ts').then((m) => m.CoverkitVehiclesStep),
    fields: ['vehicles'],
    title: (t) => t.steps.vehicles,
    event: 'vehicles',
    form: true,
  },
  coverage: {
    tag: 'coverkit-coverage-step',
    load: () => import('./coverage-step/coverkit-coverage-step.component.ts').then((m) => m.CoverkitCoverageStep),
    fields: ['coverage', 'effectiveDate', 'priorInsurance'],
    title: (t) => t.steps.coverage,
    event: 'coverage',
    form: true,
  },
  review: {
    tag: 'coverkit-review-step',
    load: () => import('./review-step/coverkit-review-step.component.ts').then((m) => m.CoverkitReviewStep),
    fields: [],
    title: (t) => t.steps.review,
    event: 'coverage',
    form: true,
  },
  quotes: {
    tag: 'coverkit-quotes-step',
    load: () => import('./quotes-step/coverkit-quotes-step.component.ts').then((m) => m.CoverkitQuotesStep),
    fields: [],
    title: (t) => t.quotesTitle,
    event: 'quotes',
  },
  confirmation: {
    tag: 'coverkit-confirmation-step',
    load: () => import('./confirmation-step/coverkit-confirmation-step.component.ts').then((m) => m.CoverkitConfirmationStep),
    fields: [],
    title: (t) => t.chosenTitle,
    event: 'done',
  },
  done: {
    tag: 'coverkit-done-step',
    load: () => import('./done-step/coverkit-done-step.component.ts').then((m) => m.CoverkitDoneStep),
    fields: [],
    title: (t) => t.doneTitle,
    event: 'done',
  },
  connect: {
    tag: 'coverkit-connect-step',
    load: () => import('./connect-step/coverkit-connect-step.component.ts').then((m) => m.CoverkitConnectStep),
    fields: [],
    title: (t) => t.connectTitle,
    event: 'connect',
  },
  lookup: {
    tag: 'coverkit-lookup-step',
    load: () => import('./lookup-step/coverkit-lookup-step.component.ts').then((m) => m.CoverkitLookupStep),
    fields: [],
    title: (t) => t.lookupTitle,
    event: 'lookup',
  },
} as const satisfies Record<string, StepEntry>;

export type StepName = keyof typeof STEPS;
/** Where the shopper is: the greeting, or a step. */
export type JourneyStep = 'start' | StepName;
/** The numbered steps of the quote form. */
export type FormStep = { [K in StepName]: (typeof STEPS)[K] extends { form: true } ? K : never }[StepName];

const entries = Object.entries(STEPS) as [StepName, StepEntry][];

/** The quote form's steps, in order. */
export const FORM_STEPS = entries.filter(([, entry]) => entry.form).map(([name]) => name) as FormStep[];

export const owns = (step: StepName, path: string) =>
  (STEPS[step] as StepEntry).fields.some((prefix) => path === prefix || path.startsWith(`${prefix}.`));

/** The form step that shows a field; anything no step shows (e.g. `body`) is shown on the review. */
export const stepOfPath = (path: string): FormStep => FORM_STEPS.find((step) => owns(step, path)) ?? 'review';

/** Defines a step's element once its class and the strings it reads have loaded; resolves when it is defined. */
export function defineStep(step: StepName): Promise<unknown> {
  const { tag, load } = STEPS[step];
  if (customElements.get(tag)) return Promise.resolve();
  pinChunks('steps');
  return Promise.all([load(), loadPageLocale('steps')]).then(([element]) => {
    if (!customElements.get(tag)) customElements.define(tag, element);
  });
}

/**
 * Loads the quote form's steps once the browser is idle after the greeting is
 * on screen: the first paint waits for none of them, and Continue finds the
 * next step already there.
 */
export function prefetchFormSteps(): void {
  const idle = window.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 200));
  idle(() => {
    // A chunk that does not come now is asked for again when its step opens.
    for (const step of FORM_STEPS) defineStep(step).catch(() => undefined);
  });
}
