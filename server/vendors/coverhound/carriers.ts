/**
 * CoverHound's carrier codes, as its documentation lists them. Two lists: the
 * carriers a quote request may ask for, and the longer list of codes a
 * shopper's previous carrier is written with. The client, the mapper and the
 * sandbox all read them from here so a code is spelled in one place.
 */

/** Carriers documented for the `carriers` attribute of a quote request (code → name). */
const QUOTING_CARRIERS = {
  ACUIT: 'Acuity',
  BRSTL: 'Bristol West',
  CAIC: 'CAIC',
  DAIRY: 'Dairyland',
  INFINI: 'Infinity',
  KEMPR: 'Kemper',
  MAPFR: 'MAPFRE',
  GMAC: 'National General Insurance',
  NTNWD: 'Nationwide',
  PROGR: 'Progressive',
  SAFEC: 'Safeco',
  STATA: 'State Auto',
  GENRL: 'The General',
} as const;

/**
 * Carriers CoverHound answers for: the documented quoting list plus Esurance,
 * which is not in that list but is the carrier of every example request and
 * response in the documentation, so the API evidently quotes it.
 */
export const CARRIER_NAMES = { ...QUOTING_CARRIERS, ESRNC: 'Esurance' } as const;

export type CarrierCode = keyof typeof CARRIER_NAMES;
export const CARRIER_CODES = Object.keys(CARRIER_NAMES) as [CarrierCode, ...CarrierCode[]];
export const QUOTING_CARRIER_CODES = Object.keys(QUOTING_CARRIERS) as [CarrierCode, ...CarrierCode[]];

export const isCarrierCode = (code: string): code is CarrierCode => Object.hasOwn(CARRIER_NAMES, code);

/** Codes for `priorPolicy.priorCarrier` (name → code), from the documentation's longer table. */
const PRIOR_CARRIERS = {
  '21st Century': '21CEN',
  AAA: 'AAA',
  AARP: 'AARP',
  Acuity: 'ACUIT',
  Allstate: 'ALLST',
  AmFam: 'AMFAM',
  Amica: 'AMMUT',
  'Auto Club': 'AUTOC',
  'Bristol West': 'BRSTL',
  CAIC: 'CAIC',
  'Century National': 'CENTN',
  COUNTRY: 'CNTRY',
  CSE: 'CSEI',
  Dairyland: 'DAIRY',
  'Direct General': 'DIRGG',
  Electric: 'ELECT',
  Elephant: 'ELEPH',
  Encompass: 'ENCMP',
  Erie: 'ERIEG',
  Esurance: 'ESRNC',
  Farmers: 'FARMS',
  "Fireman's Fund": 'FIREM',
  Foremost: 'FOREM',
  Geico: 'GEICO',
  Good2Go: 'OMNIG',
  'High Point': 'PALIS',
  iMingle: 'IMING',
  Infinity: 'INFINI',
  Kemper: 'KEMPR',
  'Liberty Mutual': 'LBRTY',
  MAPFRE: 'MAPFR',
  Mercury: 'MRMCC',
  MetLife: 'METRO',
  'National General Insurance': 'GMAC',
  Nationwide: 'NTNWD',
  Other: 'OTHER',
  'Pacific Specialty': 'PACSP',
  'Plymouth Rock': 'PLYMT',
  Progressive: 'PROGR',
  SafeAuto: 'SAFEA',
  Safeco: 'SAFEC',
  'Shelter Insurance': 'SHLTR',
  'State Auto': 'STATA',
  'State Farm': 'SFARM',
  Stillwater: 'FIDNT',
  'The General': 'GENRL',
  'The Hartford': 'HARTF',
  Titan: 'TITAN',
  Travelers: 'TRAVL',
  Unitrin: 'UNTRN',
  'Universal North America': 'UNAIC',
  USAA: 'USAAG',
  "Workmen's": 'WRKMN',
} as const;

export type PriorCarrierCode = (typeof PRIOR_CARRIERS)[keyof typeof PRIOR_CARRIERS];
export const PRIOR_CARRIER_CODES = [...new Set(Object.values(PRIOR_CARRIERS))] as [PriorCarrierCode, ...PriorCarrierCode[]];

/** "State Farm", "state-farm", "STATEFARM" and "SFARM" all name the same carrier. */
const squash = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');
const PRIOR_BY_SQUASHED = new Map<string, PriorCarrierCode>();
for (const [name, code] of Object.entries(PRIOR_CARRIERS)) {
  PRIOR_BY_SQUASHED.set(squash(name), code);
  PRIOR_BY_SQUASHED.set(squash(code), code);
}
// Names shoppers commonly type that differ from the table's spelling only by a suffix.
for (const [alias, code] of [
  ['Geico Insurance', 'GEICO'],
  ['Progressive Insurance', 'PROGR'],
  ['Shelter', 'SHLTR'],
  ['Hartford', 'HARTF'],
  ['General', 'GENRL'],
  ['National General', 'GMAC'],
  ['American Family', 'AMFAM'],
] as const) {
  PRIOR_BY_SQUASHED.set(squash(alias), code);
}

/** The documented code of a previous carrier named in free text, or undefined when the table has no entry for it. */
export function priorCarrierCode(name: string): PriorCarrierCode | undefined {
  return PRIOR_BY_SQUASHED.get(squash(name));
}
