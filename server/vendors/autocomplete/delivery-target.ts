/**
 * AutoComplete: the shopper becomes a Person (`POST /people`), and the answer
 * carries their personalised shopping link, which the widget shows. AutoComplete
 * has no idempotency key: a try that timed out may have created the person, and
 * the retry then creates a second one (at least once, never lost).
 *
 * A shopping link the contract's link rule refuses (a `javascript:` link, or
 * `http:` in live mode) is not passed on: the person is recorded and the
 * delivery fails for good with the reason, so the dealer reads why the shopper
 * had no link, and no retry creates the person again.
 */
import type { LinkMode } from '../../../contract/index.ts';
import type { DeliveryAttempt, DeliveryResult, Target } from '../../submissions/targets/target.ts';
import type { AutoCompleteClient } from './client.ts';
import { fromCreatedPerson, toAutoCompletePerson } from './map.ts';

export class AutoCompleteTarget implements Target {
  readonly name = 'autocomplete' as const;
  readonly displayName = 'AutoComplete';

  readonly callTimeoutMs: number;
  readonly #dealerId: string;
  readonly #links: LinkMode;

  constructor(
    private readonly client: AutoCompleteClient,
    options: {
      /** AutoComplete's UUID of the dealer of origin (`source.dealer_id`). */
      dealerId: string;
      /** The server's mode: which shopping links may reach the shopper. */
      links: LinkMode;
      /** The client's timeout (AUTOCOMPLETE_TIMEOUT_MS). */
      callTimeoutMs: number;
    },
  ) {
    this.#dealerId = options.dealerId;
    this.#links = options.links;
    this.callTimeoutMs = options.callTimeoutMs;
  }

  async deliver({ body, selectedQuote, signal, saveState }: DeliveryAttempt): Promise<Record<string, unknown>> {
    const { person } = toAutoCompletePerson(body.applicant, { source: { dealer_id: this.#dealerId }, selectedQuote });
    signal.throwIfAborted();
    const created = fromCreatedPerson(await this.client.createPerson(person), this.#links);
    if ('refused' in created) {
      await saveState({ personId: created.personId });
      throw created.refused;
    }
    return { personId: created.personId, flowUrl: created.flowUrl };
  }
}

/** What an AutoComplete delivery shows: the shopper's shopping link and the person AutoComplete made. */
export function autoCompleteResult(state: Readonly<Record<string, unknown>>): DeliveryResult {
  return {
    shopperLink: state.flowUrl,
    ...(typeof state.personId === 'string' ? { vendorIds: { personId: state.personId } } : {}),
  };
}
