/**
 * World manufacturer identifiers (VIN positions 1–3) of the makes sold most in
 * the US. Stellantis shares its WMIs between brands and spells the brand in
 * position 5 instead (C Chrysler, D Dodge, J Jeep, R Ram).
 */
const WMI_MAKES: Readonly<Record<string, string>> = {
  // Toyota and Lexus
  JTD: 'Toyota', JTE: 'Toyota', JTK: 'Toyota', JTL: 'Toyota', JTM: 'Toyota', JTN: 'Toyota', '2T1': 'Toyota',
  '2T3': 'Toyota', '3TM': 'Toyota', '3TY': 'Toyota', '4T1': 'Toyota', '4T3': 'Toyota', '4T4': 'Toyota',
  '5TD': 'Toyota', '5TE': 'Toyota', '5TF': 'Toyota', '5YF': 'Toyota', JTH: 'Lexus', JTJ: 'Lexus', '2T2': 'Lexus', '58A': 'Lexus',
  // Honda and Acura
  '1HG': 'Honda', '19X': 'Honda', '2HG': 'Honda', '2HK': 'Honda', '2HJ': 'Honda', '3HG': 'Honda', '5FN': 'Honda',
  '5FP': 'Honda', '5J6': 'Honda', '7FA': 'Honda', JHM: 'Honda', SHH: 'Honda', '19U': 'Acura', JH4: 'Acura', '5J8': 'Acura',
  // Ford and Lincoln
  '1FA': 'Ford', '1FB': 'Ford', '1FC': 'Ford', '1FD': 'Ford', '1FM': 'Ford', '1FT': 'Ford', '2FA': 'Ford', '2FM': 'Ford',
  '2FT': 'Ford', '3FA': 'Ford', '3FM': 'Ford', '3FT': 'Ford', NM0: 'Ford', '1LN': 'Lincoln', '2LM': 'Lincoln', '5LM': 'Lincoln',
  // General Motors
  '1G1': 'Chevrolet', '1GC': 'Chevrolet', '1GN': 'Chevrolet', '1GB': 'Chevrolet', '2G1': 'Chevrolet', '2GN': 'Chevrolet',
  '3G1': 'Chevrolet', '3GC': 'Chevrolet', '3GN': 'Chevrolet', KL7: 'Chevrolet', '1GT': 'GMC', '1GK': 'GMC', '1GD': 'GMC',
  '2GT': 'GMC', '2GK': 'GMC', '3GT': 'GMC', '3GK': 'GMC', '1G4': 'Buick', '2G4': 'Buick', '5GA': 'Buick', KL4: 'Buick',
  '1G6': 'Cadillac', '1GY': 'Cadillac',
  // Nissan and Infiniti
  '1N4': 'Nissan', '1N6': 'Nissan', '3N1': 'Nissan', '3N6': 'Nissan', '5N1': 'Nissan', JN1: 'Nissan', JN8: 'Nissan',
  KNM: 'Nissan', JNK: 'Infiniti', '5N3': 'Infiniti',
  // Hyundai and Kia
  KMH: 'Hyundai', KM8: 'Hyundai', '5NP': 'Hyundai', '5NM': 'Hyundai', KNA: 'Kia', KND: 'Kia', '5XX': 'Kia', '5XY': 'Kia', '3KP': 'Kia',
  // Others
  JF1: 'Subaru', JF2: 'Subaru', '4S3': 'Subaru', '4S4': 'Subaru', JM1: 'Mazda', JM3: 'Mazda', '3MZ': 'Mazda', '3MV': 'Mazda',
  '1VW': 'Volkswagen', '3VW': 'Volkswagen', WVW: 'Volkswagen', WVG: 'Volkswagen', WBA: 'BMW', WBS: 'BMW', '5UX': 'BMW', '5YM': 'BMW',
  WDD: 'Mercedes-Benz', WDC: 'Mercedes-Benz', W1K: 'Mercedes-Benz', W1N: 'Mercedes-Benz', '4JG': 'Mercedes-Benz',
  WAU: 'Audi', WA1: 'Audi', YV1: 'Volvo', YV4: 'Volvo', JA3: 'Mitsubishi', JA4: 'Mitsubishi', ML3: 'Mitsubishi',
  '5YJ': 'Tesla', '7SA': 'Tesla', '7G2': 'Tesla',
};

/** Stellantis WMIs whose brand is in position 5. */
const STELLANTIS_WMIS = new Set(['1C3', '1C4', '1C6', '2C3', '2C4', '3C4', '3C6', '3C3', 'ZAC']);
const STELLANTIS_BRANDS: Readonly<Record<string, string>> = { C: 'Chrysler', D: 'Dodge', J: 'Jeep', R: 'Ram' };

/** The make a VIN's manufacturer identifier names, or undefined for a manufacturer we do not know. */
export function makeFromWmi(vin: string): string | undefined {
  const v = vin.toUpperCase();
  const wmi = v.slice(0, 3);
  if (STELLANTIS_WMIS.has(wmi)) return STELLANTIS_BRANDS[v[4] ?? ''];
  return WMI_MAKES[wmi];
}
