/** A realistic canonical applicant and the quote they picked, validated by the contract itself. */
import { addDays, Quote, QuoteRequestBody, usToday } from '../../../../contract/index.ts';

const EFFECTIVE_DATE = addDays(usToday(), 14);
export const PRIOR_EXPIRATION = addDays(usToday(), 20);

export const applicant: QuoteRequestBody = QuoteRequestBody.parse({
  effectiveDate: EFFECTIVE_DATE,
  contact: { email: 'maria.lopez@example.com', phone: '+15125550142', smsConsent: true },
  address: { line1: '4201 Speedway', line2: 'Apt 12', city: 'Austin', state: 'TX', postalCode: '78751' },
  residence: { ownership: 'rent', type: 'apartment' },
  drivers: [
    {
      firstName: 'Maria',
      middleName: 'Elena',
      lastName: 'Lopez',
      dateOfBirth: '1988-03-09',
      gender: 'female',
      maritalStatus: 'married',
      relationship: 'self',
      education: 'bachelors',
      employment: 'employed',
      occupation: 'Nurse',
      license: { number: '12345678', state: 'TX', status: 'valid', ageFirstLicensed: 16 },
    },
    {
      firstName: 'Daniel',
      lastName: 'Lopez',
      dateOfBirth: '1986-11-30',
      gender: 'male',
      maritalStatus: 'married',
      relationship: 'spouse',
      education: 'high_school',
      employment: 'employed',
      occupation: 'Electrician',
      license: { state: 'TX', status: 'valid', ageFirstLicensed: 17 },
    },
  ],
  vehicles: [
    {
      vin: '2T3RWRFV3KW021971',
      year: 2019,
      make: 'Toyota',
      model: 'RAV4',
      trim: 'XLE',
      ownership: 'financed',
      use: 'commute',
      annualMileage: 12000,
      commuteMilesOneWay: 11,
      commuteDaysPerWeek: 5,
      primaryDriver: 0,
      lienholder: 'Toyota Financial Services',
    },
    { year: 2015, make: 'Ford', model: 'F-150', ownership: 'owned', use: 'pleasure', annualMileage: 6000, primaryDriver: 1 },
  ],
  incidents: [{ type: 'accident', description: 'Rear-ended at a stop light, not at fault', date: '2023-06-14', driver: 1 }],
  priorInsurance: {
    carrier: 'Geico',
    monthsInsured: 36,
    expirationDate: PRIOR_EXPIRATION,
    bodilyInjuryLimitsCents: { perPerson: 5_000_000, perAccident: 10_000_000 },
  },
  coverage: {
    bodilyInjuryCents: { perPerson: 10_000_000, perAccident: 30_000_000 },
    propertyDamageCents: 10_000_000,
    medicalPaymentsCents: 500_000,
    uninsuredMotoristCents: { perPerson: 10_000_000, perAccident: 30_000_000 },
    vehicles: [
      { comprehensiveDeductibleCents: 50_000, collisionDeductibleCents: 50_000 },
      { comprehensiveDeductibleCents: null, collisionDeductibleCents: null },
    ],
  },
});

/** A complete CoverHound quote from Progressive, pay in full cheaper than monthly. */
export const quote: Quote = Quote.parse({
  id: 'qr_1:coverhound:PROGR',
  vendor: 'coverhound',
  carrierCode: 'PROGR',
  carrierName: 'Progressive',
  status: 'complete',
  termMonths: 6,
  payPlans: [
    {
      name: 'Monthly, Automatic Payments',
      downPaymentCents: 21_450,
      installmentCents: 18_370,
      installments: 5,
      totalPremiumCents: 113_300,
    },
    { name: 'Pay in Full', downPaymentCents: 107_649, installmentCents: 0, installments: 0, totalPremiumCents: 107_649 },
  ],
  purchaseUrl: 'https://coverhound.com/resume/167565ae-83f4-45d5-b8e1-21032c29e41a?source=202',
});
