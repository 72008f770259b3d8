/** The part of the `zipcodes` package (it ships no types) that places.ts uses; its answers are checked there. */
declare module 'zipcodes' {
  export function lookup(zip: string): unknown;
}
