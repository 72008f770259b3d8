/** PACE's own VIN form; the general VIN arithmetic is in contract/vin.ts. */

/** PACE's squish VIN: the vehicle pattern without the serial number, check digit replaced by `&`. */
export function squishVin(vin: string): string {
  const v = vin.toUpperCase();
  return `${v.slice(0, 8)}&${v[9] ?? ''}`;
}
