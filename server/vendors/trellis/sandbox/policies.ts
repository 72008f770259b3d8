/**
 * The policies a sandbox connection holds: the seed's example policies, made
 * current. Every policy-lifecycle date of the seed (effective, expiration,
 * issue, renewal, retrieved, incident, document expiry) moves forward by the
 * whole number of months between the seed's retrieval month (February 2019)
 * and the month the connection was created, so the auto policy always started
 * last month and runs five more months: active, whatever today is. Birthdays
 * and purchase dates are facts about people and things and do not move.
 *
 * Everything here is a function of (issuer, creation time, use case), so every
 * process answers the same.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { TrellisPolicy } from '../schemas.ts';
import type { ConnectionRef } from './connections.ts';
import type { SandboxIssuer } from './issuers.ts';
import { SEED_AUTO_POLICY, SEED_HOME_POLICY } from './seed-policies.ts';

type PolicyBody = z.input<typeof TrellisPolicy>;

/** February 2019, the seed example's dateRetrieved, as a month count. */
const SEED_MONTH = 2019 * 12 + 1;

/** The seed's own ids stay for GEICO; the future policy continues its numbering. */
const GEICO_RENEWAL_ID = 'd290f1ee-6c54-4b01-90e6-d701748f0853';

export function sandboxPolicies(connection: ConnectionRef, issuer: SandboxIssuer, options: { futurePolicy: boolean }): PolicyBody[] {
  const created = new Date(connection.createdAt);
  const months = created.getUTCFullYear() * 12 + created.getUTCMonth() - SEED_MONTH;
  const auto = moveDates(forIssuer(SEED_AUTO_POLICY, connection.issuerId, issuer.autoPolicyNumber, 'auto'), months);
  const home = moveDates(forIssuer(SEED_HOME_POLICY, connection.issuerId, issuer.homePolicyNumber, 'home'), months);
  return options.futurePolicy ? [auto, home, renewalOf(auto, connection.issuerId)] : [auto, home];
}

/**
 * GEICO answers with the seed's policies untouched (including the seed's
 * Allstate homeowners policy); other issuers get the same household under
 * their own name, policy numbers and stable ids.
 */
function forIssuer(seed: PolicyBody, issuerId: string, policyNumber: string, kind: string): PolicyBody {
  // The seed shows an active policy with a canceledDate inside its term; a
  // sandbox policy that is both active and cancelled only confuses, so it goes.
  const { canceledDate: _cancelled, ...policy } = structuredClone(seed);
  if (issuerId === 'geico') return policy;
  return { ...policy, id: stableId(issuerId, kind), issuer: issuerId, policyNumber };
}

/** The auto policy's next term, which Trellis returns only for the FUTURE_POLICY use case. */
function renewalOf(auto: PolicyBody, issuerId: string): PolicyBody {
  const term = auto.policyTermMonths ?? 6;
  const start = auto.expirationDate ?? undefined;
  const end = start ? addMonths(start, term) : undefined;
  return {
    ...structuredClone(auto),
    id: issuerId === 'geico' ? GEICO_RENEWAL_ID : stableId(issuerId, 'auto-renewal'),
    effectiveDate: start,
    issueDate: start,
    expirationDate: end,
    renewalDate: end,
    // Not in force yet: it starts when the current term ends.
    active: false,
  };
}

function moveDates(policy: PolicyBody, months: number): PolicyBody {
  const move = <T extends string | null | undefined>(date: T) => (date ? addMonths(date, months) : date);
  return {
    ...policy,
    issueDate: move(policy.issueDate),
    renewalDate: move(policy.renewalDate),
    effectiveDate: move(policy.effectiveDate),
    expirationDate: move(policy.expirationDate),
    dateRetrieved: move(policy.dateRetrieved),
    incidents: policy.incidents?.map((incident) => ({ ...incident, date: move(incident.date) })),
    documents: policy.documents?.map((document) => ({ ...document, urlExpiration: move(document.urlExpiration) })),
  };
}

/** `date` (YYYY-MM-DD) plus whole months, the day clamped to the month's length. */
function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(day, lastDay));
  return first.toISOString().slice(0, 10);
}

/** A UUID-shaped id that is the same for the same issuer and policy every time. */
function stableId(issuerId: string, kind: string): string {
  const hex = createHash('sha256').update(`trellis-sandbox/${issuerId}/${kind}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
