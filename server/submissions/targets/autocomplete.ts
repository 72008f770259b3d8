/**
 * AutoComplete: the shopper becomes a Person (`POST /people`), and the answer
 * carries their personalised shopping link, which the widget shows. AutoComplete
 * has no idempotency key: a try that timed out may have created the person, and
 * the retry then creates a second one (at least once, never lost).
 */
import { type AutoCompleteClient, toAutoCompletePerson } from '../../vendors/autocomplete/index.ts';
import type { DeliveryAttempt, Target } from './target.ts';

export class AutoCompleteTarget implements Target {
  readonly name = 'autocomplete' as const;
  readonly displayName = 'AutoComplete';

  constructor(
    private readonly client: AutoCompleteClient,
    /** AutoComplete's UUID of the dealer of origin (`source.dealer_id`). */
    private readonly dealerId: string,
  ) {}

  async deliver({ body, selectedQuote, signal }: DeliveryAttempt): Promise<Record<string, unknown>> {
    const { person } = toAutoCompletePerson(body.applicant, { source: { dealer_id: this.dealerId }, selectedQuote });
    signal.throwIfAborted();
    const created = await this.client.createPerson(person);
    return { personId: created.id, flowUrl: created.flow.flow_url };
  }
}
