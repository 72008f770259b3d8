/**
 * Progress: the shopper's answers and the step they are on, kept on the
 * server under the session (PUT /v1/session/draft) as they go, never in the
 * browser's storage, so a reload, a crash or a second tab resumes where they
 * were.
 *
 * A save goes half a second after the last change, at once when the step
 * changes, and with `keepalive` when the page is hidden or left (pagehide).
 * Each save names the revision it was based on, and this page as its writer
 * (so the save sent as the page hides replaces the one still on its way
 * rather than being refused by it): when another tab saved
 * meanwhile the server refuses it (409) with that tab's answers, and the
 * shopper chooses which to keep (`conflict`); a tab that comes back into view
 * with nothing unsaved takes the newer answers by itself. A value the server
 * refuses (a half-typed email) is left out of the save, not out of the form.
 */
import type { ReactiveController } from 'lit';
import type { Prefill } from '../../../contract/applicant.ts';
import type { DraftConflict, DraftStep, SaveDraftBody, SessionDraft } from '../../../contract/draft.ts';
import type { CoverkitApiError } from '../../api/client.ts';
import type { SessionMemory } from '../../api/session-memory.ts';
import { FORM_STEPS } from '../../components/steps.ts';
import { clean, type Draft, draftFrom, setAt } from '../draft.ts';
import type { Journey, JourneyHost } from './journey.ts';

/** How long after the shopper's last change the answers are saved. */
const SAVE_DELAY_MS = 500;

type Snapshot = Omit<SaveDraftBody, 'revision'>;

/**
 * A draft resumes on one of the quote form's steps: the registry's form steps,
 * typed as the contract's DRAFT_STEPS (this fails to compile when the registry gains a step the server does not know).
 */
const RESUMABLE: readonly DraftStep[] = FORM_STEPS;
const isDraftStep = (step: string): step is DraftStep => (RESUMABLE as readonly string[]).includes(step);

export class Progress implements ReactiveController {
  /** Another tab saved (or discarded) since this one's revision: its answers, until the shopper picks. */
  conflict?: DraftConflict;
  /** The memory of which session holds the progress (set by the widget when it may keep one). */
  memory?: SessionMemory;
  /** The revision this tab's answers are based on (0: none saved yet). */
  #revision = 0;
  /** What was last saved or resumed, as JSON: only a change is sent. */
  #saved?: string;
  /** The answers as the journey began (the pre-fill), as JSON: anything else is the shopper's (see hasAnswers). */
  #fresh?: string;
  #timer?: ReturnType<typeof setTimeout>;
  #saving?: Promise<void>;
  #again = false;
  /** Discarded: nothing is saved again until a journey begins (a click on Discard must not bring the answers back). */
  #discarded = false;
  /**
   * This page's saves, counted: the server lets a later one replace an earlier one even when both were based on
   * one revision (the keepalive save as the page hides cannot wait for the answer to the save before it).
   */
  readonly #writer = writerId();
  #seq = 0;

  constructor(
    host: JourneyHost,
    private readonly journey: Journey,
  ) {
    host.addController(this);
  }

  hostConnected() {
    window.addEventListener('pagehide', this.#handlePageHide);
    document.addEventListener('visibilitychange', this.#handleVisibility);
  }

  hostDisconnected() {
    window.removeEventListener('pagehide', this.#handlePageHide);
    document.removeEventListener('visibilitychange', this.#handleVisibility);
    void this.save({ keepalive: true });
  }

  /** Only the quote journey's answers are kept (a session without it cannot save them). */
  get #enabled(): boolean {
    return this.journey.session?.products.includes('quote') ?? false;
  }

  /** A journey begins from the pre-fill: what differs from it from now on is the shopper's. */
  begin() {
    clearTimeout(this.#timer);
    this.conflict = undefined;
    this.#discarded = false;
    this.#fresh = this.#given();
  }

  /** A new session took over (the old one ended): its draft starts from nothing, and gets this tab's answers. */
  sessionChanged() {
    this.#revision = 0;
    this.#saved = undefined;
    void this.save();
  }

  /** The shopper has given answers of their own (typed, or resumed): Close asks before discarding them. */
  get hasAnswers(): boolean {
    return this.#given() !== this.#fresh;
  }

  #given(): string {
    return JSON.stringify([this.#answers(), this.journey.answers.insuredNow ?? null]);
  }

  /** A saved draft becomes the answers, and the journey opens on its step. */
  resume(draft: SessionDraft) {
    const { answers } = this.journey;
    answers.draft = draftFrom(draft.answers as Prefill);
    answers.insuredNow = draft.insuredNow;
    answers.connectionId = draft.connectionId;
    answers.serverErrors = {};
    this.#revision = draft.revision;
    this.#saved = JSON.stringify(this.#snapshot(draft.step));
    this.conflict = undefined;
    this.journey.nav.resume(draft.step);
  }

  /** Something may have changed: save once the shopper pauses. */
  changed() {
    if (!this.#enabled || this.#discarded) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.save(), SAVE_DELAY_MS);
  }

  /** Saves now, if anything changed since the last save. One save at a time; a change meanwhile is saved after it. */
  save({ keepalive = false } = {}): Promise<void> {
    clearTimeout(this.#timer);
    if (this.#saving && !keepalive) {
      this.#again = true;
      return this.#saving;
    }
    const saving = this.#send(keepalive).finally(() => {
      if (this.#saving === saving) this.#saving = undefined;
      if (this.#again) {
        this.#again = false;
        void this.save();
      }
    });
    this.#saving = saving;
    return saving;
  }

  /** The shopper keeps the other tab's answers. */
  useTheirs() {
    const draft = this.conflict?.draft;
    this.conflict = undefined;
    if (draft) this.resume(draft);
    this.journey.nav.refocus();
  }

  /** The shopper keeps this tab's answers: saved on top of the other tab's. */
  keepMine() {
    if (this.conflict) this.#revision = this.conflict.revision;
    this.conflict = undefined;
    this.#saved = undefined;
    this.journey.changed();
    void this.save();
  }

  /** The shopper discarded their answers (or sent them): the draft is deleted, and the session forgotten. */
  async discard() {
    clearTimeout(this.#timer);
    this.#again = false;
    this.#discarded = true;
    this.conflict = undefined;
    this.#saved = undefined;
    this.memory?.forget();
    if (!this.#enabled) return;
    await this.#saving?.catch(() => {});
    await this.journey.api.discardDraft().catch(() => {
      // Not reached: the draft stays until the session ends, and a reload would offer it again.
    });
  }

  /** What would be saved now: the answers, and the step to resume on (the review once past it); undefined on no form step. */
  #snapshot(step = this.journey.nav.step as string): Snapshot | undefined {
    const at = isDraftStep(step) ? step : step === 'quotes' || step === 'confirmation' ? 'review' : undefined;
    if (!at) return undefined;
    const { insuredNow, connectionId } = this.journey.answers;
    return {
      step: at,
      answers: this.#answers(),
      ...(insuredNow === undefined ? {} : { insuredNow }),
      ...(connectionId ? { connectionId } : {}),
    };
  }

  #answers(): Draft {
    return saveable(this.journey.answers.draft);
  }

  async #send(keepalive: boolean) {
    if (!this.#enabled || this.conflict || this.#discarded) return;
    const snapshot = this.#snapshot();
    const text = JSON.stringify(snapshot);
    if (!snapshot || text === this.#saved) return;
    let body: SaveDraftBody = { revision: this.#revision, ...snapshot };
    // At most: the save, one without the values the server refused, one on top of a discard elsewhere.
    for (let attempt = 0; attempt < 3; attempt++) {
      let result: Awaited<ReturnType<Journey['api']['saveDraft']>>;
      body = { ...body, writer: { id: this.#writer, seq: ++this.#seq } };
      try {
        result = await this.journey.api.saveDraft(body, { keepalive });
      } catch (error) {
        const refused = (error as CoverkitApiError).status === 400 ? withoutRefused(body, (error as CoverkitApiError).fields) : undefined;
        if (!refused) return; // The network, or a session that cannot go on: the next change tries again.
        body = refused;
        continue;
      }
      if ('saved' in result) {
        this.#revision = result.saved.revision;
        this.#saved = text;
        this.memory?.remember(this.journey.api.sessionKeeper.token, () => this.journey.api.createRefreshKey());
        return;
      }
      const { conflict } = result;
      if (conflict.draft?.writer?.id === this.#writer) {
        // This tab's own later save (sent with keepalive as the page hid) got there first: what is here now goes on top of it.
        this.#revision = conflict.revision;
        this.#again = true;
        return;
      }
      if (conflict.draft === null) {
        // Discarded in another tab while this one went on: this tab's answers are the ones the shopper is giving.
        body = { ...body, revision: conflict.revision };
        continue;
      }
      this.conflict = conflict;
      this.journey.changed();
      return;
    }
  }

  /** Another tab may have saved while this one was hidden: with nothing unsaved here, take its answers. */
  #handleVisibility = () => {
    if (document.visibilityState === 'hidden') {
      void this.save();
      return;
    }
    const unsaved = () => JSON.stringify(this.#snapshot()) !== this.#saved;
    if (!this.#enabled || this.#saving || this.conflict || this.#saved === undefined || unsaved()) return;
    const revision = this.#revision;
    this.journey.api.draft().then(
      (draft) => {
        // Asked again as it comes: an answer given while it was on its way is the shopper's newest, and stays.
        if (draft && draft.revision > revision && this.#revision === revision && !this.#saving && !unsaved()) this.resume(draft);
      },
      () => {},
    );
  };

  #handlePageHide = () => void this.save({ keepalive: true });
}

/** The save without the answers the server named as not valid; undefined when it named nothing it could leave out. */
function withoutRefused(body: SaveDraftBody, fields: Record<string, string[]>): SaveDraftBody | undefined {
  const paths = Object.keys(fields)
    .filter((path) => path.startsWith('answers.'))
    .map((path) => path.slice('answers.'.length));
  if (paths.length === 0) return undefined;
  const answers = structuredClone(body.answers) as Draft;
  for (const path of paths) setAt(answers, path, undefined);
  return { ...body, answers: saveable(answers) as SaveDraftBody['answers'] };
}

/** The answers as they are sent: trimmed, without empty values, and a removed list entry (a hole) as an empty one. */
function saveable(draft: Draft): Draft {
  return JSON.parse(
    JSON.stringify(clean(draft) ?? {}, function (this: unknown, _key, value: unknown) {
      return Array.isArray(this) && value == null ? {} : value;
    }),
  ) as Draft;
}

/** 22 random URL-safe characters: one page load's saves. */
function writerId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}
