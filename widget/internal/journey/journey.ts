/**
 * The shopper's journey on <coverkit-widget>, provided to every step through
 * @lit/context. It holds the session and one object per concern, each its own
 * reactive controller where it needs the host's lifecycle:
 * - `nav`: which step is showing, forward and back, focus after a change;
 * - `answers`: the draft answers and the server's problems with them;
 * - `quotes`: the quote request and its live stream;
 * - `submission`: the chosen quote, the agreement, sending it to the dealer;
 * - `progress`: the answers and the step, saved under the session as the shopper goes;
 * - `history`: the browser's Back and Forward between steps.
 * It also says what happened to the dealer page: analytics events (names and
 * codes only, never answers) and `coverkit-exit` on the way out.
 */
import { ContextProvider } from '@lit/context';
import type { ReactiveControllerHost } from 'lit';
import { DOM_EVENTS } from '../../../contract/dom-events.ts';
import type { ExitPayload, WidgetEvent } from '../../../contract/events.ts';
import type { SessionInfo } from '../../../contract/session.ts';
import type { CoverkitApi, CoverkitApiError } from '../../api/client.ts';
import { emit } from '../emit.ts';
import type { PolicyAnswers } from '../policies.ts';
import { Answers, type PageKnows } from './answers.ts';
import { journeyContext } from './context.ts';
import { Navigation } from './navigation.ts';
import { Progress } from './progress.ts';
import { QuoteRun } from './quote-run.ts';
import { StepHistory } from './step-history.ts';
import { Submission } from './submission.ts';

export type JourneyHost = ReactiveControllerHost &
  HTMLElement & { renderRoot: HTMLElement | DocumentFragment; locale?: string } & PageKnows;

export class Journey {
  readonly nav: Navigation;
  readonly answers = new Answers();
  readonly quotes: QuoteRun;
  readonly submission: Submission;
  readonly progress: Progress;
  readonly history: StepHistory;
  session?: SessionInfo;
  #api?: CoverkitApi;
  readonly #provider: ContextProvider<typeof journeyContext>;

  constructor(private readonly host: JourneyHost) {
    this.nav = new Navigation(host, this);
    this.quotes = new QuoteRun(host, this);
    this.submission = new Submission(host, this);
    this.progress = new Progress(host, this);
    this.history = new StepHistory(host, this);
    this.#provider = new ContextProvider(host, { context: journeyContext, initialValue: this });
  }

  get api(): CoverkitApi {
    if (!this.#api) throw new Error('The journey has not started');
    return this.#api;
  }

  /** The widget's locale (en or es), which the steps speak too. */
  get locale(): string | undefined {
    return this.host.locale;
  }

  /** A session is ready (or the shopper left and starts again): the dealer's pre-fill becomes the first answers. */
  begin(session: SessionInfo, api: CoverkitApi) {
    this.session = session;
    this.#api = api;
    this.nav.reset();
    this.quotes.reset();
    this.submission.reset();
    this.answers.begin(session, { vin: this.host.vin, postalCode: this.host.postalCode });
    this.progress.begin();
  }

  /**
   * The way out: the dealer page hears `coverkit-exit` (onExit) with the step
   * the shopper was on, and the widget goes back to its greeting, ready to start again.
   */
  leave(error: CoverkitApiError | null = null) {
    const detail: ExitPayload = {
      error: error ? { code: error.code, message: error.message } : null,
      metadata: { sessionId: this.session?.sessionId, step: this.nav.eventStep },
    };
    this.event('exit');
    emit(this.host, DOM_EVENTS.exit, detail);
    this.history.leave();
    if (this.session && this.#api) {
      this.begin(this.session, this.#api);
      this.nav.refocus();
    }
  }

  /** Something changed: the widget and every step render again. */
  changed() {
    this.#provider.setValue(this, true);
    this.host.requestUpdate();
  }

  /** Puts the server's answer problems on the steps that own them and opens the first; false when there are none. */
  showFieldErrors(fields: Record<string, string[]>): boolean {
    const paths = Object.keys(fields);
    if (paths.length === 0) return false;
    this.answers.serverErrors = { ...fields };
    this.nav.showProblems(paths);
    return true;
  }

  /**
   * "Get quotes with these details": an auto policy (from the shopper's
   * insurer, or found by lookup) becomes the answers, and the quote journey
   * starts with them. A connection's id goes with the submission.
   */
  quoteFrom(policy: PolicyAnswers, connectionId?: string) {
    this.answers.fromPolicy(policy, connectionId);
    this.nav.reset();
    this.nav.go('contact');
  }

  event(name: WidgetEvent['name'], extra: Partial<WidgetEvent> = {}) {
    const detail: WidgetEvent = { name, step: this.nav.eventStep, timestamp: new Date().toISOString(), ...extra };
    emit(this.host, DOM_EVENTS.event, detail);
  }
}
