/**
 * Underwriting lookups through real HTTP: the documented example answers
 * parse with the client's schemas, the sandbox answers in those shapes, the
 * VIN decoder is real, and each documented error comes back exactly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecodedVehicle } from '../../../../contract/index.ts';
import { withCheckDigit } from '../../../../contract/vin.ts';
import {
  CHECK_DIGIT_WARNING,
  PaceNames,
  PaceRatingCoverages,
  PaceVinLookup,
  PaceVinLookups,
  PaceYears,
  toCoverageOptionGroups,
  toDecodedVehicle,
} from '../../../../server/vendors/pace/index.ts';
import { VendorError } from '../../../../server/vendors/shared/errors.ts';
import { RAV4_VIN } from './fixtures.ts';
import { documentedError, type PaceHarness, startPaceSandbox } from './harness.ts';
import { ERROR_EXAMPLES, EXAMPLES } from './seed-examples.ts';

const LOOKUPS = '/api/v1/underwriting/lookups';
const enc = encodeURIComponent;

let pace: PaceHarness;
beforeAll(async () => {
  pace = await startPaceSandbox();
});
afterAll(() => pace.close());

async function vendorError(promise: Promise<unknown>): Promise<VendorError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VendorError);
  return error as VendorError;
}

describe('documented example answers parse with the client schemas', () => {
  it('years, makes, models and body styles', () => {
    expect(PaceYears.parse(EXAMPLES.years)).toEqual([1981, 1982, 1983, 1984, 1985, 1986, 1987]);
    expect(PaceNames.parse(EXAMPLES.makes)).toContain('Alfa Romeo');
    expect(PaceNames.parse(EXAMPLES.models)).toEqual(['Grand Cherokee', 'Liberty', 'Wrangler']);
    expect(PaceNames.parse(EXAMPLES.bodyStyles)).toHaveLength(6);
  });

  it('VINs by body style and vehicle by VIN', () => {
    expect(PaceVinLookups.parse(EXAMPLES.vins)[0]).toMatchObject({ vin: '5TEGM92N&4', year: 2004, model: 'Tacoma' });
    expect(PaceVinLookup.parse(EXAMPLES.vehicleByVin)).toMatchObject({ vin: 'SQUISHVIN', year: 2018, make: 'Ford', model: 'F-150' });
  });

  it('coverages by state and by state and date', () => {
    expect(PaceRatingCoverages.parse(EXAMPLES.coveragesByState)).toHaveLength(3);
    expect(PaceRatingCoverages.parse(EXAMPLES.coveragesByStateAndDate).at(-1)).toMatchObject({ limitValue: '100000/300000' });
  });
});

describe('vehicle pick-lists', () => {
  it("answers the issue's example path with model years as numbers", async () => {
    const res = await pace.call(`${LOOKUPS}/vin/TX/years`);
    expect(res.status).toBe(200);
    const years = PaceYears.parse(res.body);
    expect(years).toContain(2019);
    expect(years).toContain(new Date().getUTCFullYear());
    expect([...years].sort()).toEqual(years);
  });

  it('walks year → make → model → body style → VINs with the client', async () => {
    expect(await pace.client.years('TX')).toContain(2019);
    const makes = await pace.client.makes('TX', 2019);
    expect(makes).toEqual(expect.arrayContaining(['Chevrolet', 'Ford', 'Honda', 'Toyota', 'Nissan', 'Jeep']));
    expect(await pace.client.models('TX', 2019, 'Toyota')).toEqual(['Camry', 'Corolla', 'Highlander', 'RAV4', 'Tacoma']);
    const styles = await pace.client.bodyStyles('TX', 2019, 'Ford', 'F-150');
    expect(styles).toContain('8-cylinder | 4WD | Ext. Cab');
    const vins = await pace.client.vins('TX', 2019, 'Toyota', 'RAV4', '4-cylinder | AWD');
    expect(vins.map((v) => v.vin)).toContain('2T3RWRFV&K');
    expect(vins.every((v) => v.year === 2019 && v.make === 'Toyota' && v.bodyStyle === '4-cylinder | AWD')).toBe(true);
  });

  it('matches make and model without regard to case, as people type them', async () => {
    expect(await pace.client.models('GA', 2021, 'toyota')).toContain('RAV4');
    expect(await pace.client.bodyStyles('GA', 2021, 'HONDA', 'cr-v')).toEqual(['4-cylinder | 2WD', '4-cylinder | AWD']);
  });

  it('lists generations only in their own model years', async () => {
    expect(await pace.client.bodyStyles('TX', 2016, 'Honda', 'Civic')).toEqual(['4-door Sedan | 4-cylinder']);
    const civic2016 = await pace.client.vins('TX', 2016, 'Honda', 'Civic', '4-door Sedan | 4-cylinder');
    const civic2023 = await pace.client.vins('TX', 2023, 'Honda', 'Civic', '4-door Sedan | 4-cylinder');
    expect(civic2016.map((v) => v.vin)).toEqual(['19XFC2F5&G', '2HGFC2F5&G']);
    expect(civic2023.map((v) => v.vin)).toEqual(['2HGFE2F5&P']);
  });

  it('answers an unknown make with an empty list', async () => {
    expect(await pace.client.models('TX', 2019, 'Yugo')).toEqual([]);
  });

  it.each([
    '/years',
    '/year/2019/makes',
    '/year/2019/make/Toyota/models',
    '/year/2019/make/Toyota/model/RAV4/bodystyles',
    `/year/2019/make/Toyota/model/RAV4/bodystyle/${enc('4-cylinder | AWD')}/vins`,
  ])('answers %s in a state without a rate cycle with the documented 400', async (tail) => {
    const res = await pace.call(`${LOOKUPS}/vin/NY${tail}`);
    expect(res.status).toBe(400);
    expect(res.body).toEqual(documentedError(ERROR_EXAMPLES.noRateCycleForState, 'NY'));
  });

  it("turns the rate-cycle 400 into a rejected VendorError carrying PACE's words", async () => {
    const error = await vendorError(pace.client.makes('NY', 2019));
    expect(error.kind).toBe('rejected');
    expect(error.details.status).toBe(400);
    expect(error.message).toBe('PACE: No rate cycle found for state NY');
  });
});

describe('vehicle by VIN', () => {
  const byVin = (vin: string, state = 'TX', mga = 'SANDBOX') => pace.call(`${LOOKUPS}/vin/${state}/${mga}/vehicle/${enc(vin)}`);

  it("decodes the seed's sample VIN to a 2019 Toyota RAV4, answering the squish VIN", async () => {
    const res = await byVin(RAV4_VIN);
    expect(res.status).toBe(200);
    expect(PaceVinLookup.parse(res.body)).toEqual({
      vin: '2T3RWRFV&K',
      year: 2019,
      make: 'Toyota',
      model: 'RAV4',
      bodyStyle: '4-cylinder | AWD',
      isUnacceptable: false,
    });
    expect(res.headers.get('warning')).toBeNull();
  });

  it('gives the client a DecodedVehicle with the VIN the shopper typed', async () => {
    const decoded = DecodedVehicle.parse(await pace.client.decodeVin('TX', RAV4_VIN));
    expect(decoded).toEqual({ vin: RAV4_VIN, year: 2019, make: 'Toyota', model: 'RAV4', bodyStyle: '4-cylinder | AWD' });
  });

  it('still decodes a VIN with a mistyped check digit, and says so', async () => {
    const typo = '2T3RWRFV4KW021971';
    const res = await byVin(typo);
    expect(res.status).toBe(200);
    expect(res.body.model).toBe('RAV4');
    expect(res.headers.get('warning')).toContain('check digit');
    const decoded = await pace.client.decodeVin('TX', typo);
    expect(decoded.warning).toBe(CHECK_DIGIT_WARNING);
    expect(decoded.year).toBe(2019);
  });

  it('accepts a squish VIN (10 characters, & for the check digit)', async () => {
    const res = await byVin('1FTEW1EF&J');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      vin: '1FTEW1EF&J',
      year: 2018,
      make: 'Ford',
      model: 'F-150',
      bodyStyle: '8-cylinder | 4WD | Crew Cab',
    });
  });

  it('takes the make from the manufacturer code, Stellantis brands from position 5', async () => {
    const jeep = await pace.client.decodeVin('OH', withCheckDigit('1C4HJXDG0LW123456'));
    expect(jeep).toMatchObject({ year: 2020, make: 'Jeep', model: 'Wrangler', bodyStyle: '6-cylinder | 4WD | 4-door' });
    const ram = await pace.client.decodeVin('OH', withCheckDigit('1C6SRFFT0MN123456'));
    expect(ram).toMatchObject({ year: 2021, make: 'Ram', model: '1500' });
  });

  it('marks a vehicle the program does not write as unacceptable', async () => {
    const res = await byVin(withCheckDigit('1FA6P8CF0L5123456'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ model: 'Mustang', bodyStyle: '2-door Coupe | 8-cylinder', isUnacceptable: true });
  });

  it('gives the client a DecodedVehicle that says, in plain words, the program does not insure an unacceptable vehicle', async () => {
    const mustang = withCheckDigit('1FA6P8CF0L5123456');
    const decoded = DecodedVehicle.parse(await pace.client.decodeVin('TX', mustang));
    expect(decoded).toEqual({
      vin: mustang,
      year: 2020,
      make: 'Ford',
      model: 'Mustang',
      bodyStyle: '2-door Coupe | 8-cylinder',
      unacceptable: 'Pleasantville Mutual does not insure this vehicle',
    });
    const named = await pace.clientWith({ PACE_CARRIER_NAME: 'Pleasantville Mutual' }).decodeVin('TX', mustang);
    expect(named.unacceptable).toBe('Pleasantville Mutual does not insure this vehicle');
    // An acceptable vehicle says nothing of the kind.
    expect(await pace.client.decodeVin('TX', RAV4_VIN)).not.toHaveProperty('unacceptable');
  });

  it('reads isUnacceptable true as unacceptable, and false or null (PACE: nullable) as nothing', () => {
    const lookup = { vin: '1FA6P8CF&L', year: 2020, make: 'Ford', model: 'Mustang' };
    const mustang = withCheckDigit('1FA6P8CF0L5123456');
    expect(toDecodedVehicle(mustang, { ...lookup, isUnacceptable: true })?.unacceptable).toBe('This insurer does not insure this vehicle');
    expect(toDecodedVehicle(mustang, { ...lookup, isUnacceptable: true }, { carrierName: 'Acme' })?.unacceptable).toBe(
      'Acme does not insure this vehicle',
    );
    for (const isUnacceptable of [false, null, undefined]) {
      expect(toDecodedVehicle(mustang, { ...lookup, isUnacceptable })).not.toHaveProperty('unacceptable');
    }
  });

  it('answers a blank VIN with "Vin is required"', async () => {
    for (const path of [`${LOOKUPS}/vin/TX/SANDBOX/vehicle/`, `${LOOKUPS}/vin/TX/SANDBOX/vehicle/%20`]) {
      const res = await pace.call(path);
      expect(res.status).toBe(400);
      expect(res.body).toEqual(ERROR_EXAMPLES.vinRequired);
    }
  });

  it('answers fewer than 10 characters with the minimum length error', async () => {
    const res = await byVin('2T3RWRF');
    expect(res.status).toBe(400);
    expect(res.body).toEqual(ERROR_EXAMPLES.vinTooShort);
  });

  it.each([
    ['an unknown manufacturer', '9ZZRWRFV3KW021971'],
    ['letters a VIN never uses', '2T3RWRFV3KW02197O'],
    ['no model year in position 10', '2T3RWRFV3UW021971'],
    ["the seed's 18-character example VIN", '100000000000000000'],
  ])('answers %s with "Unable to decode vin"', async (_case, vin) => {
    const res = await byVin(vin);
    expect(res.status).toBe(400);
    expect(res.body).toEqual(documentedError(ERROR_EXAMPLES.vinUndecodable, vin));
  });

  it('answers a real VIN whose vehicle the catalogue lacks with the 404 symbols error', async () => {
    const accord2003 = '1HGCM82633A004352';
    const res = await byVin(accord2003);
    expect(res.status).toBe(404);
    expect(res.body).toEqual(documentedError(ERROR_EXAMPLES.noVehicleSymbols, accord2003));
    expect((await vendorError(pace.client.decodeVin('TX', accord2003))).kind).toBe('not_found');
  });

  it('answers a vehicle too new for the rate cycle with the 404 symbol factors error', async () => {
    const cybertruck = withCheckDigit('7G2CEHED0RA123456');
    const res = await byVin(cybertruck);
    expect(res.status).toBe(404);
    expect(res.body).toEqual(documentedError(ERROR_EXAMPLES.noSymbolFactors, cybertruck));
  });

  it('answers a state without a rate cycle before looking at the VIN', async () => {
    const res = await byVin(RAV4_VIN, 'MA');
    expect(res.status).toBe(400);
    expect(res.body).toEqual(documentedError(ERROR_EXAMPLES.noRateCycleForState, 'MA'));
  });

  it('wants the program name in capitals, as documented', async () => {
    const res = await byVin(RAV4_VIN, 'TX', 'sandbox');
    expect(res.status).toBe(400);
    expect(res.body.exception).toBe('bad request');
    expect((await byVin(RAV4_VIN, 'TX', 'ANYPROGRAM')).status).toBe(200);
  });
});

describe('coverages by state', () => {
  it("lists the state's options in the ratingCoverageObject shape", async () => {
    const res = await pace.call(`${LOOKUPS}/coverages/TX`);
    expect(res.status).toBe(200);
    const options = PaceRatingCoverages.parse(res.body);
    const bi = options.filter((o) => o.coverage === 'BI').map((o) => o.limitValue);
    // Texas' minimum is 30/60: nothing lower is offered.
    expect(bi[0]).toBe('30000/60000');
    expect(bi).not.toContain('25000/50000');
    expect(options).toContainEqual({
      coverage: 'BI',
      coverageDescription: 'Bodily Injury',
      limitValue: '50000/100000',
      emptyLimitValue: 'NONE',
      displayLimit: '50,000/100,000',
    });
    expect(new Set(options.map((o) => o.coverage))).toEqual(new Set(['BI', 'PD', 'UMBI', 'UMPD', 'MP', 'COMP', 'COLL', 'RENT', 'TOW']));
  });

  it('adds personal injury protection in no-fault states', async () => {
    const options = await pace.client.coverages('FL');
    expect(options.filter((o) => o.coverage === 'PIP').map((o) => o.limitValue)).toEqual(['10000']);
  });

  it("answers by effective date, written MM-DD-YYYY as the seed shows, picking that date's rate cycle", async () => {
    const before = await pace.call(`${LOOKUPS}/coverages/CA/date/02-01-2022`);
    expect(before.status).toBe(200);
    expect(before.body[0]).toMatchObject({ coverage: 'BI', limitValue: '15000/30000' });
    // California's minimums went up on 2025-01-01; the client sends YYYY-MM-DD dates as MM-DD-YYYY.
    const after = await pace.client.coverages('CA', '2025-02-01');
    expect(after[0]).toMatchObject({ coverage: 'BI', limitValue: '30000/60000' });
  });

  it('answers a state or date without a rate cycle with the documented 400', async () => {
    const old = await pace.call(`${LOOKUPS}/coverages/GA/date/06-01-2017`);
    expect(old.status).toBe(400);
    expect(old.body).toEqual(documentedError(ERROR_EXAMPLES.noRateCycleForDate, 'GA', '2017-06-01'));
    const unwritten = await pace.call(`${LOOKUPS}/coverages/NY`);
    expect(unwritten.status).toBe(400);
    expect(unwritten.body.message[0]).toMatch(/^Unable to locate rate cycle with state NY and date \d{4}-\d{2}-\d{2}$/);
  });

  it('groups the options by coverage with amounts in cents for the widget', async () => {
    const groups = toCoverageOptionGroups(await pace.client.coverages('GA', '2026-01-15'));
    const bi = groups.find((g) => g.code === 'BI');
    expect(bi).toMatchObject({ type: 'bodily_injury', name: 'Bodily Injury', emptyValue: 'NONE' });
    expect(bi?.options[0]).toEqual({
      value: '25000/50000',
      label: '25,000/50,000',
      perPersonCents: 2_500_000,
      perAccidentCents: 5_000_000,
    });
    expect(groups.find((g) => g.code === 'COLL')?.options[0]).toEqual({ value: '250', label: '250', deductibleCents: 25_000 });
    expect(groups.find((g) => g.code === 'PD')?.options[0]).toEqual({ value: '10000', label: '10,000', limitCents: 1_000_000 });
  });
});
