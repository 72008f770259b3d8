/**
 * The sandbox's vehicle catalogue: common US makes and models of recent model
 * years, each body style with the VIN patterns (positions 1–8) that identify
 * it. The VIN lookups list these and the decoder matches VINs against them.
 * Body styles are spelled the way PACE's own examples spell them.
 */

type CatalogueBody = {
  bodyStyle: string;
  /** VIN positions 1–8 of the vehicles with this body style. */
  patterns: readonly string[];
  /** The program does not write this vehicle (PACE's isUnacceptable). */
  unacceptable?: boolean;
};

export type CatalogueModel = {
  make: string;
  model: string;
  /** First model year of the generation. */
  from: number;
  /** Last model year; open-ended generations run to next year's models. */
  to?: number;
  bodies: readonly CatalogueBody[];
  /**
   * PACE knows the vehicle's symbols but the rate cycle has no symbol factors
   * for it yet (a brand-new model): listed nowhere, and its VIN answers 404.
   */
  noSymbolFactors?: boolean;
};

const SEDAN4 = '4-door Sedan | 4-cylinder';

export const CATALOGUE: readonly CatalogueModel[] = [
  // Toyota
  { make: 'Toyota', model: 'Camry', from: 2015, to: 2017, bodies: [{ bodyStyle: SEDAN4, patterns: ['4T1BF1FK'] }] },
  {
    make: 'Toyota',
    model: 'Camry',
    from: 2018,
    bodies: [
      { bodyStyle: SEDAN4, patterns: ['4T1B11HK', '4T1G11AK'] },
      { bodyStyle: '4-door Sedan | 6-cylinder', patterns: ['4T1BZ1HK'] },
    ],
  },
  { make: 'Toyota', model: 'Corolla', from: 2015, to: 2019, bodies: [{ bodyStyle: SEDAN4, patterns: ['2T1BURHE', '5YFBURHE'] }] },
  { make: 'Toyota', model: 'Corolla', from: 2020, bodies: [{ bodyStyle: SEDAN4, patterns: ['5YFEPRAE', 'JTDEPRAE'] }] },
  {
    make: 'Toyota',
    model: 'RAV4',
    from: 2015,
    to: 2018,
    bodies: [
      { bodyStyle: '4-cylinder | 2WD', patterns: ['2T3ZFREV'] },
      { bodyStyle: '4-cylinder | AWD', patterns: ['2T3RFREV', 'JTMRFREV'] },
    ],
  },
  {
    make: 'Toyota',
    model: 'RAV4',
    from: 2019,
    bodies: [
      { bodyStyle: '4-cylinder | 2WD', patterns: ['2T3W1RFV', '2T3H1RFV'] },
      { bodyStyle: '4-cylinder | AWD', patterns: ['2T3P1RFV', '2T3RWRFV', 'JTMRWRFV'] },
    ],
  },
  { make: 'Toyota', model: 'Highlander', from: 2017, to: 2019, bodies: [{ bodyStyle: '6-cylinder | AWD', patterns: ['5TDJZRFH'] }] },
  { make: 'Toyota', model: 'Highlander', from: 2020, bodies: [{ bodyStyle: '6-cylinder | AWD', patterns: ['5TDGZRBH'] }] },
  {
    make: 'Toyota',
    model: 'Tacoma',
    from: 2016,
    bodies: [
      { bodyStyle: '4-cylinder | 2WD | Ext. Cab', patterns: ['5TFRX5GN'] },
      { bodyStyle: '6-cylinder | 4WD | Crew Cab', patterns: ['3TMCZ5AN', '5TFCZ5AN'] },
    ],
  },
  // Honda
  { make: 'Honda', model: 'Civic', from: 2016, to: 2021, bodies: [{ bodyStyle: SEDAN4, patterns: ['19XFC2F5', '2HGFC2F5'] }] },
  { make: 'Honda', model: 'Civic', from: 2022, bodies: [{ bodyStyle: SEDAN4, patterns: ['2HGFE2F5'] }] },
  { make: 'Honda', model: 'Accord', from: 2018, to: 2022, bodies: [{ bodyStyle: SEDAN4, patterns: ['1HGCV1F1', '1HGCV1F3'] }] },
  { make: 'Honda', model: 'Accord', from: 2023, bodies: [{ bodyStyle: SEDAN4, patterns: ['1HGCY1F2'] }] },
  {
    make: 'Honda',
    model: 'CR-V',
    from: 2017,
    bodies: [
      { bodyStyle: '4-cylinder | 2WD', patterns: ['2HKRW1H5', '7FARW1H5'] },
      { bodyStyle: '4-cylinder | AWD', patterns: ['2HKRW2H5', '5J6RW2H5', '7FARW2H5'] },
    ],
  },
  { make: 'Honda', model: 'Pilot', from: 2016, bodies: [{ bodyStyle: '6-cylinder | AWD', patterns: ['5FNYF6H5'] }] },
  // Ford
  {
    make: 'Ford',
    model: 'F-150',
    from: 2015,
    bodies: [
      { bodyStyle: '6-cylinder | 2WD | Crew Cab', patterns: ['1FTEW1CP'] },
      { bodyStyle: '6-cylinder | 4WD | Crew Cab', patterns: ['1FTEW1EP', '1FTEW1EG'] },
      { bodyStyle: '8-cylinder | 4WD | Crew Cab', patterns: ['1FTEW1EF'] },
      { bodyStyle: '8-cylinder | 4WD | Ext. Cab', patterns: ['1FTFX1EF'] },
    ],
  },
  {
    make: 'Ford',
    model: 'Escape',
    from: 2017,
    to: 2019,
    bodies: [
      { bodyStyle: '4-cylinder | 2WD', patterns: ['1FMCU0GD'] },
      { bodyStyle: '4-cylinder | 4WD', patterns: ['1FMCU9GD'] },
    ],
  },
  {
    make: 'Ford',
    model: 'Escape',
    from: 2020,
    bodies: [
      { bodyStyle: '4-cylinder | 2WD', patterns: ['1FMCU0G6'] },
      { bodyStyle: '4-cylinder | 4WD', patterns: ['1FMCU9G6'] },
    ],
  },
  {
    make: 'Ford',
    model: 'Explorer',
    from: 2016,
    to: 2019,
    bodies: [
      { bodyStyle: '6-cylinder | 2WD', patterns: ['1FM5K7D8'] },
      { bodyStyle: '6-cylinder | 4WD', patterns: ['1FM5K8D8'] },
    ],
  },
  { make: 'Ford', model: 'Explorer', from: 2020, bodies: [{ bodyStyle: '4-cylinder | 4WD', patterns: ['1FMSK8DH'] }] },
  {
    make: 'Ford',
    model: 'Mustang',
    from: 2015,
    bodies: [
      { bodyStyle: '2-door Coupe | 4-cylinder', patterns: ['1FA6P8TH'] },
      // High-performance cars are outside this non-standard program's appetite.
      { bodyStyle: '2-door Coupe | 8-cylinder', patterns: ['1FA6P8CF'], unacceptable: true },
    ],
  },
  // Chevrolet and GMC
  {
    make: 'Chevrolet',
    model: 'Silverado 1500',
    from: 2014,
    to: 2018,
    bodies: [{ bodyStyle: '8-cylinder | 4WD | Crew Cab', patterns: ['3GCUKREC', '1GCUKREC'] }],
  },
  {
    make: 'Chevrolet',
    model: 'Silverado 1500',
    from: 2019,
    bodies: [{ bodyStyle: '8-cylinder | 4WD | Crew Cab', patterns: ['1GCUYDED', '3GCUYDED'] }],
  },
  {
    make: 'Chevrolet',
    model: 'Equinox',
    from: 2018,
    bodies: [
      { bodyStyle: '4-cylinder | 2WD', patterns: ['2GNAXKEV', '3GNAXKEV'] },
      { bodyStyle: '4-cylinder | AWD', patterns: ['2GNAXUEV', '3GNAXUEV'] },
    ],
  },
  { make: 'Chevrolet', model: 'Malibu', from: 2016, bodies: [{ bodyStyle: SEDAN4, patterns: ['1G1ZD5ST', '1G1ZB5ST'] }] },
  {
    make: 'GMC',
    model: 'Sierra 1500',
    from: 2019,
    bodies: [{ bodyStyle: '8-cylinder | 4WD | Crew Cab', patterns: ['3GTU9DED', '1GTU9DED'] }],
  },
  // Nissan
  { make: 'Nissan', model: 'Altima', from: 2013, to: 2018, bodies: [{ bodyStyle: SEDAN4, patterns: ['1N4AL3AP'] }] },
  { make: 'Nissan', model: 'Altima', from: 2019, bodies: [{ bodyStyle: SEDAN4, patterns: ['1N4BL4BV', '1N4BL4DV'] }] },
  {
    make: 'Nissan',
    model: 'Rogue',
    from: 2014,
    to: 2020,
    bodies: [
      { bodyStyle: '4-cylinder | 2WD', patterns: ['5N1AT2MT', 'KNMAT2MT'] },
      { bodyStyle: '4-cylinder | AWD', patterns: ['5N1AT2MV', 'KNMAT2MV', 'JN8AT2MV'] },
    ],
  },
  { make: 'Nissan', model: 'Rogue', from: 2021, bodies: [{ bodyStyle: '4-cylinder | AWD', patterns: ['JN8AT3BB', '5N1AT3BB'] }] },
  { make: 'Nissan', model: 'Sentra', from: 2020, bodies: [{ bodyStyle: SEDAN4, patterns: ['3N1AB8CV'] }] },
  // Hyundai and Kia
  { make: 'Hyundai', model: 'Elantra', from: 2017, to: 2020, bodies: [{ bodyStyle: SEDAN4, patterns: ['5NPD84LF', 'KMHD84LF'] }] },
  { make: 'Hyundai', model: 'Elantra', from: 2021, bodies: [{ bodyStyle: SEDAN4, patterns: ['5NPLM4AG', 'KMHLM4AG'] }] },
  {
    make: 'Hyundai',
    model: 'Tucson',
    from: 2016,
    to: 2021,
    bodies: [
      { bodyStyle: '4-cylinder | 2WD', patterns: ['KM8J33A4'] },
      { bodyStyle: '4-cylinder | AWD', patterns: ['KM8J3CA4'] },
    ],
  },
  { make: 'Kia', model: 'Forte', from: 2019, bodies: [{ bodyStyle: SEDAN4, patterns: ['3KPF24AD'] }] },
  { make: 'Kia', model: 'Sportage', from: 2017, to: 2022, bodies: [{ bodyStyle: '4-cylinder | AWD', patterns: ['KNDPM3AC'] }] },
  // Jeep and Ram
  {
    make: 'Jeep',
    model: 'Grand Cherokee',
    from: 2014,
    to: 2021,
    bodies: [
      { bodyStyle: '6-cylinder | 2WD', patterns: ['1C4RJEAG'] },
      { bodyStyle: '6-cylinder | 4WD', patterns: ['1C4RJFAG'] },
    ],
  },
  {
    make: 'Jeep',
    model: 'Wrangler',
    from: 2018,
    bodies: [
      { bodyStyle: '6-cylinder | 4WD | 2-door', patterns: ['1C4GJXAG'] },
      { bodyStyle: '6-cylinder | 4WD | 4-door', patterns: ['1C4HJXDG'] },
    ],
  },
  {
    make: 'Jeep',
    model: 'Cherokee',
    from: 2014,
    to: 2023,
    bodies: [
      { bodyStyle: '4-cylinder | 2WD', patterns: ['1C4PJLCB'] },
      { bodyStyle: '4-cylinder | 4WD', patterns: ['1C4PJMCB'] },
    ],
  },
  { make: 'Ram', model: '1500', from: 2019, bodies: [{ bodyStyle: '8-cylinder | 4WD | Crew Cab', patterns: ['1C6SRFFT', '1C6SRFJT'] }] },
  // Subaru
  { make: 'Subaru', model: 'Outback', from: 2015, to: 2019, bodies: [{ bodyStyle: '4-cylinder | AWD', patterns: ['4S4BSAFC'] }] },
  { make: 'Subaru', model: 'Outback', from: 2020, bodies: [{ bodyStyle: '4-cylinder | AWD', patterns: ['4S4BTACC'] }] },
  { make: 'Subaru', model: 'Forester', from: 2019, bodies: [{ bodyStyle: '4-cylinder | AWD', patterns: ['JF2SKAEC'] }] },
  // Tesla
  { make: 'Tesla', model: 'Model 3', from: 2017, bodies: [{ bodyStyle: '4-door Sedan | Electric', patterns: ['5YJ3E1EA', '5YJ3E1EB'] }] },
  { make: 'Tesla', model: 'Model Y', from: 2020, bodies: [{ bodyStyle: 'Electric | AWD', patterns: ['5YJYGDEE', '7SAYGDEE'] }] },
  {
    make: 'Tesla',
    model: 'Cybertruck',
    from: 2024,
    noSymbolFactors: true,
    bodies: [{ bodyStyle: 'Electric | AWD | Crew Cab', patterns: ['7G2CEHED'] }],
  },
];
