/**
 * LinkFollowUp: when the submission was answered before the shopper's link
 * had come (AutoComplete allows one request a second, so at busy times it
 * comes later), the thank-you screen asks again
 * (GET /v1/session/submissions/{id}) every few seconds, a little less often
 * each time, for at most three minutes, and shows the link when it comes.
 * It runs only while its host is on the page.
 */
import type { ReactiveController } from 'lit';
import type { StepElement } from './step.ts';

const FIRST_WAIT_MS = 2_000;
const LONGEST_WAIT_MS = 10_000;
const GIVE_UP_AFTER_MS = 3 * 60_000;

export class LinkFollowUp implements ReactiveController {
  #timer?: ReturnType<typeof setTimeout>;
  #startedAt = 0;
  #waitMs = FIRST_WAIT_MS;

  constructor(private readonly host: StepElement) {
    host.addController(this);
  }

  hostConnected() {
    this.#startedAt = Date.now();
    this.#waitMs = FIRST_WAIT_MS;
    this.#next();
  }

  hostDisconnected() {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** The link is still to come and there is time left: ask again after the next wait. */
  #next() {
    clearTimeout(this.#timer);
    if (!this.#pending || Date.now() - this.#startedAt > GIVE_UP_AFTER_MS) return;
    this.#timer = setTimeout(() => void this.#ask(), this.#waitMs);
    this.#waitMs = Math.min(LONGEST_WAIT_MS, this.#waitMs * 1.5);
  }

  get #pending(): boolean {
    return this.host.journey.submission.submitted?.flowUrlPending === true;
  }

  async #ask() {
    const { submission, api } = this.host.journey;
    const asked = submission.submitted;
    if (!asked) return;
    try {
      const now = await api.submission(asked.submissionId);
      // Still the submission on screen (the shopper has not started again meanwhile).
      if (submission.submitted !== asked) return;
      submission.submitted = now;
      this.host.journey.changed();
    } catch (error) {
      // Not this session's any more (it ended) or gone: nothing more will come. The network: try again.
      const status = (error as { status?: number }).status;
      if (status === 401 || status === 403 || status === 404) return;
    }
    if (this.host.isConnected) this.#next();
  }
}
