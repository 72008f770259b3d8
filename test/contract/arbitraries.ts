/** fast-check generators of valid canonical values, built from the contract's own enums. */
import fc from 'fast-check';
import {
  addDays,
  EDUCATION_LEVELS,
  EMPLOYMENT_STATUSES,
  earliestEffectiveDate,
  GENDERS,
  INCIDENT_TYPES,
  LICENSE_STATUSES,
  MARITAL_STATUSES,
  type QuoteRequestBody,
  RELATIONSHIPS,
  RESIDENCE_OWNERSHIPS,
  US_STATES,
  usToday,
  VEHICLE_OWNERSHIPS,
  VEHICLE_USES,
} from '../../contract/index.ts';

const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);
const name = fc.stringMatching(/^[A-Z][a-z]{1,15}$/);
const dateBetween = (from: string, days: number) => fc.integer({ min: 0, max: days }).map((n) => addDays(from, n));
const cents = fc.integer({ min: 0, max: 100_000_000 });
const split = fc.record({ perPerson: cents, perAccident: cents });

const driver = (relationship: fc.Arbitrary<(typeof RELATIONSHIPS)[number]>) =>
  fc.record({
    firstName: name,
    lastName: name,
    dateOfBirth: dateBetween('1930-01-01', 365 * 75),
    gender: pick(GENDERS),
    maritalStatus: pick(MARITAL_STATUSES),
    relationship,
    education: pick(EDUCATION_LEVELS),
    employment: pick(EMPLOYMENT_STATUSES),
    license: fc.record({ state: pick(US_STATES), status: pick(LICENSE_STATUSES), ageFirstLicensed: fc.integer({ min: 14, max: 100 }) }),
  });

export const quoteRequestBody: fc.Arbitrary<QuoteRequestBody> = fc
  .record({
    driverCount: fc.integer({ min: 1, max: 6 }),
    vehicleCount: fc.integer({ min: 1, max: 6 }),
  })
  .chain(({ driverCount, vehicleCount }) =>
    fc.record({
      effectiveDate: dateBetween(earliestEffectiveDate(), 60),
      contact: fc.record({
        email: fc.tuple(fc.stringMatching(/^[a-z]{1,10}$/), fc.stringMatching(/^[a-z]{1,10}$/)).map(([u, d]) => `${u}@${d}.com`),
        phone: fc.stringMatching(/^[2-9]\d{9}$/).map((n) => `+1${n}`),
      }),
      address: fc.record({
        line1: fc.stringMatching(/^[1-9]\d{0,4} [A-Z][a-z]{2,10} St$/),
        city: name,
        state: pick(US_STATES),
        postalCode: fc.stringMatching(/^\d{5}$/),
      }),
      residence: fc.record({ ownership: pick(RESIDENCE_OWNERSHIPS) }),
      drivers: fc.tuple(
        driver(fc.constant('self' as const)),
        ...Array.from({ length: driverCount - 1 }, () => driver(pick(RELATIONSHIPS.filter((r) => r !== 'self')))),
      ),
      vehicles: fc.array(
        fc.record({
          year: fc.integer({ min: 1981, max: new Date().getUTCFullYear() + 1 }),
          make: pick(['Toyota', 'Honda', 'Ford', 'Tesla']),
          model: name,
          ownership: pick(VEHICLE_OWNERSHIPS),
          use: pick(VEHICLE_USES.filter((u) => u !== 'commute')),
          annualMileage: fc.integer({ min: 0, max: 200_000 }),
          primaryDriver: fc.integer({ min: 0, max: driverCount - 1 }),
        }),
        { minLength: vehicleCount, maxLength: vehicleCount },
      ),
      incidents: fc.array(
        fc.record({
          type: pick(INCIDENT_TYPES),
          description: fc.constantFrom('At fault', 'Not at fault', 'Glass claim'),
          date: dateBetween(addDays(usToday(), -3650), 3640),
          driver: fc.integer({ min: 0, max: driverCount - 1 }),
        }),
        { maxLength: 3 },
      ),
      coverage: fc.record({
        bodilyInjuryCents: split,
        propertyDamageCents: cents,
        vehicles: fc.array(
          fc.record({
            comprehensiveDeductibleCents: fc.option(cents, { nil: null }),
            collisionDeductibleCents: fc.option(cents, { nil: null }),
          }),
          { minLength: vehicleCount, maxLength: vehicleCount },
        ),
      }),
    }),
  ) as fc.Arbitrary<QuoteRequestBody>;
