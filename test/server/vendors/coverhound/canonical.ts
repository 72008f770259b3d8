/**
 * Canonical applicants (contract/applicant.ts) for the mapping tests. The
 * Walsh household is the seed's example request told in our model; the Garcia
 * household is a typical dealer customer: two cars, two drivers, a ticket.
 */
import { type QuoteRequestBody, addDays, usToday } from '../../../../contract/index.ts';

/** A VIN with its check digit (position 9) computed, so fixtures hold real-looking VINs. */
export function withCheckDigit(vin: string): string {
  const values: Record<string, number> = {
    A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9, S: 2, T: 3, U: 4, V: 5,
    W: 6, X: 7, Y: 8, Z: 9,
  };
  const weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
  const sum = [...vin].reduce((total, ch, i) => total + (values[ch] ?? Number(ch)) * (weights[i] ?? 0), 0);
  const check = sum % 11 === 10 ? 'X' : String(sum % 11);
  return `${vin.slice(0, 8)}${check}${vin.slice(9)}`;
}

/** A full VIN whose 10-character pattern is the seed's "1FMDU63K3U" (a 2003 Ford). */
export const WALSH_VIN = withCheckDigit('1FMDU63K03UA12345');

export const inAWeek = () => addDays(usToday(), 7);

export function walshHousehold(effectiveDate = inAWeek()): QuoteRequestBody {
  return {
    effectiveDate,
    contact: { email: 'john.walsh@example.com', phone: '+15558675309' },
    address: { line1: '1 California St', line2: '#1100', city: 'San Francisco', state: 'CA', postalCode: '94111' },
    residence: { ownership: 'own', type: 'condo' },
    drivers: [
      {
        firstName: 'John', middleName: 'Trevor', lastName: 'Walsh', dateOfBirth: '1975-05-01', gender: 'male',
        maritalStatus: 'married', relationship: 'self', education: 'high_school', employment: 'student',
        goodStudent: true, sr22: false, license: { state: 'CA', status: 'valid', ageFirstLicensed: 16 },
      },
      {
        firstName: 'Janet', lastName: 'Walsh', dateOfBirth: '1978-12-25', gender: 'female', maritalStatus: 'married',
        relationship: 'spouse', education: 'some_high_school', employment: 'employed',
        occupationIndustry: 'Art/Design/Media', occupation: 'Actor',
        license: { state: 'CA', status: 'valid', ageFirstLicensed: 20 },
      },
    ],
    vehicles: [
      {
        vin: WALSH_VIN, year: 2003, make: 'Ford', model: 'Explorer Sport Trac', ownership: 'owned', use: 'commute',
        annualMileage: 10000, commuteMilesOneWay: 9, commuteDaysPerWeek: 5, commutesToNyNj: false, primaryDriver: 0,
      },
    ],
    incidents: [{ type: 'accident', description: 'At Fault (Less than $750 damage)', date: '2010-09-01', driver: 0 }],
    priorInsurance: {
      carrier: 'Other', monthsInsured: 24, expirationDate: '2015-12-01',
      bodilyInjuryLimitsCents: { perPerson: 10_000_000, perAccident: 30_000_000 },
    },
    coverage: {
      bodilyInjuryCents: { perPerson: 1_500_000, perAccident: 3_000_000 },
      propertyDamageCents: 500_000,
      medicalPaymentsCents: 500_000,
      uninsuredMotoristCents: { perPerson: 1_500_000, perAccident: 3_000_000 },
      vehicles: [{ comprehensiveDeductibleCents: null, collisionDeductibleCents: null }],
    },
  };
}

export const GARCIA_VINS = [withCheckDigit('5YJ3E1EA0KF317000'), withCheckDigit('1HGCV1F30LA000001')];

/** Austin, Texas: a financed Tesla and a paid-off Accord, each with its own main driver, and a speeding ticket. */
export function garciaHousehold(effectiveDate = inAWeek()): QuoteRequestBody {
  return {
    effectiveDate,
    contact: { email: 'maria.garcia@example.com', phone: '+15125550147', smsConsent: true },
    address: { line1: '4801 Red River St', city: 'Austin', state: 'TX', postalCode: '78751-1234' },
    residence: { ownership: 'own', type: 'home' },
    drivers: [
      {
        firstName: 'Maria', lastName: 'Garcia', dateOfBirth: '1982-03-14', gender: 'female', maritalStatus: 'married',
        relationship: 'self', education: 'masters', employment: 'employed', occupationIndustry: 'Education/Training',
        occupation: 'Teacher', license: { number: '12345678', state: 'TX', status: 'valid', ageFirstLicensed: 16 },
      },
      {
        firstName: 'Luis', lastName: 'Garcia', dateOfBirth: '1980-07-02', gender: 'male', maritalStatus: 'married',
        relationship: 'spouse', education: 'bachelors', employment: 'employed', occupationIndustry: 'Engineer/Architect/Science/Math', occupation: 'Engineer',
        license: { number: '87654321', state: 'TX', status: 'valid', ageFirstLicensed: 17 },
      },
    ],
    vehicles: [
      {
        vin: GARCIA_VINS[0], year: 2019, make: 'Tesla', model: 'Model 3', ownership: 'financed', use: 'commute',
        annualMileage: 12000, commuteMilesOneWay: 14, commuteDaysPerWeek: 5, primaryDriver: 0, lienholder: 'Tesla Finance',
      },
      {
        vin: GARCIA_VINS[1], year: 2020, make: 'Honda', model: 'Accord', ownership: 'owned', use: 'pleasure',
        annualMileage: 6000, primaryDriver: 1,
      },
    ],
    incidents: [{ type: 'speeding', description: 'Speeding 11-15 MPH over limit', date: addDays(usToday(), -400), driver: 1 }],
    priorInsurance: {
      carrier: 'GEICO', monthsInsured: 64, expirationDate: addDays(effectiveDate, -1),
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
