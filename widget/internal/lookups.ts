/**
 * LookupController: a step asks for a pick-list while rendering and is
 * rendered again when it arrives. The answers are cached by the API client for
 * the whole session, so going back and forth costs nothing.
 */
import type { ReactiveController } from 'lit';
import type { Lookup } from '../api/client.ts';
import type { StepElement } from './step.ts';

export class LookupController implements ReactiveController {
  readonly #waiting = new Set<Promise<unknown>>();

  constructor(private readonly host: StepElement) {
    host.addController(this);
  }

  /** Off the page: answers that arrive later need not render it; asked again when back. */
  hostDisconnected() {
    this.#waiting.clear();
  }

  get<T>(path: string, params: Record<string, string | number>): Lookup<T> {
    const entry = this.host.journey.api.lookup<T>(path, params);
    if (entry.value === undefined && entry.error === undefined && !this.#waiting.has(entry.promise)) {
      this.#waiting.add(entry.promise);
      void entry.promise.then(() => {
        if (this.#waiting.delete(entry.promise)) this.host.requestUpdate();
      });
    }
    return entry;
  }
}
