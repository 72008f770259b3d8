/**
 * What the sandbox has received, kept in memory per partner (API key) so
 * `GET /people` shows every submission, duplicates included. Ids and flow
 * links are derived from the submission and its position in the sequence:
 * the same requests in the same order always get the same answers.
 */
import { createHash } from 'node:crypto';
import type { Flow, PersonRecord, PersonSubmission } from '../schemas.ts';

/** Namespace of the sandbox's name-based (version 5) UUIDs. */
const NAMESPACE = Buffer.from('6f1c2b7e4a9d4c0e8b3f5a1d2e7c9b40', 'hex');
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** RFC 4122 version 5: SHA-1 of namespace and name, with the version and variant bits set. */
function uuidV5(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name).digest().subarray(0, 16);
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Six letters, like the reference's "aBcDeF". */
function flowIdentifier(name: string): string {
  const hash = createHash('sha256').update(name).digest();
  return Array.from(hash.subarray(0, 6), (byte) => LETTERS[byte % LETTERS.length]).join('');
}

type Stored = { apiKey: string; record: PersonRecord };

/**
 * The person as `GET /people` reads it back. `new_vehicles`, `trade_ins` and
 * `source` are "used only when submitting"; `vehicles` is "only available
 * when reading", so the two vehicle lists become one, trade-ins marked by
 * their documented ownership_type `trade_in`.
 */
function readView(person: PersonSubmission, id: string, flow: Flow): PersonRecord {
  const { new_vehicles, trade_ins, source: _source, vehicles: _ignored, flow: _notSubmitted, id: _notOurs, ...fields } = person;
  const vehicles = [...new_vehicles, ...(trade_ins ?? []).map((vehicle) => ({ ...vehicle, ownership_type: 'trade_in' as const }))];
  return { id, ...fields, vehicles, flow };
}

export class PeopleStore {
  readonly #people: Stored[] = [];
  readonly #flows = new Set<string>();
  /** Submissions ever received: the position in the sequence that ids derive from. */
  #received = 0;

  constructor(
    private readonly flowBaseUrl: string,
    private readonly maxPeople: number,
  ) {}

  add(apiKey: string, person: PersonSubmission): PersonRecord {
    const name = `${this.#received++}\n${JSON.stringify(person)}`;
    let identifier = flowIdentifier(name);
    // Six letters rarely collide; when they do, the next derivation is just as deterministic.
    for (let attempt = 1; this.#flows.has(identifier); attempt++) identifier = flowIdentifier(`${name}\n${attempt}`);
    this.#flows.add(identifier);
    const flow = { flow_identifier: identifier, flow_url: `${this.flowBaseUrl.replace(/\/$/, '')}/${identifier}` };
    const record = readView(person, uuidV5(name), flow);
    this.#people.push({ apiKey, record });
    for (const dropped of this.#people.splice(0, Math.max(0, this.#people.length - this.maxPeople))) {
      this.#flows.delete(dropped.record.flow.flow_identifier);
    }
    return record;
  }

  list(apiKey: string): PersonRecord[] {
    return this.#people.filter((stored) => stored.apiKey === apiKey).map((stored) => stored.record);
  }

  byFlow(identifier: string): PersonRecord | undefined {
    return this.#people.find((stored) => stored.record.flow.flow_identifier === identifier)?.record;
  }
}
