/**
 * Canonical applicants (contract/applicant.ts) for the mapping tests. The
 * Walsh household is the seed's example request told in our model; the Garcia
 * household is a typical dealer customer: two cars, two drivers, a ticket.
 */
import { type QuoteRequestBody, withCheckDigit } from '../../../../contract/index.ts';
import { inAWeek } from '../../../helpers/applicants.ts';

/** A full VIN whose 10-character pattern is the seed's "1FMDU63K3U" (a 2003 Ford). */
export const WALSH_VIN = withCheckDigit('1FMDU63K03UA12345');

export { inAWeek };

export function walshHousehold(effectiveDate = inAWeek()): QuoteRequestBody {
  return {
    effectiveDate,
    contact: { email: 'john.walsh@example.com', phone: '+15558675309' },
    address: { line1: '1 California St', line2: '#1100', city: 'San Francisco', state: 'CA', postalCode: '94111' },
    residence: { ownership: 'own', type: 'condo' },
    drivers: [
      {
        firstName: 'John',
        middleName: 'Trevor',
        lastName: 'Walsh',
        dateOfBirth: '1975-05-01',
        gender: 'male',
        maritalStatus: 'married',
        relationship: 'self',
        education: 'high_school',
        employment: 'student',
        goodStudent: true,
        sr22: false,
        license: { state: 'CA', status: 'valid', ageFirstLicensed: 16 },
      },
      {
        firstName: 'Janet',
        lastName: 'Walsh',
        dateOfBirth: '1978-12-25',
        gender: 'female',
        maritalStatus: 'married',
        relationship: 'spouse',
        education: 'some_high_school',
        employment: 'employed',
        occupationIndustry: 'Art/Design/Media',
        occupation: 'Actor',
        license: { state: 'CA', status: 'valid', ageFirstLicensed: 20 },
      },
    ],
    vehicles: [
      {
        vin: WALSH_VIN,
        year: 2003,
        make: 'Ford',
        model: 'Explorer Sport Trac',
        ownership: 'owned',
        use: 'commute',
        annualMileage: 10000,
        commuteMilesOneWay: 9,
        commuteDaysPerWeek: 5,
        commutesToNyNj: false,
        primaryDriver: 0,
      },
    ],
    incidents: [{ type: 'accident', description: 'At Fault (Less than $750 damage)', date: '2010-09-01', driver: 0 }],
    priorInsurance: {
      carrier: 'Other',
      monthsInsured: 24,
      expirationDate: '2015-12-01',
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

// The Garcia household is the project's shared test applicant.
export { GARCIA_VINS, garciaHousehold } from '../../../helpers/applicants.ts';
