/**
 * The browser's Back and Forward move between the widget's steps. Each step
 * the shopper opens adds a history entry for the page's own URL, marked as
 * ours (`history.state.coverkit`, next to whatever state the page keeps), and
 * a `popstate` onto one of our entries shows its step. Entries are added only
 * while the widget shows a journey; leaving it (Close, Done) goes back over
 * the entries it added, so the page's own Back works as before. A reload keeps
 * the entries: the widget picks up its marker, and Back still leads to the step before.
 */
import type { ReactiveController } from 'lit';
import type { JourneyStep } from '../../components/steps.ts';
import type { Journey, JourneyHost } from './journey.ts';

type Marker = { run: string; i: number; step: JourneyStep; prev: JourneyStep };

const KEY = 'coverkit';

function markerOf(state: unknown): Marker | undefined {
  const marker = (state as Record<string, unknown> | null)?.[KEY] as Partial<Marker> | undefined;
  return marker && typeof marker.run === 'string' && typeof marker.i === 'number' && typeof marker.step === 'string'
    ? (marker as Marker)
    : undefined;
}

/** The page's state with our marker beside it (a router's own state is kept). */
function withMarker(marker: Marker): Record<string, unknown> {
  const state = history.state;
  return { ...(state && typeof state === 'object' ? state : {}), [KEY]: marker };
}

const newRun = () => Math.random().toString(36).slice(2, 10);

export class StepHistory implements ReactiveController {
  /** One journey's entries share a run: entries of an earlier journey (after Close) move nothing. */
  #run = newRun();
  /** How many of our entries are under the current one (0: the page's own). */
  #depth = 0;

  constructor(
    host: JourneyHost,
    private readonly journey: Journey,
  ) {
    host.addController(this);
  }

  hostConnected() {
    window.addEventListener('popstate', this.#handlePopState);
    const marker = markerOf(history.state);
    if (marker) {
      // A reload on one of our entries: this journey goes on in it.
      this.#run = marker.run;
      this.#depth = marker.i;
    }
  }

  hostDisconnected() {
    window.removeEventListener('popstate', this.#handlePopState);
  }

  /** The shopper opened `step`: an entry for it, unless the current entry is already it. */
  push(step: JourneyStep, from: JourneyStep) {
    const marker = markerOf(history.state);
    if (marker?.run === this.#run && marker.step === step) return;
    this.#depth += 1;
    history.pushState(withMarker({ run: this.#run, i: this.#depth, step, prev: from }), '');
  }

  /** The journey resumed on `step` (a reload, another tab's draft): the current entry, if ours, says so. */
  settle(step: JourneyStep) {
    const marker = markerOf(history.state);
    if (marker?.run === this.#run && marker.step !== step) history.replaceState(withMarker({ ...marker, step }), '');
  }

  /** Back to `step` by the browser's own Back when that is where it leads; false when it is not. */
  back(step: JourneyStep): boolean {
    const marker = markerOf(history.state);
    if (marker?.run !== this.#run || marker.prev !== step) return false;
    history.back();
    return true;
  }

  /** The journey ended: back over our entries, to the page's own, and a new run for the next journey. */
  leave() {
    const marker = markerOf(history.state);
    const depth = marker?.run === this.#run ? marker.i : 0;
    this.#run = newRun();
    this.#depth = 0;
    if (depth > 0) history.go(-depth);
  }

  #handlePopState = (event: PopStateEvent) => {
    const marker = markerOf(event.state);
    if (marker?.run === this.#run) {
      this.#depth = marker.i;
      this.journey.nav.show(marker.step);
    } else if (!marker && this.#depth > 0) {
      // Back past our first entry: the greeting, where the journey began.
      this.#depth = 0;
      this.journey.nav.show('start');
    }
  };
}
