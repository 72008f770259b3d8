/**
 * A realistic canonical applicant: the seed's Jon Snow (same names, dates,
 * license, vehicle and prior policy) as Coverkit's widget would collect him,
 * with the things only we ask (coverage, incidents, commute) filled in too.
 */
import { QuoteRequestBody } from '../../../../contract/applicant.ts';
import { addDays, usToday } from '../../../../contract/primitives.ts';

export function jonSnowApplicant(): QuoteRequestBody {
  return QuoteRequestBody.parse({
    effectiveDate: addDays(usToday(), 7),
    contact: { email: 'jon.snow@nightswatch.com', phone: '+15551230000', smsConsent: true },
    address: { line1: '555 Main St.', city: 'Pleasantville', state: 'CA', postalCode: '94105' },
    residence: { ownership: 'own', type: 'home' },
    drivers: [
      {
        firstName: 'Jon',
        middleName: 'Aegon',
        lastName: 'Snow',
        dateOfBirth: '1986-12-26',
        gender: 'male',
        maritalStatus: 'married',
        relationship: 'self',
        education: 'bachelors',
        employment: 'employed',
        occupation: 'Ranger',
        license: { number: 'D1234567', state: 'CA', status: 'valid', ageFirstLicensed: 16 },
      },
      {
        firstName: 'Ygritte',
        lastName: 'Wildling',
        dateOfBirth: '1987-02-09',
        gender: 'female',
        maritalStatus: 'married',
        relationship: 'spouse',
        education: 'high_school',
        employment: 'employed',
        license: { state: 'CA', status: 'valid', ageFirstLicensed: 17 },
      },
    ],
    vehicles: [
      {
        vin: 'WAULH54B0YN028245',
        year: 2022,
        make: 'Audi',
        model: 'A4',
        trim: '45 TFSI',
        ownership: 'leased',
        use: 'pleasure',
        annualMileage: 12000,
        primaryDriver: 0,
        lienholder: 'Toyota Financial Services',
      },
    ],
    incidents: [{ type: 'speeding', description: '15 over on I-80', date: '2023-06-01', driver: 0 }],
    priorInsurance: { carrier: 'GEICO', monthsInsured: 36, expirationDate: '2022-05-20' },
    coverage: {
      bodilyInjuryCents: { perPerson: 10_000_000, perAccident: 30_000_000 },
      propertyDamageCents: 10_000_000,
      vehicles: [{ comprehensiveDeductibleCents: 50_000, collisionDeductibleCents: 100_000 }],
    },
  });
}
