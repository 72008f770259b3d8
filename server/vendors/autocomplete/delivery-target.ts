/**
 * AutoComplete: the shopper becomes a Person (`POST /people`), and the answer
 * carries their personalised shopping link, which the widget shows.
 *
 * AutoComplete takes no idempotency key, and a try that timed out may have
 * created the person (targets/uncertain.ts). So the call is marked as sent
 * (`personSentAt`) before it leaves, and a try that finds the mark without a
 * person first reads `GET /people` (AutoComplete's only way back to what was
 * submitted: no filter, and `source` is not read back) for a person holding
 * what this submission sent — names, birth date, email, phone, licence and
 * VINs — and adopts the newest such one with its link instead of creating another.
 *
 * A shopping link the contract's link rule refuses (a `javascript:` link, or
 * `http:` in live mode) is not passed on: the person is recorded and the
 * delivery fails for good with the reason, so the dealer reads why the shopper
 * had no link, and no retry creates the person again.
 */
import type { LinkMode } from '../../../contract/index.ts';
import type { DeliveryAttempt, DeliveryResult, Target } from '../../submissions/targets/target.ts';
import { madeNothing, sentAt, settle, settleWindowMs } from '../../submissions/targets/uncertain.ts';
import type { AutoCompleteClient } from './client.ts';
import { fromCreatedPerson, toAutoCompletePerson } from './map.ts';
import type { PeopleList, PersonRecord, PersonSubmission } from './schemas.ts';

export class AutoCompleteTarget implements Target {
  readonly name = 'autocomplete' as const;
  readonly displayName = 'AutoComplete';

  readonly callTimeoutMs: number;
  readonly #dealerId: string;
  readonly #links: LinkMode;
  readonly #settleMs: number;

  constructor(
    private readonly client: AutoCompleteClient,
    options: {
      /** AutoComplete's UUID of the dealer of origin (`source.dealer_id`). */
      dealerId: string;
      /** The server's mode: which shopping links may reach the shopper. */
      links: LinkMode;
      /** The client's timeout (AUTOCOMPLETE_TIMEOUT_MS). */
      callTimeoutMs: number;
      /** How long after an uncertain `POST /people` a retry waits before looking for it (default: settleWindowMs). */
      settleMs?: number;
    },
  ) {
    this.#dealerId = options.dealerId;
    this.#links = options.links;
    this.callTimeoutMs = options.callTimeoutMs;
    this.#settleMs = options.settleMs ?? settleWindowMs(options.callTimeoutMs);
  }

  /** AutoComplete allows one request a second: at busy times a new person waits for the ones queued before it. */
  waitBeforeCallMs(): number {
    return this.client.turnInMs();
  }

  async deliver({ body, selectedQuote, state, signal, saveState }: DeliveryAttempt): Promise<Record<string, unknown>> {
    // Made and recorded already (the row could not be marked delivered): nothing to send.
    if (typeof state.personId === 'string' && typeof state.flowUrl === 'string')
      return { personId: state.personId, flowUrl: state.flowUrl };
    const { person } = toAutoCompletePerson(body.applicant, { source: { dealer_id: this.#dealerId }, selectedQuote });
    let record: PersonRecord | undefined;
    const sent = sentAt(state.personSentAt);
    if (sent !== undefined) {
      await settle(sent, this.#settleMs, signal);
      record = findPerson(await this.client.listPeople(), person);
    }
    if (!record) {
      signal.throwIfAborted();
      await saveState({ personSentAt: new Date().toISOString() });
      try {
        record = await this.client.createPerson(person);
      } catch (error) {
        if (madeNothing(error)) await saveState({ personSentAt: null });
        throw error;
      }
    }
    const created = fromCreatedPerson(record, this.#links);
    if ('refused' in created) {
      await saveState({ personId: created.personId });
      throw created.refused;
    }
    await saveState({ personId: created.personId, flowUrl: created.flowUrl });
    return { personId: created.personId, flowUrl: created.flowUrl };
  }
}

/** What identifies the person we submitted in AutoComplete's read view (`vehicles` for `new_vehicles`, no `source`). */
function fingerprint(person: {
  first_name?: string;
  last_name?: string;
  date_of_birth?: string;
  emails?: { email?: string }[];
  phone_numbers?: { number?: string }[];
  drivers_license?: { number?: string } | { number?: string }[];
  vins: (string | undefined)[];
}): string {
  const text = (value: string | undefined) => value?.trim().toLowerCase() ?? '';
  const licenses = person.drivers_license === undefined ? [] : [person.drivers_license].flat();
  return JSON.stringify([
    text(person.first_name),
    text(person.last_name),
    text(person.date_of_birth),
    (person.emails ?? []).map((e) => text(e.email)).sort(),
    (person.phone_numbers ?? []).map((p) => text(p.number)).sort(),
    licenses.map((l) => text(l.number)).sort(),
    person.vins.map(text).sort(),
  ]);
}

/** The newest listed person holding what `submitted` sent, with the link AutoComplete gave them. */
function findPerson(people: PeopleList, submitted: PersonSubmission): PersonRecord | undefined {
  const wanted = fingerprint({ ...submitted, vins: submitted.new_vehicles.map((v) => v.vin) });
  for (let i = people.length - 1; i >= 0; i--) {
    const listed = people[i]!;
    if (!listed.flow) continue;
    const vins = (listed.vehicles ?? []).filter((v) => v.ownership_type !== 'trade_in').map((v) => v.vin);
    if (fingerprint({ ...listed, vins }) === wanted) return { ...listed, flow: listed.flow };
  }
  return undefined;
}

/** What an AutoComplete delivery shows: the shopper's shopping link and the person AutoComplete made. */
export function autoCompleteResult(state: Readonly<Record<string, unknown>>): DeliveryResult {
  return {
    shopperLink: state.flowUrl,
    ...(typeof state.personId === 'string' ? { vendorIds: { personId: state.personId } } : {}),
  };
}
