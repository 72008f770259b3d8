/**
 * Canonical applicants for the tests that go through the whole product. The
 * Garcia household is a typical dealer customer: two cars, two drivers, a
 * speeding ticket, in Austin, Texas (a state both quoting sandboxes write).
 */
import { addDays, type QuoteRequestBody, usToday, withCheckDigit } from '../../contract/index.ts';

export const inAWeek = () => addDays(usToday(), 7);

export const GARCIA_VINS = [withCheckDigit('5YJ3E1EA0KF317000'), withCheckDigit('1HGCV1F30LA000001')] as const;

export function garciaHousehold(effectiveDate = inAWeek()): QuoteRequestBody {
  return {
    effectiveDate,
    contact: { email: 'maria.garcia@example.com', phone: '+15125550147', smsConsent: true },
    address: { line1: '4801 Red River St', city: 'Austin', state: 'TX', postalCode: '78751' },
    residence: { ownership: 'own', type: 'home' },
    drivers: [
      {
        firstName: 'Maria',
        lastName: 'Garcia',
        dateOfBirth: '1982-03-14',
        gender: 'female',
        maritalStatus: 'married',
        relationship: 'self',
        education: 'masters',
        employment: 'employed',
        occupationIndustry: 'Education/Training',
        occupation: 'Teacher',
        license: { number: '12345678', state: 'TX', status: 'valid', ageFirstLicensed: 16 },
      },
      {
        firstName: 'Luis',
        lastName: 'Garcia',
        dateOfBirth: '1980-07-02',
        gender: 'male',
        maritalStatus: 'married',
        relationship: 'spouse',
        education: 'bachelors',
        employment: 'employed',
        occupationIndustry: 'Engineer/Architect/Science/Math',
        occupation: 'Engineer',
        license: { number: '87654321', state: 'TX', status: 'valid', ageFirstLicensed: 17 },
      },
    ],
    vehicles: [
      {
        vin: GARCIA_VINS[0],
        year: 2019,
        make: 'Tesla',
        model: 'Model 3',
        ownership: 'financed',
        use: 'commute',
        annualMileage: 12000,
        commuteMilesOneWay: 14,
        commuteDaysPerWeek: 5,
        primaryDriver: 0,
        lienholder: 'Tesla Finance',
      },
      {
        vin: GARCIA_VINS[1],
        year: 2020,
        make: 'Honda',
        model: 'Accord',
        ownership: 'owned',
        use: 'pleasure',
        annualMileage: 6000,
        primaryDriver: 1,
      },
    ],
    incidents: [{ type: 'speeding', description: 'Speeding 11-15 MPH over limit', date: addDays(usToday(), -400), driver: 1 }],
    priorInsurance: {
      carrier: 'GEICO',
      monthsInsured: 64,
      expirationDate: addDays(effectiveDate, -1),
      bodilyInjuryLimitsCents: { perPerson: 5_000_000, perAccident: 10_000_000 },
    },
    coverage: {
      bodilyInjuryCents: { perPerson: 10_000_000, perAccident: 30_000_000 },
      propertyDamageCents: 10_000_000,
      uninsuredMotoristCents: { perPerson: 5_000_000, perAccident: 10_000_000 },
      vehicles: [
        { comprehensiveDeductibleCents: 50_000, collisionDeductibleCents: 100_000 },
        { comprehensiveDeductibleCents: 25_000, collisionDeductibleCents: 50_000 },
      ],
    },
  };
}
