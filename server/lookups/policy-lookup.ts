/**
 * The lookup journey: a shopper finds their PACE quote or policy by its number
 * or their email, and proves it is theirs with a date of birth. Only records
 * whose insured or one of whose drivers has that date of birth are answered;
 * "found, but the date of birth is wrong" and "not found" are the same empty
 * answer, reached in the same time (EqualTiming), so the endpoint tells no one
 * which numbers or emails exist.
 */
import type { Policy, PolicyLookupBody } from '../../contract/index.ts';
import { lookupPacePolicies, type PaceClient, type PaceLookup, type PaceProgram } from '../vendors/pace/index.ts';
import { EqualTiming } from './equal-timing.ts';

/** True when the policy's insured or any of its drivers was born on `dateOfBirth` (both YYYY-MM-DD). */
function bornOn(policy: Policy, dateOfBirth: string): boolean {
  return policy.holder.dateOfBirth === dateOfBirth || policy.drivers.some((d) => d.dateOfBirth === dateOfBirth);
}

/** PACE's policy and quote numbers are written in capitals; a shopper may type them in lower case. */
function toPaceLookup(body: PolicyLookupBody): PaceLookup {
  if (body.policyNumber !== undefined) return { policyNumber: body.policyNumber.toUpperCase() };
  // The contract lets through exactly one of the two.
  return { email: body.email as string };
}

export class PolicyLookups {
  constructor(
    private readonly pace: PaceClient,
    private readonly program: PaceProgram,
    private readonly timing: EqualTiming = new EqualTiming(),
  ) {}

  /** The shopper's records, or [] (after the not-found hold) when none is theirs. Vendor failures throw VendorError. */
  async find(body: PolicyLookupBody): Promise<Policy[]> {
    const startedAt = this.timing.start();
    const records = await lookupPacePolicies(this.pace, this.program, toPaceLookup(body));
    if (records.length > 0) this.timing.found(startedAt);
    const theirs = records.filter((p) => bornOn(p, body.dateOfBirth));
    if (theirs.length === 0) await this.timing.hold(startedAt);
    return theirs;
  }
}
