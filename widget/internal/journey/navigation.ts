/**
 * Navigation: which step is showing, the way forward and back through the
 * quote form (straight back to the review when the shopper came from there to
 * change an answer, by way of any step the server still has problems with),
 * and where focus goes once a new step has rendered: its error summary, else
 * its heading, so a screen reader starts there.
 */
import type { ReactiveController } from 'lit';
import type { WidgetStep } from '../../../contract/events.ts';
import { defineStep, FORM_STEPS, type FormStep, type JourneyStep, owns, STEPS } from '../../components/steps.ts';
import type { Messages } from '../localize.ts';
import type { Journey, JourneyHost } from './journey.ts';

export class Navigation implements ReactiveController {
  step: JourneyStep = 'start';
  /** The shopper is changing answers from the review (or fixing the server's problems): Continue leads back there. */
  #returning = false;
  #focusPending = false;

  constructor(
    private readonly host: JourneyHost,
    private readonly journey: Journey,
  ) {
    host.addController(this);
  }

  hostUpdated() {
    if (!this.#focusPending) return;
    this.#focusPending = false;
    void this.#focusStep();
  }

  /** How analytics events name the step showing. */
  get eventStep(): WidgetStep {
    return this.step === 'start' ? 'start' : STEPS[this.step].event;
  }

  /** The tag of the step element showing (none on the greeting). */
  get tag(): string | undefined {
    return this.step === 'start' ? undefined : STEPS[this.step].tag;
  }

  /** The title of the step showing, from the registry. */
  title(t: Messages): string {
    return this.step === 'start' ? t.title : STEPS[this.step].title(t);
  }

  /** "Step n of m" for a step of the quote form; undefined for any other. */
  get position(): { n: number; of: number } | undefined {
    const i = FORM_STEPS.indexOf(this.step as FormStep);
    return i < 0 ? undefined : { n: i + 1, of: FORM_STEPS.length };
  }

  /** Back to the greeting, forgetting the way back to the review. */
  reset() {
    this.step = 'start';
    this.#returning = false;
  }

  /** The shopper opens `step`: a history entry for it (the browser's Back returns here), and the progress saved with it. */
  go(step: JourneyStep) {
    const from = this.step;
    this.#open(step);
    if (step !== 'start') this.journey.history.push(step, from);
  }

  /**
   * The browser's Back or Forward reached `step`. A finished journey stays on its
   * thank-you; a step whose state is gone (quotes no longer asked for) opens the one before it.
   */
  show(step: JourneyStep) {
    const { submission, quotes } = this.journey;
    if (submission.submitted) return;
    this.#returning = false;
    if ((step === 'confirmation' || step === 'done') && !submission.selected) step = quotes.stream ? 'quotes' : 'review';
    if (step === 'quotes' && !quotes.stream) step = 'review';
    this.#open(step);
  }

  /** A saved draft opens on its step, before anything renders: no event, no new history entry. */
  resume(step: JourneyStep) {
    this.step = step;
    this.#returning = false;
    this.journey.history.settle(step);
    this.journey.changed();
  }

  #open(step: JourneyStep) {
    this.step = step;
    this.refocus();
    this.journey.event('step_view');
    void this.journey.progress.save();
  }

  /** The step changed what it shows (a new screen, a problem): focus its error summary or heading once it has rendered. */
  refocus() {
    this.#focusPending = true;
    this.journey.changed();
  }

  /** Opens a step from the review to change its answers. */
  edit(step: FormStep) {
    this.#returning = true;
    this.go(step);
  }

  /** Opens the first step that shows one of these paths (the review if none does), and Continue leads back to the review. */
  showProblems(paths: string[]) {
    this.#returning = true;
    this.go(FORM_STEPS.find((step) => paths.some((path) => owns(step, path))) ?? 'review');
  }

  next() {
    if (this.#returning) {
      const pending = Object.keys(this.journey.answers.serverErrors);
      const step = FORM_STEPS.find((s) => pending.some((path) => owns(s, path)));
      this.#returning = step !== undefined;
      this.go(step ?? 'review');
      return;
    }
    const i = FORM_STEPS.indexOf(this.step as FormStep);
    this.go(FORM_STEPS[i + 1] ?? 'review');
  }

  /** The step before; by the browser's own Back when the entry before is that step, so history and widget agree. */
  back() {
    this.#returning = false;
    const i = FORM_STEPS.indexOf(this.step as FormStep);
    const step = i > 0 ? (FORM_STEPS[i - 1] as FormStep) : 'start';
    if (!this.journey.history.back(step)) this.go(step);
  }

  /** After a step change: focus its error summary if it has one, else its heading. */
  async #focusStep() {
    // A step whose code did not load has nothing to focus (the widget says it could not go on).
    if (
      this.step !== 'start' &&
      !(await defineStep(this.step).then(
        () => true,
        () => false,
      ))
    )
      return;
    const step = this.host.renderRoot.querySelector('.step') as (HTMLElement & { updateComplete?: Promise<unknown> }) | null;
    if (!step) return;
    await step.updateComplete;
    (step.querySelector<HTMLElement>('.error-summary') ?? step.querySelector<HTMLElement>('h2'))?.focus();
  }
}
