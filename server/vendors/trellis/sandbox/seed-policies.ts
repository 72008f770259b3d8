/**
 * The two policies of the seed's 200 example response (GET
 * /account/{connectionId}/policies), exactly as the seed prints them: numbers
 * where the property tables say string, "John," with its stray comma. The
 * sandbox serves them (dates moved forward, see policies.ts) so what a
 * developer reads in the Trellis docs is what user_good at GEICO returns.
 */
import type { z } from 'zod';
import type { TrellisPolicy } from '../schemas.ts';

type PolicyBody = z.input<typeof TrellisPolicy>;

/** The seed's GEICO PERSONAL_AUTO policy. */
export const SEED_AUTO_POLICY: PolicyBody = {
  id: 'd290f1ee-6c54-4b01-90e6-d701748f0851',
  issuer: 'geico',
  policyNumber: '5232-11-255-22',
  policyType: 'PERSONAL_AUTO',
  policyHolder: {
    name: {
      firstName: 'John,',
      middleName: 'K,',
      lastName: 'Smith',
    },
    address: {
      number: 123,
      street: 'Main',
      type: 'St',
      sec_unit_type: 'Apt',
      sec_unit_num: '1A',
      city: 'San Francisco',
      state: 'CA',
      zip: 94111,
      plus4: 2233,
      suffix: 'Ave',
      prefix: 'W',
    },
    phoneNumber: '(123) 456-2233',
    email: 'johnksmith@gmail.com',
    isHomeOwner: true,
    isMilitary: true,
    residenceStatus: 'OwnSingleFamily',
    tenureInYears: 2,
  },
  policyTermMonths: 6,
  paymentScheduleMonths: 1,
  numberOfPayments: 6,
  issueDate: '2019-01-01',
  renewalDate: '2019-07-01',
  effectiveDate: '2019-01-01',
  expirationDate: '2019-07-01',
  active: true,
  hasAtFaultAccident: 'yes',
  hasAtFaultClaim: 'yes',
  canceledDate: '2019-04-01',
  dateRetrieved: '2019-02-01',
  premiumCents: 94200,
  operators: [
    {
      name: {
        firstName: 'John',
        middleName: 'K',
        lastName: 'Smith',
      },
      gender: 'female',
      maritalStatus: 'married',
      occupation: 'Electrical Engineer (Degreed)',
      education: 'associates',
      rawEducation: "Bachelor's Degree",
      relationship: 'Named Insured',
      rawRelationship: 'Married',
      birthday: '1985-08-29',
      birthdayRange: {
        start: '1988-01-01',
        end: '1988-12-31',
      },
      ageLicensed: 16,
      ageLicensedInternationally: 16,
      isPrimary: true,
      driversLicenseState: 'MA',
      driversLicenseStatus: 'ValidUSLicense',
      driversLicenseNumber: 'S22229999',
      hasFullDriversLicenseNumber: true,
      email: 'johnksmith@gmail.com',
      experienceInYears: 8,
      addressRaw: '123 Main St San Francisco CA 94129',
      address: {
        number: 123,
        street: 'Main',
        type: 'St',
        sec_unit_type: 'Apt',
        sec_unit_num: '1A',
        city: 'San Francisco',
        state: 'CA',
        zip: 94111,
        plus4: 2233,
        suffix: 'Ave',
        prefix: 'W',
      },
      financialResponsibilityCases: [
        {
          type: 'SR-21',
          state: 'CA',
          caseNumber: 331476039,
        }
      ]
    }
  ],
  vehicles: [
    {
      year: 2015,
      inStorage: true,
      isRideSharing: true,
      vin: 'WBA2F7C55FVX55555',
      make: 'BMW',
      model: '228XI 2D 4X4',
      type: null,
      annualMileage: 5000,
      driver: {
        firstName: 'John',
        middleName: 'K',
        lastName: 'Smith',
      },
      use: 'commute',
      garagingLocationRaw: '123 Main St San Francisco CA 94129',
      garagingLocation: {
        number: 123,
        street: 'Main',
        type: 'St',
        sec_unit_type: 'Apt',
        sec_unit_num: '1A',
        city: 'San Francisco',
        state: 'CA',
        zip: 94111,
        plus4: 2233,
        suffix: 'Ave',
        prefix: 'W',
      },
      discounts: [
        {
          name: 'Multi-Product',
          discountCents: 5000,
          rawName: 'Bundle',
        }
      ],
      discountTotalCents: 5000,
      purchaseDate: '1999-04-12',
      antiTheftDevices: true,
      bodyStyle: '4 Door Sedan',
      ownershipStatus: 'owned',
      lienHolder: 'TD Auto Finance',
      lienHolderAddress: {
        number: 123,
        street: 'Main',
        type: 'St',
        sec_unit_type: 'Apt',
        sec_unit_num: '1A',
        city: 'San Francisco',
        state: 'CA',
        zip: 94111,
        plus4: 2233,
        suffix: 'Ave',
        prefix: 'W',
      },
      lienHolderAddressRaw: '123 Main Street New York NY 10011',
      premiumCents: 12344,
      coverages: [
        {
          name: 'Bodily Injury Liability',
          premiumCents: 7400,
          isDeclined: false,
          perPersonLimitCents: 20000,
          perAccidentLimitCents: 40000,
          deductibleCents: 1000,
          glassDeductibleCents: 500,
          perDayLimitCents: 40000,
          perMonthLimitCents: 45000,
          perWeekLimitCents: 11500,
        }
      ]
    }
  ],
  discounts: [
    {
      name: 'Multi-Product',
      discountCents: 5000,
      rawName: 'Bundle',
    }
  ],
  documents: [
    {
      url: 'https://storage.googleapis.com/...',
      urlExpiration: '2020-09-24',
      type: 'DEC_PAGE',
    }
  ],
  incidents: [
    {
      id: '291e57c2-48ab-4b72-ad4e-b5284d78c32e_0',
      driverNameRaw: 'Jane Doe',
      driver: 0,
      descriptionRaw: null,
      date: '2019-01-01',
      state: 'CA',
      atFault: 'yes',
      paidAmountCents: 229670,
      liabilityMedicalPaidAmountCents: 10201,
      type: 'CLAIM',
      typeDetails: 'Hit an animal',
    }
  ]
};

/** The seed's HOMEOWNERS policy (issued by Allstate in the seed's GEICO connection). */
export const SEED_HOME_POLICY: PolicyBody = {
  id: 'd290f1ee-6c54-4b01-90e6-d701748f0852',
  issuer: 'allstate',
  policyNumber: '5232-11-255-22',
  policyType: 'HOMEOWNERS',
  policyHolder: {
    name: {
      firstName: 'John,',
      middleName: 'K,',
      lastName: 'Smith',
    },
    address: {
      number: 123,
      street: 'Main',
      type: 'St',
      sec_unit_type: 'Apt',
      sec_unit_num: '1A',
      city: 'San Francisco',
      state: 'CA',
      zip: 94111,
      plus4: 2233,
      suffix: 'Ave',
      prefix: 'W',
    },
    phoneNumber: '(123) 456-2233',
    email: 'johnksmith@gmail.com',
    isHomeOwner: true,
    isMilitary: true,
    residenceStatus: 'OwnSingleFamily',
    tenureInYears: 2,
  },
  policyTermMonths: 12,
  paymentScheduleMonths: 1,
  numberOfPayments: 12,
  issueDate: '2019-01-01',
  renewalDate: '2019-07-01',
  effectiveDate: '2019-01-01',
  expirationDate: '2019-07-01',
  active: true,
  canceledDate: '2019-04-01',
  dateRetrieved: '2019-02-01',
  premiumCents: 94200,
  discounts: [
    {
      name: 'Multi-Product',
      discountCents: 5000,
      rawName: 'Bundle',
    }
  ],
  property: {
    purchaseDate: '1990-10-12',
    squareFeet: 2300,
    usage: 'Primary Home',
    numberOfStories: 2,
    dwellingType: 'Single Family Home',
    yearBuilt: 1980,
    constructionType: 'Frame',
    foundationType: 'Slab',
    composition: [
      {
        type: 'Roof',
        shape: 'Flat',
        descriptionRaw: 'string',
        materials: [
          'Rubber',
          'Wood'
        ],
        percentage: 75,
      }
    ],
    numberOfKitchens: 1,
    numberOfBathrooms: 3,
    numberOfFireplaces: 1,
    garages: [
      {
        type: 'Attached',
        capacity: 2,
      }
    ],
    distanceToFireHydrantInFeet: 100,
    distanceToFireDepartmentInMiles: 2,
    features: {
      hasBurglarAlarm: true,
      hasFireAlarm: true,
      hasSupplementalHeating: false,
    },
    addressRaw: 'string',
    ageOfRoofInYears: 4,
    address: {
      number: 123,
      street: 'Main',
      type: 'St',
      sec_unit_type: 'Apt',
      sec_unit_num: '1A',
      city: 'San Francisco',
      state: 'CA',
      zip: 94111,
      plus4: 2233,
      suffix: 'Ave',
      prefix: 'W',
    }
  },
  coverages: [
    {
      name: 'Personal Property',
      rawName: 'Personal Property',
      perOccurrenceLimitCents: 10000000,
      perPersonLimitCents: 50000000,
      maxMonthsLimit: 6,
      premiumCents: 50000,
      isDeclined: false,
      deductibleCents: 50000,
      hurricaneDeductibleCents: 50000,
      windstormDeductibleCents: 50000,
      earthquakeDeductibleCents: 50000,
    }
  ],
  householdMembers: [
    {
      name: {
        firstName: 'John',
        middleName: 'K',
        lastName: 'Smith',
      },
      gender: 'female',
      relationship: 'Named Insured',
      birthday: '1985-08-29',
      birthdayRange: {
        start: '1988-01-01',
        end: '1988-12-31',
      },
      occupation: 'Engineer',
    }
  ],
  mortgages: [
    {
      type: 'First Mortgage',
      loanNumber: '000-393323-33',
      lienHolder: 'Quicken Loans',
      lienHolderAddress: {
        number: 123,
        street: 'Main',
        type: 'St',
        sec_unit_type: 'Apt',
        sec_unit_num: '1A',
        city: 'San Francisco',
        state: 'CA',
        zip: 94111,
        plus4: 2233,
        suffix: 'Ave',
        prefix: 'W',
      },
      lienHolderAddressRaw: 'string',
    }
  ],
  documents: [
    {
      url: 'https://storage.googleapis.com/...',
      urlExpiration: '2020-09-24',
      type: 'DEC_PAGE',
    }
  ]
};
