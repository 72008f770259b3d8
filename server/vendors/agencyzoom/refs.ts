/**
 * Where a new lead lands in the agency's AgencyZoom. Lead create needs a
 * pipeline, a stage, a lead source and a producer, all as the agency's own ids;
 * an operator names them (AGENCYZOOM_PIPELINE, …) by name or id, and this picks
 * them out of the agency's lookups. Routing is agency configuration, not shopper
 * data, so picking a default here invents nothing about the shopper.
 */
import { VendorError } from '../shared/errors.ts';
import type { Employee, LeadSource, Pipeline, Stage } from './schemas.ts';
import { VENDOR } from './vendor.ts';

/** Each one a name (case-insensitive) or an id; the producer may also be an email. */
export type LeadRoutingPreferences = { pipeline?: string; stage?: string; leadSource?: string; producer?: string };

/** All four are required by lead create (`assignTo` too: the seed marks it required). */
export type LeadRefs = { pipelineId: number; stageId: number; leadSourceId: number; assignTo: number };

export type RoutingLookups = { pipelines: Pipeline[]; leadSources: LeadSource[]; employees: Employee[] };

/**
 * Defaults when a preference is unset: the first pipeline and its first stage
 * (by `seq`), the first lead source, and the owner if they produce, else the
 * first active producer. Throws VendorError when a named one does not exist.
 */
export function resolveLeadRefs(lookups: RoutingLookups, preferences: LeadRoutingPreferences = {}): LeadRefs {
  const pipeline = pick('pipeline', bySeq(lookups.pipelines), preferences.pipeline, (p) => [p.name]);
  const stage = pick(`stage of pipeline "${pipeline.name}"`, bySeq(pipeline.stages), preferences.stage, (s) => [s.name]);
  const leadSource = pick('lead source', lookups.leadSources, preferences.leadSource, (s) => [s.name]);
  const producers = lookups.employees.filter((e) => e.isProducer !== false && e.isActive !== false);
  const owner = producers.filter((e) => e.isOwner === true);
  const producer = pick('active producer', [...owner, ...producers], preferences.producer, (e) => [
    e.email,
    [e.firstname, e.lastname].filter(Boolean).join(' '),
  ]);
  return {
    pipelineId: integerId('pipeline', pipeline.id),
    stageId: integerId('stage', stage.id),
    leadSourceId: leadSource.id,
    assignTo: producer.id,
  };
}

function pick<T extends { id: string | number }>(
  what: string,
  candidates: T[],
  wanted: string | undefined,
  names: (item: T) => Array<string | null | undefined>,
): T {
  const found =
    wanted === undefined
      ? candidates[0]
      : candidates.find((item) => String(item.id) === wanted || names(item).some((n) => same(n, wanted)));
  if (!found) {
    const why = wanted === undefined ? `has no ${what} to put new leads in` : `has no ${what} named "${wanted}"`;
    throw new VendorError(VENDOR, 'rejected', why);
  }
  return found;
}

const same = (a: string | null | undefined, b: string) => a?.trim().toLowerCase() === b.trim().toLowerCase();

/** Stable: items without a seq keep their place after those with one. */
function bySeq<T extends Pick<Stage, 'seq'>>(items: T[]): T[] {
  return [...items].sort((a, b) => (a.seq ?? Number.MAX_SAFE_INTEGER) - (b.seq ?? Number.MAX_SAFE_INTEGER));
}

/** Lookups spell pipeline and stage ids as strings; lead create takes integers. */
function integerId(what: string, id: string | number): number {
  const value = Number(id);
  if (!Number.isSafeInteger(value)) throw new VendorError(VENDOR, 'malformed', `listed a ${what} whose id is not a number`);
  return value;
}
