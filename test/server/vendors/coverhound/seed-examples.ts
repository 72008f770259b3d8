/**
 * The examples printed in coverhound-quotes-api.txt, typed in by hand. Only
 * two kinds of change: dates that must lie in the future are moved into the
 * valid window, and JSON typos are mended (a missing comma after
 * "biPerson":15000 in the responses, a trailing comma in the polling answer).
 */
import { addDays, usToday } from '../../../../contract/primitives.ts';
import { toMdy } from '../../../../server/vendors/coverhound/dates.ts';

export const SEED_CREDENTIALS = {
  apiKey: 'eb6ad34d-6989-4f94-874d-e2f848dede63',
  apiSecret: '1337648ad51d99be78e446f8d721e8aa',
};

export const SEED_TOKEN_REQUEST = { ...SEED_CREDENTIALS, grantType: 'credentials' };

/** A week from now, in the seed's mm-dd-yyyy. */
const futureEffectiveDate = (days = 7) => toMdy(addDays(usToday(), days));

/** "Request": the seed's example, effectiveDate (12-07-2014) moved a week ahead. */
export function seedQuoteRequest(effectiveDate = futureEffectiveDate()) {
  return {
    userId: 'john.walsh.id',
    carriers: ['ESRNC'],
    usePolling: false,
    applicant: {
      mailingAddress1: '1 California St',
      mailingAddress2: '#1100',
      mailingZip: '94111',
      phone1: '5558675309',
      email: 'john.walsh@example.com',
      effectiveDate,
      vehicles: [
        {
          vin: '1FMDU63K3U',
          use: 'Commute',
          mileage: 10000,
          commuteDistance: 9,
          commuteFrequency: 5,
          purchaseDate: '06-15-2015',
          ownership: 'Paid in Full',
          commuteNyNj: false,
          primaryDriver: 0,
        },
      ],
      drivers: [
        {
          primaryApplicant: true,
          primaryVehicle: 0,
          firstName: 'John',
          middleName: 'Trevor',
          lastName: 'Walsh',
          birthDate: '05-01-1975',
          gender: 'M',
          marital: 'Married',
          education: 'High School',
          careerStatus: 'Full-Time Student',
          homeowner: true,
          residenceType: 'Condo',
          ageLicensed: 16,
          goodStudent: true,
          distantStudent: false,
          licenseStatus: 'Valid',
          sr22: false,
          excluded: false,
          vehicles: [0],
        },
        {
          primaryApplicant: false,
          primaryVehicle: 0,
          firstName: 'Janet',
          lastName: 'Walsh',
          birthDate: '12-25-1978',
          gender: 'F',
          marital: 'Married',
          education: 'Some High School',
          careerStatus: 'Employed',
          occupationIndustry: 'Art/Design/Media',
          occupation: 'Actor',
          homeowner: true,
          residenceType: 'Condo',
          relationPrimary: 'Spouse',
          addressPrimarySame: true,
          ageLicensed: 20,
          licenseStatus: 'Valid',
          sr22: false,
          excluded: false,
          vehicles: [0],
        },
      ],
      incidents: [
        { incidentType: 'Accident', incidentDetails: 'At Fault (Less than $750 damage)', incidentDate: '09-01-2010', driverNum: 0 },
      ],
      priorPolicy: {
        insuredDuration: '2 years',
        insuredDurationDetail: '2 years',
        expirationDate: '12-01-2015',
        priorBIPerson: 100000,
        priorBIAccident: 300000,
        priorCarrier: 'OTHER',
      },
    },
    coverages: {
      policy: { biPerson: 15000, biAccident: 30000, mp: 5000, pd: 5000, umpd: 0, umbiPerson: 15000, umbiAccident: 30000 },
      vehicles: [{ coll: 0, comp: 0 }],
    },
  };
}
export type SeedQuoteRequest = ReturnType<typeof seedQuoteRequest>;

const exampleCoverages = {
  policy: { biPerson: 15000, biAccident: 30000, mp: 5000, pd: 5000, umpd: 0, umbiPerson: 0, umbiAccident: 0 },
  vehicles: [{ coll: 0, comp: 0, tl: 0, rrDay: 0, rrMonth: 0 }],
};
const exampleEnvelope = {
  userId: 'john.walsh.id',
  transactionId: '232c552e-3756-43a6-a641-be32755e28d3',
  customerId: 628171,
  coverages: exampleCoverages,
  purchaseUrl: 'https://coverhound.com/resume/167565ae-83f4-45d5-b8e1-21032c29e41a?source=202',
  purchasePhone: '8556419932',
};

/** "Successful Response - Successful Quote". */
export const SEED_SUCCESS_RESPONSE = {
  ...exampleEnvelope,
  quotes: [
    {
      carrierCode: 'ESRNC',
      carrierName: 'Esurance',
      payPlans: [
        {
          payPlanName: 'Pay in Full',
          payPlanDesc: 'Pay in Full',
          termLength: 6,
          downPayment: '376.9',
          installment: '0.0',
          numInstallments: 0,
          nextInstallment: '08-01-2014',
          totalPremium: '376.9',
        },
        {
          payPlanName: 'Monthly, Automatic Payments',
          payPlanDesc: 'Monthly, Automatic Payments',
          termLength: 6,
          downPayment: '126.33',
          installment: '67.63',
          numInstallments: 4,
          nextInstallment: '08-01-2014',
          totalPremium: '396.85',
        },
      ],
    },
  ],
};

/** "Successful Response - Carrier does not wish to write the risk". */
export const SEED_DECLINED_RESPONSE = {
  ...exampleEnvelope,
  quotes: [{ carrierCode: 'ESRNC', carrierName: 'Esurance', error: 'Esurance does not wish to quote this risk type' }],
};

/** "Successful Response - Carrier integration issue". */
export const SEED_INTEGRATION_ISSUE_RESPONSE = {
  ...exampleEnvelope,
  quotes: [
    {
      carrierCode: 'ESRNC',
      carrierName: 'Esurance',
      error: 'We are currently unable to provide a quote from Esurance for an unexpected reason. We will look to resolve shortly.',
    },
  ],
};

/** "How do I use polling?": the first answer. */
export const SEED_POLLING_STARTED = { userId: 'john.walsh.id', transactionId: '232c552e-3756-43a6-a641-be32755e28d3' };

/** "Response with errors". */
export const SEED_400 = {
  status: 400,
  message: 'applicant[vehicles][ownership] does not have a valid value',
  errors: { 'applicant[vehicles][ownership]': ['does not have a valid value'] },
};
export const SEED_401 = { status: 'Fail', error_message: 'Bad Key' };
export const SEED_503 = { status: 503, message: 'The service is currently unavailable due to a server failure.' };
