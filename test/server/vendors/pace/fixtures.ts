/**
 * A realistic canonical quote request: a married couple in Austin, TX, with
 * two cars, one speeding ticket and prior insurance. Dates follow today so
 * the request stays valid; `applicant(change)` derives variants of it.
 */
import { addDays, QuoteRequestBody, usToday } from '../../../../contract/index.ts';

export const RAV4_VIN = '2T3RWRFV3KW021971';
/** A 2019 F-150 SuperCrew 4x4 (pattern 1FTEW1EP, year K) with a correct check digit (4). */
export const F150_VIN = '1FTEW1EP4KFA12345';

export function baseApplicant(): QuoteRequestBody {
  return QuoteRequestBody.parse({
    effectiveDate: addDays(usToday(), 10),
    contact: { email: 'maria.lopez@example.com', phone: '+15125550187', smsConsent: true },
    address: { line1: '1500 E 6th St', line2: 'Apt 4', city: 'Austin', state: 'TX', postalCode: '78702' },
    residence: { ownership: 'rent', type: 'apartment' },
    drivers: [
      {
        firstName: 'Maria',
        middleName: 'Elena',
        lastName: 'Lopez',
        dateOfBirth: '1986-05-14',
        gender: 'female',
        maritalStatus: 'married',
        relationship: 'self',
        education: 'bachelors',
        employment: 'employed',
        occupationIndustry: 'Information Technology',
        occupation: 'Software developer',
        license: { number: 'TX12345678', state: 'TX', status: 'valid', ageFirstLicensed: 17 },
      },
      {
        firstName: 'Diego',
        lastName: 'Lopez',
        dateOfBirth: '1984-11-02',
        gender: 'male',
        maritalStatus: 'married',
        relationship: 'spouse',
        education: 'high_school',
        employment: 'employed',
        license: { state: 'TX', status: 'valid', ageFirstLicensed: 16 },
      },
    ],
    vehicles: [
      {
        vin: RAV4_VIN,
        year: 2019,
        make: 'Toyota',
        model: 'RAV4',
        bodyStyle: '4-cylinder | AWD',
        ownership: 'financed',
        use: 'commute',
        annualMileage: 12_000,
        commuteMilesOneWay: 14,
        commuteDaysPerWeek: 5,
        primaryDriver: 0,
        lienholder: 'Toyota Financial Services',
      },
      {
        vin: F150_VIN,
        year: 2019,
        make: 'Ford',
        model: 'F-150',
        ownership: 'owned',
        use: 'pleasure',
        annualMileage: 8_000,
        primaryDriver: 1,
      },
    ],
    incidents: [{ type: 'speeding', description: '15 over on I-35', date: '2024-08-03', driver: 1 }],
    priorInsurance: {
      carrier: 'GEICO',
      monthsInsured: 36,
      expirationDate: addDays(usToday(), 10),
      bodilyInjuryLimitsCents: { perPerson: 5_000_000, perAccident: 10_000_000 },
    },
    coverage: {
      bodilyInjuryCents: { perPerson: 5_000_000, perAccident: 10_000_000 },
      propertyDamageCents: 5_000_000,
      medicalPaymentsCents: 500_000,
      uninsuredMotoristCents: { perPerson: 5_000_000, perAccident: 10_000_000 },
      vehicles: [
        { comprehensiveDeductibleCents: 50_000, collisionDeductibleCents: 50_000 },
        { comprehensiveDeductibleCents: 100_000, collisionDeductibleCents: null },
      ],
    },
  });
}

/** The base applicant after `change` edits a copy of it. */
export function applicant(change: (body: QuoteRequestBody) => void = () => {}): QuoteRequestBody {
  const body = baseApplicant();
  change(body);
  return body;
}
