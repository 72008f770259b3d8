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
import { type ApiError, notFound } from '../http/errors.ts';
import { type PaceClient, type PaceProgram, toCoverageOptionGroups } from '../vendors/pace/index.ts';
import { VendorError } from '../vendors/shared/errors.ts';
import { LookupCache, type LookupCacheOptions } from './cache.ts';
import { noRateCycle, requireWrittenState } from './written-states.ts';

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

/** A vendor refusal that means something of ours; any other vendor failure is answered by the app's onError (502/504). */
type Reading = (error: VendorError) => ApiError | undefined;

/** PACE refuses a state it has no rate cycle for with a 400 of its own; it means what our own state check means. */
const rateCycleRefusal =
  (state: string, effectiveDate?: string): Reading =>
  (error) =>
    error.kind === 'rejected' && /rate cycle/i.test(error.message) ? noRateCycle(state, effectiveDate) : undefined;

/** A VIN PACE cannot place (its "unable to decode" 400 or its "no symbols" 404) is a VIN we do not know. */
const unknownVin =
  (state: string, vin: string): Reading =>
  (error) =>
    rateCycleRefusal(state)(error) ??
    (error.kind === 'rejected' || error.kind === 'not_found'
      ? notFound(`No vehicle is known for VIN ${vin}; check the VIN or choose the vehicle from the lists`)
      : undefined);

async function read<T>(answer: Promise<T>, reading: Reading): Promise<T> {
  try {
    return await answer;
  } catch (error) {
    throw (error instanceof VendorError && reading(error)) || error;
  }
}

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

  /** The states the insurer's program writes: lookups anywhere else answer 400 on `state`. */
  get writtenStates(): readonly string[] {
    return this.program.states;
  }

  #written(state: string) {
    requireWrittenState(state, this.program.states);
  }

  years(state: string): Promise<number[]> {
    this.#written(state);
    return read(
      this.#years.get(key(state), () => this.pace.years(state)),
      rateCycleRefusal(state),
    );
  }

  makes({ state, year }: VehicleMakesQuery): Promise<string[]> {
    this.#written(state);
    return read(
      this.#lists.get(key('makes', state, year), () => this.pace.makes(state, year)),
      rateCycleRefusal(state),
    );
  }

  models({ state, year, make }: VehicleModelsQuery): Promise<string[]> {
    this.#written(state);
    return read(
      this.#lists.get(key('models', state, year, make), () => this.pace.models(state, year, make)),
      rateCycleRefusal(state),
    );
  }

  bodyStyles({ state, year, make, model }: VehicleBodyStylesQuery): Promise<string[]> {
    this.#written(state);
    return read(
      this.#lists.get(key('bodystyles', state, year, make, model), () => this.pace.bodyStyles(state, year, make, model)),
      rateCycleRefusal(state),
    );
  }

  /** The VIN patterns of a body style, as PACE writes them (squish VINs: the check digit is `&`, no serial number). */
  vins({ state, year, make, model, bodyStyle }: VehicleVinsQuery): Promise<string[]> {
    this.#written(state);
    return read(
      this.#lists.get(key('vins', state, year, make, model, bodyStyle), async () =>
        (await this.pace.vins(state, year, make, model, bodyStyle)).map((v) => v.vin),
      ),
      rateCycleRefusal(state),
    );
  }

  /** `vin` is already upper-cased and checked for shape by the contract. */
  decodeVin(state: string, vin: string): Promise<DecodedVehicle> {
    this.#written(state);
    return read(
      this.#vins.get(key(state, vin), () => this.pace.decodeVin(state, vin)),
      unknownVin(state, vin),
    );
  }

  coverages({ state, effectiveDate }: CoverageOptionsQuery): Promise<CoverageOptions> {
    this.#written(state);
    // Without a date PACE answers for its today; the key names our today, so no answer outlives the day it was for by more than the TTL.
    return read(
      this.#coverages.get(key(state, effectiveDate ?? `today:${usToday()}`), async () => ({
        state,
        ...(effectiveDate ? { effectiveDate } : {}),
        coverages: toCoverageOptionGroups(await this.pace.coverages(state, effectiveDate)),
      })),
      rateCycleRefusal(state, effectiveDate),
    );
  }
}
