/**
 * The VIN arithmetic, against VINs whose check digits and years are known
 * independently (the seed's sample, the Wikipedia examples), and the sandbox
 * catalogue's own consistency: every pattern's manufacturer code names its
 * make, and every year of a generation decodes back to that year.
 */
import { describe, expect, it } from 'vitest';
import { expectedCheckDigit, hasValidCheckDigit, modelYear, withCheckDigit, yearCode } from '../../../../contract/vin.ts';
import { CATALOGUE } from '../../../../server/vendors/pace/sandbox/catalogue.ts';
import { makeFromWmi } from '../../../../server/vendors/pace/sandbox/wmi.ts';
import { squishVin } from '../../../../server/vendors/pace/vin.ts';
import { F150_VIN, RAV4_VIN } from './fixtures.ts';

describe('VIN check digit (ISO 3779 transliteration, 49 CFR 565 weights)', () => {
  it.each([
    [RAV4_VIN, '3'],
    ['1HGCM82633A004352', '3'],
    ['1M8GDM9AXKP042788', 'X'],
    ['11111111111111111', '1'],
    [F150_VIN, '4'],
  ])('%s has check digit %s', (vin, digit) => {
    expect(expectedCheckDigit(vin)).toBe(digit);
    expect(hasValidCheckDigit(vin)).toBe(true);
  });

  it('flags a VIN whose check digit was mistyped', () => {
    expect(hasValidCheckDigit('2T3RWRFV4KW021971')).toBe(false);
    expect(hasValidCheckDigit('1M8GDM9A1KP042788')).toBe(false);
  });

  it('has no check digit for what is not a 17-character VIN', () => {
    expect(expectedCheckDigit('2T3RWRFV3KW02197')).toBeUndefined();
    expect(expectedCheckDigit('2T3RWRFV3KW02197O')).toBeUndefined();
    expect(hasValidCheckDigit('100000000000000000')).toBe(false);
  });

  it('withCheckDigit writes the right digit in position 9', () => {
    expect(withCheckDigit('2T3RWRFV0KW021971')).toBe(RAV4_VIN);
    expect(withCheckDigit('1M8GDM9A0KP042788')).toBe('1M8GDM9AXKP042788');
  });
});

describe('model year from position 10', () => {
  it('reads the 2010–2039 cycle when position 7 is a letter', () => {
    expect(modelYear(RAV4_VIN)).toBe(2019);
    expect(modelYear('5YJ3E1EA7PF317000')).toBe(2023);
  });

  it('reads the 1980–2009 cycle when position 7 is a digit', () => {
    expect(modelYear('1HGCM82633A004352')).toBe(2003);
    expect(modelYear('1M8GDM9AXKP042788')).toBe(1989);
  });

  it('has no year for a code that is never used in position 10', () => {
    expect(modelYear('2T3RWRFV3UW021971')).toBeUndefined();
    expect(modelYear('2T3RWRFV30W021971')).toBeUndefined();
  });

  it("squishes a VIN into PACE's pattern: positions 1–8, & and the year code", () => {
    expect(squishVin(RAV4_VIN)).toBe('2T3RWRFV&K');
    expect(yearCode(2019)).toBe('K');
    expect(yearCode(2001)).toBe('1');
  });
});

describe('sandbox vehicle catalogue data', () => {
  const entries = CATALOGUE.flatMap((model) => model.bodies.flatMap((body) => body.patterns.map((pattern) => ({ model, pattern }))));

  it('names, for every VIN pattern, the make its manufacturer code stands for', () => {
    for (const { model, pattern } of entries) expect(`${pattern} ${makeFromWmi(pattern)}`).toBe(`${pattern} ${model.make}`);
  });

  it('decodes every model year of every generation back to that year', () => {
    for (const { model, pattern } of entries) {
      for (let year = model.from; year <= (model.to ?? new Date().getUTCFullYear() + 1); year++) {
        expect(modelYear(withCheckDigit(`${pattern}0${yearCode(year)}A123456`))).toBe(year);
      }
    }
  });

  it('spells each pattern in VIN characters only, eight of them', () => {
    for (const { pattern } of entries) expect(pattern).toMatch(/^[A-HJ-NPR-Z0-9]{8}$/);
  });
});
