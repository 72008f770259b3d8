/**
 * Where a US ZIP code is: its city and state, from the `zipcodes` package's
 * copy of the postal data (about 41,000 ZIP codes, no network). The data is
 * large (5 MB on disk, about 28 MB of heap and 150 ms to load), so it is loaded
 * on the first question, not at start, and only on the server: the widget asks
 * GET /v1/lookups/places/{postalCode} and stays small.
 */
import { z } from 'zod';
import { type Place, US_STATES } from '../../contract/index.ts';

/** What the package answers for a ZIP it knows (it has no types of its own): only what we use, checked. */
const Found = z.object({ zip: z.string(), city: z.string().min(1), state: z.enum(US_STATES) });

let data: Promise<typeof import('zipcodes')> | undefined;

/** The place of a 5-digit ZIP (a ZIP+4's first five), or undefined when the data has none in a US state or DC. */
export async function placeOf(postalCode: string): Promise<Place | undefined> {
  data ??= import('zipcodes');
  const zip = postalCode.slice(0, 5);
  const found = Found.safeParse((await data).lookup(zip));
  return found.success ? { postalCode: zip, city: found.data.city, state: found.data.state } : undefined;
}
