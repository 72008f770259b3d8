/**
 * The shopper's existing policies: connecting their insurer and reading its
 * policies (PolicyConnection), and turning an auto policy into the quote
 * journey's first answers (answersFromPolicy). The insurer login is sent once
 * and never kept, logged or emitted.
 */
import type { ConnectionPolicies, SandboxLoginBody } from '../../contract/connection.ts';
import type { Policy, PolicyCoverage, PolicyDriver } from '../../contract/policy.ts';
import type { Insurer } from '../../contract/session.ts';
import { asApiError, type CoverkitApi, type CoverkitApiError } from '../api/client.ts';
import { type Draft, type DriverDraft, MAX_ENTRIES } from './draft.ts';
import type { Answers } from './journey/answers.ts';
import { states } from './strings/states.ts';

/**
 * An insurer's name to show: an issuer id of the server's list (the session's
 * `insurers`; brand names, the same in every language) becomes its name; a
 * name (PACE's program) stays as it is.
 */
export const issuerName = (issuer: string, insurers: readonly Insurer[]) =>
  insurers.find((i) => i.id === issuer.toLowerCase())?.name ?? issuer;

/** "DARTH VADER" as an insurer may write it → "Darth Vader"; names in mixed case are left alone. */
const properName = (name: string | undefined) =>
  name && name === name.toUpperCase()
    ? name.toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_, gap: string, c: string) => gap + c.toUpperCase())
    : name;

export const personName = (p: { firstName?: string; lastName?: string; fullName?: string }) =>
  [p.firstName, p.lastName].filter(Boolean).map(properName).join(' ') || properName(p.fullName) || '';

/**
 * connecting → reading (polled, honouring Retry-After) → ready | none; failed
 * at any point, with the error. A failure while reading can be resumed.
 */
export type ConnectionStatus = 'connecting' | 'reading' | 'ready' | 'none' | 'failed';

export type ConnectionListener = {
  /** Something changed; `moved` when the status did (a new screen: focus its heading). */
  change(moved: boolean): void;
  /** The insurer accepted the login. */
  connected(): void;
};

export class PolicyConnection {
  status: ConnectionStatus = 'connecting';
  connectionId?: string;
  result?: ConnectionPolicies;
  error?: CoverkitApiError;
  #timer?: ReturnType<typeof setTimeout>;
  /** Bumped by stop() and resume(): an answer for an older round is ignored. */
  #round = 0;

  constructor(
    private readonly api: CoverkitApi,
    readonly issuerId: string,
    private readonly listener: ConnectionListener,
  ) {}

  /** Sends the login once; then reads the policies until they are ready. */
  async connect(login: SandboxLoginBody): Promise<void> {
    const round = this.#round;
    try {
      const created = await this.api.connect(login);
      if (round !== this.#round) return;
      this.connectionId = created.connectionId;
      this.listener.connected();
      await this.#read(round);
    } catch (error) {
      if (round === this.#round) this.#set('failed', asApiError(error));
    }
  }

  /** Reads again after a failure (or when back on the page while reading). */
  resume() {
    if (!this.connectionId || (this.status !== 'failed' && this.status !== 'reading')) return;
    this.stop();
    void this.#read(this.#round);
  }

  /** Stops polling; nothing changes any more until resume(). */
  stop() {
    this.#round++;
    clearTimeout(this.#timer);
  }

  async #read(round: number) {
    this.#set('reading');
    try {
      const answer = await this.api.connectionPolicies(this.connectionId as string);
      if (round !== this.#round) return;
      if (answer.status === 'not_ready') {
        // The server says when to ask again; within reason, so a slow insurer is neither hammered nor forgotten.
        const wait = Math.min(Math.max(answer.retryAfter * 1000, 500), 30_000);
        this.#timer = setTimeout(() => void this.#read(round), wait);
        return;
      }
      this.result = answer;
      this.#set('ready');
    } catch (error) {
      if (round !== this.#round) return;
      const apiError = asApiError(error);
      if (apiError.status === 404) this.#set('none');
      else this.#set('failed', apiError);
    }
  }

  #set(status: ConnectionStatus, error?: CoverkitApiError) {
    const moved = status !== this.status;
    this.status = status;
    this.error = error;
    this.listener.change(moved);
  }
}

const VIN = /^[A-HJ-NPR-Z0-9]{17}$/;
const OTHER_RELATIONSHIPS = new Set(['spouse', 'domestic_partner', 'child', 'parent', 'sibling', 'other']);

const split = (c: PolicyCoverage | undefined) =>
  c?.perPersonLimitCents !== undefined && c.perAccidentLimitCents !== undefined
    ? { perPerson: c.perPersonLimitCents, perAccident: c.perAccidentLimitCents }
    : undefined;

function driverDraft(d: PolicyDriver, i: number): DriverDraft {
  const [first, ...rest] = d.firstName || d.lastName ? [] : (d.fullName ?? '').trim().split(/\s+/);
  const state = d.licenseState?.toUpperCase();
  return {
    firstName: properName(d.firstName ?? first) || undefined,
    lastName: properName(d.lastName ?? (rest.join(' ') || undefined)),
    dateOfBirth: d.dateOfBirth,
    relationship: (i === 0
      ? 'self'
      : OTHER_RELATIONSHIPS.has(d.relationship ?? '')
        ? d.relationship
        : 'other') as DriverDraft['relationship'],
    license: { state: state && state in states ? (state as keyof typeof states) : undefined, status: 'valid' },
  };
}

/**
 * The quote journey's answers from an auto policy: its drivers (the insured
 * first), its vehicles, its limits and deductibles as the coverage defaults,
 * and the insurer as the current insurance. The contact, address and home
 * answers already given (or pre-filled by the dealer) are kept.
 */
/**
 * A policy becomes the answers. `pageVin`, the car the dealer's page is selling,
 * stays the first vehicle (the one being bought is the one to insure), with the
 * deductibles of the policy's first car; the policy's cars follow, that one
 * dropped if the policy already holds it.
 */
/** What "Get quotes with these details" makes of a policy: the answers, whether the shopper is insured now, and by whom. */
export type PolicyAnswers = { draft: Draft; insuredNow: boolean; issuer: string };

/** An auto policy becomes the answers, over what the shopper has given (contact, address) and with the page's car first. */
export function answersFromPolicy(policy: Policy, answers: Pick<Answers, 'draft' | 'insurers' | 'pageVin'>): PolicyAnswers {
  const { draft, insuredNow } = draftFromPolicy(policy, answers.draft, answers.insurers, answers.pageVin);
  return { draft, insuredNow, issuer: issuerName(policy.issuer, answers.insurers) };
}

function draftFromPolicy(
  policy: Policy,
  base: Draft,
  insurers: readonly Insurer[],
  pageVin?: string,
): { draft: Draft; insuredNow: boolean } {
  const { contact, address, residence, effectiveDate, priorInsurance } = structuredClone(base);
  const draft: Draft = { contact, address, residence, effectiveDate };
  const people: PolicyDriver[] = policy.drivers.length ? [...policy.drivers] : [policy.holder];
  const self = people.findIndex((d) => d.relationship === 'self');
  if (self > 0) people.unshift(...people.splice(self, 1));
  draft.drivers = people.slice(0, MAX_ENTRIES).map(driverDraft);
  // Each answer vehicle with the policy vehicle whose deductibles it takes (by the policy's index).
  const fromPolicy = policy.vehicles
    .map((v, index) => ({ index, vin: v.vin && VIN.test(v.vin.toUpperCase()) ? v.vin.toUpperCase() : undefined, v }))
    .filter(({ vin }) => !pageVin || vin !== pageVin)
    .map(({ index, vin, v }) => ({ index, vehicle: { vin, year: v.year, make: v.make, model: v.model } }));
  const rows = pageVin ? [{ index: 0, vehicle: { vin: pageVin } }, ...fromPolicy] : fromPolicy;
  const kept = rows.slice(0, MAX_ENTRIES);
  draft.vehicles = kept.map((r) => r.vehicle);
  if (draft.vehicles.length === 0) draft.vehicles = [{}];

  const find = (...types: string[]) => policy.coverages.find((c) => types.includes(c.type) && !c.unlimited);
  const coverage: NonNullable<Draft['coverage']> = {};
  const bodilyInjury = split(find('bodily_injury'));
  const uninsured = split(find('uninsured_motorist_bodily_injury', 'uninsured_motorist'));
  const propertyDamage = find('property_damage')?.limitCents;
  const medical = find('medical_payments')?.limitCents;
  if (bodilyInjury) coverage.bodilyInjuryCents = bodilyInjury;
  if (uninsured) coverage.uninsuredMotoristCents = uninsured;
  if (propertyDamage !== undefined) coverage.propertyDamageCents = propertyDamage;
  if (medical !== undefined) coverage.medicalPaymentsCents = medical;
  // Deductibles per vehicle, when the policy says: a vehicle it lists without one carries none.
  const deductible = (type: string, i: number) =>
    policy.coverages.find((c) => c.type === type && (c.vehicle ?? 0) === i)?.deductibleCents ?? null;
  if (policy.coverages.some((c) => c.type === 'comprehensive' || c.type === 'collision')) {
    coverage.vehicles = draft.vehicles.map((_, i) => ({
      comprehensiveDeductibleCents: deductible('comprehensive', kept[i]?.index ?? i),
      collisionDeductibleCents: deductible('collision', kept[i]?.index ?? i),
    }));
  }
  draft.coverage = coverage;
  if (policy.active) {
    draft.priorInsurance = {
      carrier: issuerName(policy.issuer, insurers),
      monthsInsured: priorInsurance?.monthsInsured,
      expirationDate: policy.expirationDate,
      bodilyInjuryLimitsCents: bodilyInjury,
    };
  }
  return { draft, insuredNow: policy.active };
}
