/**
 * Property tests of the canonical model: everything well-formed is accepted
 * as it is, and each kind of wrong value is rejected at exactly its field path
 * with a message a shopper can read.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldErrors, isCalendarDate, QuoteRequestBody } from '../../contract/index.ts';
import { quoteRequestBody } from './arbitraries.ts';

const paths = (value: unknown) => {
  const result = QuoteRequestBody.safeParse(value);
  return result.success ? [] : Object.keys(fieldErrors(result.error));
};

describe('QuoteRequestBody', () => {
  it('accepts every well-formed applicant unchanged', () => {
    fc.assert(
      fc.property(quoteRequestBody, (body) => {
        const result = QuoteRequestBody.safeParse(body);
        if (!result.success) throw new Error(JSON.stringify(fieldErrors(result.error)));
        expect(result.data).toEqual(body);
      }),
      { numRuns: 200 },
    );
  });

  /** Ways to break one field, each with the path it must be reported at. */
  const breakers: { name: string; apply: (b: any) => string; message: RegExp }[] = [
    {
      name: 'date of birth not a date',
      apply: (b) => ((b.drivers[0].dateOfBirth = '12/26/1986'), 'drivers.0.dateOfBirth'),
      message: /Date of birth must be a date like 1986-12-26/,
    },
    {
      name: 'impossible calendar date',
      apply: (b) => ((b.drivers.at(-1).dateOfBirth = '1990-02-30'), `drivers.${b.drivers.length - 1}.dateOfBirth`),
      message: /must be a date/,
    },
    { name: 'phone not E.164', apply: (b) => ((b.contact.phone = '(555) 123-0000'), 'contact.phone'), message: /\+15551230000/ },
    { name: 'email malformed', apply: (b) => ((b.contact.email = 'jane.example.com'), 'contact.email'), message: /Email/ },
    { name: 'unknown state', apply: (b) => ((b.address.state = 'ZZ'), 'address.state'), message: /two-letter/ },
    { name: 'gender misspelled', apply: (b) => ((b.drivers[0].gender = 'Male'), 'drivers.0.gender'), message: /Gender must be one of/ },
    { name: 'negative mileage', apply: (b) => ((b.vehicles[0].annualMileage = -1), 'vehicles.0.annualMileage'), message: /negative/ },
    {
      name: 'fractional cents',
      apply: (b) => ((b.coverage.propertyDamageCents = 10.5), 'coverage.propertyDamageCents'),
      message: /whole cents/,
    },
    {
      name: 'primary driver out of range',
      apply: (b) => ((b.vehicles[0].primaryDriver = b.drivers.length), 'vehicles.0.primaryDriver'),
      message: /Primary driver/,
    },
    { name: 'effective date today', apply: (b) => ((b.effectiveDate = '2000-01-01'), 'effectiveDate'), message: /tomorrow or later/ },
    { name: 'first driver not self', apply: (b) => ((b.drivers[0].relationship = 'spouse'), 'drivers.0.relationship'), message: /self/ },
    { name: 'deductibles missing for a vehicle', apply: (b) => (b.coverage.vehicles.pop(), 'coverage.vehicles'), message: /each of the/ },
    { name: 'missing last name', apply: (b) => (delete b.drivers[0].lastName, 'drivers.0.lastName'), message: /Last name is required/ },
  ];

  for (const breaker of breakers) {
    it(`rejects ${breaker.name} at its field path`, () => {
      fc.assert(
        fc.property(quoteRequestBody, (valid) => {
          const body = structuredClone(valid);
          const path = breaker.apply(body);
          const result = QuoteRequestBody.safeParse(body);
          expect(result.success).toBe(false);
          const fields = fieldErrors(result.error!);
          expect(Object.keys(fields)).toEqual([path]);
          expect(fields[path]!.join(' ')).toMatch(breaker.message);
        }),
        { numRuns: 50 },
      );
    });
  }

  it('rejects non-objects at the body path', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(fc.integer())), (value) => {
        expect(paths(value)).toEqual(['body']);
      }),
    );
  });
});

describe('calendar dates', () => {
  it('accept exactly the real YYYY-MM-DD dates', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }), (date) => {
        expect(isCalendarDate(date.toISOString().slice(0, 10))).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        fc.pre(!/^\d{4}-\d{2}-\d{2}$/.test(text));
        expect(isCalendarDate(text)).toBe(false);
      }),
    );
    for (const bad of ['2023-02-29', '2024-13-01', '2024-00-10', '2024-04-31']) expect(isCalendarDate(bad)).toBe(false);
    expect(isCalendarDate('2024-02-29')).toBe(true);
  });
});
