/**
 * Questions the sandbox answers from its vehicle catalogue: the year → make →
 * model → body style → VIN pick-lists, and decoding a VIN the way PACE does
 * (through its squish VIN, so position 9 plays no part in finding the vehicle).
 */

import { expectedCheckDigit, hasValidCheckDigit, modelYear, yearCode } from '../../../../contract/vin.ts';
import type { PaceVinLookup } from '../schemas.ts';
import { squishVin } from '../vin.ts';
import { CATALOGUE, type CatalogueModel } from './catalogue.ts';
import { makeFromWmi } from './wmi.ts';

/** Next year's models are on sale from mid-year, so open-ended generations run one year ahead. */
const lastModelYear = (now: Date) => now.getUTCFullYear() + 1;

const same = (a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'base' }) === 0;
const sorted = (values: Iterable<string>) => [...new Set(values)].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));

export class VehicleCatalogue {
  constructor(private readonly now: () => Date) {}

  #covers(entry: CatalogueModel, year: number) {
    return entry.from <= year && year <= (entry.to ?? lastModelYear(this.now()));
  }

  /** Entries the rate cycle can rate in `year`. */
  #rated(year: number) {
    return CATALOGUE.filter((e) => !e.noSymbolFactors && this.#covers(e, year));
  }

  years(): number[] {
    const last = lastModelYear(this.now());
    const years = new Set<number>();
    for (const e of CATALOGUE) {
      if (e.noSymbolFactors) continue;
      for (let y = e.from; y <= (e.to ?? last); y++) years.add(y);
    }
    return [...years].sort((a, b) => a - b);
  }

  makes(year: number): string[] {
    return sorted(this.#rated(year).map((e) => e.make));
  }

  models(year: number, make: string): string[] {
    return sorted(
      this.#rated(year)
        .filter((e) => same(e.make, make))
        .map((e) => e.model),
    );
  }

  bodyStyles(year: number, make: string, model: string): string[] {
    return sorted(
      this.#rated(year)
        .filter((e) => same(e.make, make) && same(e.model, model))
        .flatMap((e) => e.bodies.map((b) => b.bodyStyle)),
    );
  }

  vins(year: number, make: string, model: string, bodyStyle: string): PaceVinLookup[] {
    return this.#rated(year)
      .filter((e) => same(e.make, make) && same(e.model, model))
      .flatMap((e) =>
        e.bodies
          .filter((b) => same(b.bodyStyle, bodyStyle))
          .flatMap((b) =>
            b.patterns.map((pattern) => ({
              vin: `${pattern}&${yearCode(year)}`,
              year,
              make: e.make,
              model: e.model,
              bodyStyle: b.bodyStyle,
              isUnacceptable: b.unacceptable ?? false,
            })),
          ),
      );
  }

  /** Decodes a full VIN or a squish VIN; see DecodeResult for the ways it can fail. */
  decode(input: string): DecodeResult {
    const vin = input.trim().toUpperCase();
    if (vin === '') return { outcome: 'required' };
    if (vin.length < 10) return { outcome: 'too_short' };
    const squish = vin.length === 10 && /^[A-HJ-NPR-Z0-9]{8}[&A-HJ-NPR-Z0-9][A-HJ-NPR-Z0-9]$/.test(vin);
    const full = vin.length === 17 && expectedCheckDigit(vin) !== undefined;
    if (!squish && !full) return { outcome: 'undecodable' };
    const year = modelYear(vin);
    const make = makeFromWmi(vin);
    if (year === undefined || make === undefined) return { outcome: 'undecodable' };
    const prefix = vin.slice(0, 8);
    for (const entry of CATALOGUE) {
      if (!this.#covers(entry, year)) continue;
      const body = entry.bodies.find((b) => b.patterns.includes(prefix));
      if (!body) continue;
      if (entry.noSymbolFactors) return { outcome: 'no_symbol_factors' };
      return {
        outcome: 'decoded',
        vehicle: {
          vin: squishVin(vin),
          year,
          make,
          model: entry.model,
          bodyStyle: body.bodyStyle,
          isUnacceptable: body.unacceptable ?? false,
        },
        checkDigitValid: full ? hasValidCheckDigit(vin) : undefined,
      };
    }
    return { outcome: 'no_symbols' };
  }
}

export type DecodeResult =
  | {
      outcome: 'decoded';
      vehicle: PaceVinLookup /** undefined for a squish VIN, which has no check digit. */;
      checkDigitValid: boolean | undefined;
    }
  /** Blank VIN. */
  | { outcome: 'required' }
  /** Fewer than the 10 characters of a squish VIN. */
  | { outcome: 'too_short' }
  /** Not a VIN or squish VIN, unknown manufacturer, or no model year. */
  | { outcome: 'undecodable' }
  /** A real manufacturer, but no vehicle in the catalogue with this pattern and year. */
  | { outcome: 'no_symbols' }
  /** A known vehicle the rate cycle cannot rate yet. */
  | { outcome: 'no_symbol_factors' };
