/**
 * Which state a ZIP code is in, by its first three digits. CoverHound quotes
 * ZIPs in the 50 states and DC except Alaska, Hawaii and Massachusetts; both
 * the mapper (to decline early with a clear reason) and the sandbox (to
 * enforce the rule) need the state behind a ZIP. Prefix ranges are exact
 * enough for that: the USPS assigns three-digit prefixes to one state each,
 * apart from a handful of single-building ZIPs we do not need to get right.
 * Territories and military (APO/FPO) prefixes have no state here.
 */
import type { UsState } from '../../../contract/primitives.ts';

/** [first prefix, last prefix, state], inclusive. */
const RANGES: ReadonlyArray<readonly [number, number, UsState]> = [
  [5, 5, 'NY'],
  [10, 27, 'MA'],
  [28, 29, 'RI'],
  [30, 38, 'NH'],
  [39, 49, 'ME'],
  [50, 54, 'VT'],
  [55, 55, 'MA'],
  [56, 59, 'VT'],
  [60, 69, 'CT'],
  [70, 89, 'NJ'],
  [100, 149, 'NY'],
  [150, 196, 'PA'],
  [197, 199, 'DE'],
  [200, 200, 'DC'],
  [201, 201, 'VA'],
  [202, 205, 'DC'],
  [206, 219, 'MD'],
  [220, 246, 'VA'],
  [247, 268, 'WV'],
  [270, 289, 'NC'],
  [290, 299, 'SC'],
  [300, 319, 'GA'],
  [320, 339, 'FL'],
  [341, 349, 'FL'],
  [350, 369, 'AL'],
  [370, 385, 'TN'],
  [386, 397, 'MS'],
  [398, 399, 'GA'],
  [400, 427, 'KY'],
  [430, 459, 'OH'],
  [460, 479, 'IN'],
  [480, 499, 'MI'],
  [500, 528, 'IA'],
  [530, 549, 'WI'],
  [550, 567, 'MN'],
  [569, 569, 'DC'],
  [570, 577, 'SD'],
  [580, 588, 'ND'],
  [590, 599, 'MT'],
  [600, 629, 'IL'],
  [630, 658, 'MO'],
  [660, 679, 'KS'],
  [680, 693, 'NE'],
  [700, 714, 'LA'],
  [716, 729, 'AR'],
  [730, 732, 'OK'],
  [733, 733, 'TX'],
  [734, 749, 'OK'],
  [750, 799, 'TX'],
  [800, 816, 'CO'],
  [820, 831, 'WY'],
  [832, 838, 'ID'],
  [840, 847, 'UT'],
  [850, 865, 'AZ'],
  [870, 884, 'NM'],
  [885, 885, 'TX'],
  [889, 898, 'NV'],
  [900, 961, 'CA'],
  [967, 968, 'HI'],
  [970, 979, 'OR'],
  [980, 994, 'WA'],
  [995, 999, 'AK'],
];

/** The state of a 5-digit (or ZIP+4) code, or undefined for territories, military and unassigned prefixes. */
export function stateOfZip(zip: string): UsState | undefined {
  const match = /^(\d{3})\d{2}(-\d{4})?$/.exec(zip);
  if (!match) return undefined;
  const prefix = Number(match[1]);
  return RANGES.find(([first, last]) => prefix >= first && prefix <= last)?.[2];
}

/** States whose ZIPs CoverHound documents it does not quote. */
export const UNQUOTED_STATES: ReadonlySet<UsState> = new Set(['AK', 'HI', 'MA']);
