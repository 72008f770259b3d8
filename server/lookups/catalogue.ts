/**
 * The widget's vehicle pick-lists, VIN decoding and coverage options, answered
 * by PACE through one cache per kind of answer: pick-lists and decoded VINs
 * barely change, coverage options follow rate cycles that start on a date.
 * VINs get their own cache so a burst of decodes cannot evict the pick-lists.
 */
import {
  type CoverageOptions,
  type CoverageOptionsQuery,
  type DecodedVehicle,
  usToday,
  type VehicleBodyStylesQuery,
  type VehicleMakesQuery,
  type VehicleModelsQuery,
  type VehicleVinsQuery,
} from '../../contract/index.ts';
import { type PaceClient, type PaceProgram, toCoverageOptionGroups } from '../vendors/pace/index.ts';
import { VendorError } from '../vendors/shared/errors.ts';
import { LookupCache, type LookupCacheOptions } from './cache.ts';
import { requireWrittenState } from './written-states.ts';

const HOUR = 3_600_000;

export type CatalogueCacheOptions = Record<'lists' | 'vins' | 'coverages', LookupCacheOptions>;

export const CATALOGUE_CACHE_DEFAULTS: CatalogueCacheOptions = {
  lists: { max: 5_000, ttlMs: 6 * HOUR, staleIfErrorMs: 24 * HOUR },
  vins: { max: 20_000, ttlMs: 6 * HOUR, staleIfErrorMs: 24 * HOUR },
  // Short: a new rate cycle changes the options the day it starts.
  coverages: { max: 2_000, ttlMs: 1 * HOUR, staleIfErrorMs: 1 * HOUR },
};

/** A stale answer may hide the vendor being down or slow, never the vendor's own answer (a refusal, a not-found). */
const VENDOR_DOWN = new Set(['timeout', 'unavailable', 'rate_limited', 'malformed', 'auth']);
const vendorDown = (error: unknown) => error instanceof VendorError && VENDOR_DOWN.has(error.kind);

/** Cache keys: the normalised query (parsed by the contract: trimmed, year a number, VIN upper-cased), unambiguous whatever the values hold. */
const key = (...parts: (string | number | undefined)[]) => JSON.stringify(parts);

export class Catalogue {
  readonly #lists: LookupCache<string[]>;
  readonly #years: LookupCache<number[]>;
  readonly #vins: LookupCache<DecodedVehicle>;
  readonly #coverages: LookupCache<CoverageOptions>;

  constructor(
    private readonly pace: PaceClient,
    private readonly program: Pick<PaceProgram, 'states'>,
    options: CatalogueCacheOptions = CATALOGUE_CACHE_DEFAULTS,
  ) {
    const cache = <V extends NonNullable<unknown>>(o: LookupCacheOptions) => new LookupCache<V>({ canServeStale: vendorDown, ...o });
    this.#lists = cache(options.lists);
    this.#years = cache(options.lists);
    this.#vins = cache(options.vins);
    this.#coverages = cache(options.coverages);
  }

  #written(state: string) {
    requireWrittenState(state, this.program.states);
  }

  years(state: string): Promise<number[]> {
    this.#written(state);
    return this.#years.get(key(state), () => this.pace.years(state));
  }

  makes({ state, year }: VehicleMakesQuery): Promise<string[]> {
    this.#written(state);
    return this.#lists.get(key('makes', state, year), () => this.pace.makes(state, year));
  }

  models({ state, year, make }: VehicleModelsQuery): Promise<string[]> {
    this.#written(state);
    return this.#lists.get(key('models', state, year, make), () => this.pace.models(state, year, make));
  }

  bodyStyles({ state, year, make, model }: VehicleBodyStylesQuery): Promise<string[]> {
    this.#written(state);
    return this.#lists.get(key('bodystyles', state, year, make, model), () => this.pace.bodyStyles(state, year, make, model));
  }

  /** The VIN patterns of a body style, as PACE writes them (squish VINs: the check digit is `&`, no serial number). */
  vins({ state, year, make, model, bodyStyle }: VehicleVinsQuery): Promise<string[]> {
    this.#written(state);
    return this.#lists.get(key('vins', state, year, make, model, bodyStyle), async () =>
      (await this.pace.vins(state, year, make, model, bodyStyle)).map((v) => v.vin),
    );
  }

  /** `vin` is already upper-cased and checked for shape by the contract. */
  decodeVin(state: string, vin: string): Promise<DecodedVehicle> {
    this.#written(state);
    return this.#vins.get(key(state, vin), () => this.pace.decodeVin(state, vin));
  }

  coverages({ state, effectiveDate }: CoverageOptionsQuery): Promise<CoverageOptions> {
    this.#written(state);
    // Without a date PACE answers for its today; the key names our today, so no answer outlives the day it was for by more than the TTL.
    return this.#coverages.get(key(state, effectiveDate ?? `today:${usToday()}`), async () => ({
      state,
      ...(effectiveDate ? { effectiveDate } : {}),
      coverages: toCoverageOptionGroups(await this.pace.coverages(state, effectiveDate)),
    }));
  }
}
