/**
 * Finding a shopper's PACE quotes and policies by policy number or email, as
 * canonical Policies, for the lookup journey. A number may be a quote's or a
 * policy's, so both are asked; "not found" from either is an empty answer,
 * not an error. The caller compares the date of birth.
 */
import type { Policy } from '../../../contract/index.ts';
import { VendorError } from '../shared/errors.ts';
import type { PaceClient } from './client.ts';
import type { PaceProgram } from './config.ts';
import { type PaceRecord, type PaceRecordKind, toCanonicalPolicy } from './map.ts';
import type { PacePolicyInfo, PaceQuoteInfo } from './schemas.ts';

/** Records fetched in detail for one email (each costs three more calls). */
const MAX_RECORDS = 10;

async function orEmpty<T>(call: Promise<T>, empty: T): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof VendorError && error.kind === 'not_found') return empty;
    throw error;
  }
}

async function withDetails(client: PaceClient, kind: PaceRecordKind, info: PaceQuoteInfo | PacePolicyInfo): Promise<PaceRecord> {
  const [drivers, vehicles, coverages] = await Promise.all([
    orEmpty(client.drivers(kind, info.policyNumber), []),
    orEmpty(client.vehicles(kind, info.policyNumber), []),
    orEmpty(client.recordCoverages(kind, info.policyNumber), undefined),
  ]);
  return { kind, info, drivers, vehicles, ...(coverages ? { coverages } : {}) };
}

export type PaceLookup = { policyNumber: string } | { email: string };

export async function lookupPacePolicies(client: PaceClient, program: PaceProgram, lookup: PaceLookup, today?: string): Promise<Policy[]> {
  const [quotes, policies] = await Promise.all(
    'policyNumber' in lookup
      ? [
          orEmpty(
            client.quoteInfo(lookup.policyNumber).then((q) => [q]),
            [],
          ),
          orEmpty(
            client.policyInfo(lookup.policyNumber).then((p) => [p]),
            [],
          ),
        ]
      : [orEmpty(client.quoteInfoByEmail(lookup.email), []), orEmpty(client.policyInfoByEmail(lookup.email), [])],
  );
  const found = [
    ...policies.map((info) => ({ kind: 'policy' as const, info })),
    ...quotes.map((info) => ({ kind: 'quote' as const, info })),
  ].slice(0, MAX_RECORDS);
  const records = await Promise.all(found.map(({ kind, info }) => withDetails(client, kind, info)));
  return records.map((r) => toCanonicalPolicy(r, program, today));
}
