/**
 * Finds AutoComplete's spelling of a make or carrier we hold as free text
 * (from PACE's catalogue, a Trellis policy or the shopper). Names are compared
 * on letters and digits only, so "Auto-Owners", "STATEFARM" and "state_farm"
 * find "Auto Owners" and "State Farm"; a few official names AutoComplete
 * shortens are listed. Anything else has no spelling there.
 */
import { CARRIERS, VEHICLE_MAKES } from '../enums.ts';

const squash = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Official names AutoComplete lists under a shorter one. */
const MAKE_ALIASES = new Map<string, (typeof VEHICLE_MAKES)[number]>([['mercedesbenz', 'Mercedes']]);

const CARRIER_ALIASES = new Map<string, (typeof CARRIERS)[number]>([
  ['amica', 'Amica Mutual'],
  ['governmentemployees', 'Geico'],
  ['metropolitanlife', 'Metlife'],
]);

/** "Erie Insurance", "Erie Insurance Group": the company words say nothing about which carrier. */
const CARRIER_SUFFIX = /(insurancecompany|insurancecompanies|insurancegroup|insurance|companies|company|group)$/;

function find<T extends string>(list: readonly T[], aliases: ReadonlyMap<string, T>, key: string): T | undefined {
  return list.find((candidate) => squash(candidate) === key) ?? aliases.get(key);
}

export const findMake = (name: string) => find(VEHICLE_MAKES, MAKE_ALIASES, squash(name));

export function findCarrier(name: string) {
  const key = squash(name);
  return find(CARRIERS, CARRIER_ALIASES, key) ?? find(CARRIERS, CARRIER_ALIASES, key.replace(CARRIER_SUFFIX, ''));
}
