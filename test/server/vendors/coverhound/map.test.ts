/**
 * Canonical applicant → CoverHound request: the Walsh household maps to the
 * seed's own example request, mapped requests are accepted by the sandbox,
 * and every value CoverHound cannot express (or an answer it needs that we
 * do not hold) is refused with the field and a reason, never guessed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, QuoteRequestBody, usToday } from '../../../../contract/index.ts';
import { QUOTING_CARRIER_CODES } from '../../../../server/vendors/coverhound/carriers.ts';
import { toMdy } from '../../../../server/vendors/coverhound/dates.ts';
import { toCoverHoundQuoteRequest, toQuoteFields } from '../../../../server/vendors/coverhound/map.ts';
import { UnmappableError } from '../../../../server/vendors/shared/errors.ts';
import { GARCIA_VINS, garciaHousehold, inAWeek, WALSH_VIN, walshHousehold } from './canonical.ts';
import { type SandboxHarness, startSandbox } from './harness.ts';
import { seedQuoteRequest } from './seed-examples.ts';

type Canonical = QuoteRequestBody;

function unmappable(body: Canonical) {
  try {
    toCoverHoundQuoteRequest(QuoteRequestBody.parse(body), { userId: 'u' });
  } catch (error) {
    if (error instanceof UnmappableError) return error;
    throw error;
  }
  throw new Error('expected an UnmappableError');
}

describe('canonical → CoverHound request', () => {
  it('the fixtures are valid canonical quote requests', () => {
    expect(QuoteRequestBody.safeParse(walshHousehold()).success).toBe(true);
    expect(QuoteRequestBody.safeParse(garciaHousehold()).success).toBe(true);
  });

  it('maps the Walsh household to the seed example request', () => {
    const effectiveDate = inAWeek();
    const mapped = toCoverHoundQuoteRequest(walshHousehold(effectiveDate), { userId: 'john.walsh.id', carriers: ['ESRNC'] });
    const { usePolling: _, ...seed } = seedQuoteRequest(toMdy(effectiveDate));
    // The documented differences: we hold the full VIN, not its 10-character pattern, and no
    // purchase date or distant-student answer, which are optional and which our model does not ask.
    seed.applicant.vehicles[0]!.vin = WALSH_VIN;
    delete (seed.applicant.vehicles[0] as Partial<(typeof seed.applicant.vehicles)[0]>).purchaseDate;
    delete (seed.applicant.drivers[0] as Partial<(typeof seed.applicant.drivers)[0]>).distantStudent;
    expect(JSON.parse(JSON.stringify(mapped))).toEqual(seed);
    expect(WALSH_VIN.slice(0, 8) + WALSH_VIN.slice(9, 11)).toBe('1FMDU63K3U');
  });

  it('maps a two-car household: licences, deductibles in dollars, prior carrier code, main vehicles', () => {
    const body = garciaHousehold();
    const mapped = toCoverHoundQuoteRequest(body, { userId: 'garcia' });
    expect(mapped.carriers).toEqual(QUOTING_CARRIER_CODES);
    expect(mapped.applicant).toMatchObject({
      mailingAddress1: '4801 Red River St',
      mailingZip: '78751',
      phone1: '5125550147',
      effectiveDate: toMdy(body.effectiveDate),
      vehicles: [
        {
          vin: GARCIA_VINS[0],
          use: 'Commute',
          mileage: 12000,
          commuteDistance: 14,
          commuteFrequency: 5,
          ownership: 'Financed',
          primaryDriver: 0,
        },
        { vin: GARCIA_VINS[1], use: 'Pleasure', mileage: 6000, ownership: 'Paid in Full', primaryDriver: 1 },
      ],
      drivers: [
        {
          primaryApplicant: true,
          primaryVehicle: 0,
          dlNum: '12345678',
          dlState: 'TX',
          education: 'Graduate Degree',
          careerStatus: 'Employed',
          occupation: 'Teacher',
          homeowner: true,
          residenceType: 'Home',
          vehicles: [0, 1],
          sr22: false,
          excluded: false,
        },
        {
          primaryApplicant: false,
          primaryVehicle: 1,
          relationPrimary: 'Spouse',
          addressPrimarySame: true,
          education: '4 Year College',
          gender: 'M',
          ageLicensed: 17,
        },
      ],
      incidents: [{ incidentType: 'Speeding', incidentDetails: 'Speeding 11-15 MPH over limit', driverNum: 1 }],
      priorPolicy: {
        insuredDuration: '5 years',
        insuredDurationDetail: '5 years',
        priorCarrier: 'GEICO',
        priorBIPerson: 50000,
        priorBIAccident: 100000,
      },
    });
    expect(mapped.applicant.vehicles[1]).not.toHaveProperty('commuteDistance', expect.anything());
    expect(mapped.coverages).toEqual({
      policy: { biPerson: 100000, biAccident: 300000, mp: 0, pd: 100000, umpd: 0, umbiPerson: 50000, umbiAccident: 100000 },
      vehicles: [
        { coll: 1000, comp: 500 },
        { coll: 500, comp: 250 },
      ],
    });
  });

  it.each([
    [1, '0-6 months', '1 month'],
    [5, '0-6 months', '5 months'],
    [6, '6-12 months', '6 months'],
    [11, '6-12 months', '11 months'],
    [12, '1 year', '1 year'],
    [35, '2 years', '2 years'],
    [71, '5 years', '5 years'],
    [72, '6+ years', '6 years'],
    [251, '6+ years', '20 years'],
    [252, '6+ years', '21+ years'],
  ] as const)('says %i months insured as "%s" / "%s"', (months, duration, detail) => {
    const body = walshHousehold();
    body.priorInsurance!.monthsInsured = months;
    const prior = toCoverHoundQuoteRequest(body, { userId: 'u' }).applicant.priorPolicy;
    expect([prior.insuredDuration, prior.insuredDurationDetail, prior.lapseDuration]).toEqual([duration, detail, undefined]);
  });

  it('says an applicant without cover now has lapsed less or more than a month, from the old policy end date', () => {
    const body = walshHousehold();
    body.priorInsurance = { carrier: 'State Farm', monthsInsured: 0, expirationDate: addDays(body.effectiveDate, -20) };
    expect(toCoverHoundQuoteRequest(body, { userId: 'u' }).applicant.priorPolicy).toMatchObject({
      insuredDuration: 'Not Currently Insured',
      insuredDurationDetail: 'Not Currently Insured',
      lapseDuration: '< 1 Month',
      priorCarrier: 'SFARM',
    });
    body.priorInsurance.expirationDate = addDays(body.effectiveDate, -90);
    expect(toCoverHoundQuoteRequest(body, { userId: 'u' }).applicant.priorPolicy.lapseDuration).toBe('> 1 Month');
  });

  it('uses CoverHound\'s catch-all "Other" where its list has one, and leaves a non-US phone out', () => {
    const body = walshHousehold();
    body.residence.type = 'apartment';
    body.drivers[1]!.relationship = 'sibling';
    body.drivers[1]!.education = 'law_school';
    body.contact.phone = '+442071234567';
    body.priorInsurance!.carrier = "Bob's Insurance Shack";
    const { applicant } = toCoverHoundQuoteRequest(body, { userId: 'u' });
    expect(applicant.drivers[0]?.residenceType).toBe('Other');
    expect(applicant.drivers[1]).toMatchObject({ relationPrimary: 'Other', education: 'Graduate Degree' });
    expect(applicant.phone1).toBeUndefined();
    expect(applicant.priorPolicy.priorCarrier).toBe('OTHER');
  });

  it('sends renters as non-homeowners with no residence type', () => {
    const body = walshHousehold();
    body.residence = { ownership: 'rent' };
    const { applicant } = toCoverHoundQuoteRequest(body, { userId: 'u' });
    expect(applicant.drivers.map((d) => [d.homeowner, d.residenceType])).toEqual([
      [false, undefined],
      [false, undefined],
    ]);
  });

  it('sends our violation (a moving violation) as CoverHound\'s "Moving Violation"', () => {
    const body = walshHousehold();
    body.incidents!.push({ type: 'violation', description: 'Failure to Stop', date: addDays(usToday(), -400), driver: 1 });
    const { incidents } = toCoverHoundQuoteRequest(QuoteRequestBody.parse(body), { userId: 'u' }).applicant;
    expect(incidents?.map((incident) => incident.incidentType)).toEqual(['Accident', 'Moving Violation']);
    expect(incidents?.[1]).toMatchObject({ incidentDetails: 'Failure to Stop', driverNum: 1 });
  });

  it("says whether a driver lives at the applicant's address from livesWithApplicant, assuming so only when it is absent", () => {
    const body = walshHousehold();
    const sameAddress = () =>
      toCoverHoundQuoteRequest(QuoteRequestBody.parse(body), { userId: 'u' }).applicant.drivers.map((d) => d.addressPrimarySame);
    expect(sameAddress()).toEqual([undefined, true]);
    body.drivers[1]!.livesWithApplicant = false;
    expect(sameAddress()).toEqual([undefined, false]);
    body.drivers[1]!.livesWithApplicant = true;
    expect(sameAddress()).toEqual([undefined, true]);
    // The applicant is never asked: CoverHound wants the answer only of the other drivers.
    body.drivers[0]!.livesWithApplicant = false;
    expect(sameAddress()).toEqual([undefined, true]);
  });

  it("takes a driver's own primaryVehicle over the one read from the vehicles' main drivers", () => {
    const body = garciaHousehold();
    const mains = () =>
      toCoverHoundQuoteRequest(QuoteRequestBody.parse(body), { userId: 'u' }).applicant.drivers.map((d) => d.primaryVehicle);
    expect(mains()).toEqual([0, 1]);
    body.drivers[0]!.primaryVehicle = 1;
    body.drivers[1]!.primaryVehicle = 0;
    expect(mains()).toEqual([1, 0]);
  });

  it("maps the main vehicle of a driver who is nobody's main driver when the driver names it", () => {
    const body = walshHousehold();
    body.vehicles.push({ ...body.vehicles[0]!, vin: GARCIA_VINS[1], primaryDriver: 0 });
    body.coverage.vehicles.push({ comprehensiveDeductibleCents: null, collisionDeductibleCents: null });
    body.drivers[1]!.primaryVehicle = 1;
    const { drivers, vehicles } = toCoverHoundQuoteRequest(QuoteRequestBody.parse(body), { userId: 'u' }).applicant;
    expect(drivers.map((d) => d.primaryVehicle)).toEqual([0, 1]);
    expect(vehicles.map((v) => v.primaryDriver)).toEqual([0, 0]);
  });

  /** [what we cannot say, the change, the canonical field named, words in the reason]. */
  const CASES: Array<[string, (b: Canonical) => void, string, RegExp]> = [
    ['a non-binary gender', (b) => void (b.drivers[0]!.gender = 'non_binary'), 'drivers.0.gender', /male or female/],
    ['a homemaker', (b) => void (b.drivers[1]!.employment = 'homemaker'), 'drivers.1.employment', /no employment status for a homemaker/],
    [
      'a vocational certificate',
      (b) => void (b.drivers[0]!.education = 'vocational_certificate'),
      'drivers.0.education',
      /vocational certificate/,
    ],
    ['an unlisted education', (b) => void (b.drivers[0]!.education = 'other'), 'drivers.0.education', /education level/],
    [
      'a revoked licence',
      (b) => void (b.drivers[1]!.license.status = 'revoked'),
      'drivers.1.license.status',
      /cancelled or permanently revoked/,
    ],
    ['school use', (b) => void (b.vehicles[0]!.use = 'school'), 'vehicles.0.use', /no vehicle use for school/],
    ['farm use', (b) => void (b.vehicles[0]!.use = 'farm'), 'vehicles.0.use', /no vehicle use for farm/],
    ['a vehicle without VIN', (b) => void delete b.vehicles[0]!.vin, 'vehicles.0.vin', /VIN/],
    [
      'an Alaska address',
      (b) => Object.assign(b.address, { state: 'AK', postalCode: '99501' }),
      'address.postalCode',
      /does not quote in Alaska/,
    ],
    [
      'a Hawaii address',
      (b) => Object.assign(b.address, { state: 'HI', postalCode: '96813' }),
      'address.postalCode',
      /does not quote in Hawaii/,
    ],
    [
      'a Massachusetts address',
      (b) => Object.assign(b.address, { state: 'MA', postalCode: '02108' }),
      'address.postalCode',
      /does not quote in Massachusetts/,
    ],
    ["a Massachusetts state with another state's ZIP", (b) => void (b.address.state = 'MA'), 'address.state', /Massachusetts/],
    ['a ZIP outside the states', (b) => void (b.address.postalCode = '00901'), 'address.postalCode', /does not recognise 00901/],
    ['commute days', (b) => void delete b.vehicles[0]!.commuteDaysPerWeek, 'vehicles.0.commuteDaysPerWeek', /days a week/],
    [
      'a Pennsylvania commute to NY or NJ',
      (b) => {
        Object.assign(b.address, { state: 'PA', postalCode: '19103' });
        delete b.vehicles[0]!.commutesToNyNj;
      },
      'vehicles.0.commutesToNyNj',
      /New York or New Jersey/,
    ],
    ["an employed driver's occupation", (b) => void delete b.drivers[1]!.occupation, 'drivers.1.occupation', /occupation/],
    ["an employed driver's industry", (b) => void delete b.drivers[1]!.occupationIndustry, 'drivers.1.occupationIndustry', /industry/],
    ['whether a student is a good student', (b) => void delete b.drivers[0]!.goodStudent, 'drivers.0.goodStudent', /GPA of 3.0/],
    ['the type of an owned home', (b) => void delete b.residence.type, 'residence.type', /type of home/],
    ['prior insurance', (b) => void delete b.priorInsurance, 'priorInsurance', /continuously insured/],
    [
      'when an uninsured applicant was last insured',
      (b) => void (b.priorInsurance = { carrier: 'Geico', monthsInsured: 0 }),
      'priorInsurance.expirationDate',
      /last insured/,
    ],
    [
      'a first licence at 14',
      (b) => void (b.drivers[0]!.license.ageFirstLicensed = 14),
      'drivers.0.license.ageFirstLicensed',
      /15 or older/,
    ],
    [
      'a $0 deductible',
      (b) => void (b.coverage.vehicles[0]!.collisionDeductibleCents = 0),
      'coverage.vehicles.0.collisionDeductibleCents',
      /\$0 deductible/,
    ],
    [
      'a limit with cents',
      (b) => void (b.coverage.bodilyInjuryCents.perPerson = 1_500_050),
      'coverage.bodilyInjuryCents.perPerson',
      /whole dollars/,
    ],
    [
      "the main vehicle of a driver who is nobody's main driver",
      (b) => {
        b.vehicles.push({ ...b.vehicles[0]!, vin: GARCIA_VINS[1], primaryDriver: 0 });
        b.coverage.vehicles.push({ comprehensiveDeductibleCents: null, collisionDeductibleCents: null });
      },
      'drivers.1.primaryVehicle',
      /Janet is not the main driver of any vehicle/,
    ],
  ];

  /** Fields of CASES the shopper can still answer (a question the widget can ask). */
  const ANSWERABLE = new Set([
    'vehicles.0.commutesToNyNj',
    'priorInsurance.expirationDate',
    'drivers.1.primaryVehicle',
    'drivers.1.occupation',
    'drivers.1.occupationIndustry',
    'residence.type',
    'priorInsurance',
    'vehicles.0.vin',
    'vehicles.0.commuteMilesOneWay',
    'vehicles.0.commuteDaysPerWeek',
    'drivers.0.goodStudent',
  ]);

  it.each(CASES)('refuses to guess %s', (_, change, field, reason) => {
    const body = walshHousehold();
    change(body);
    const error = unmappable(body);
    expect(error.vendor).toBe('CoverHound');
    expect(error.field).toBe(field);
    expect(error.reason).toMatch(reason);
    // An answer CoverHound needs is one the shopper can still give; a value it cannot spell is not.
    expect(error.kind).toBe(ANSWERABLE.has(field) ? 'missing' : 'unsupported');
  });
});

describe('mapped requests at the sandbox', () => {
  let sandbox: SandboxHarness;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox?.close());

  it.each([
    ['Walsh', walshHousehold],
    ['Garcia', garciaHousehold],
    [
      'Garcia renting in Pennsylvania, effective tomorrow',
      () => {
        const body = garciaHousehold(addDays(usToday(), 1));
        body.address = { line1: '1600 Market St', city: 'Philadelphia', state: 'PA', postalCode: '19103' };
        body.residence = { ownership: 'rent' };
        body.vehicles.forEach((vehicle) => void (vehicle.commutesToNyNj = false));
        return body;
      },
    ],
    [
      'Garcia with a moving violation, a driver living elsewhere and main vehicles named by the drivers',
      () => {
        const body = garciaHousehold();
        body.incidents!.push({ type: 'violation', description: 'Failure to Stop', date: addDays(usToday(), -400), driver: 0 });
        body.drivers[1]!.livesWithApplicant = false;
        body.drivers[0]!.primaryVehicle = 1;
        body.drivers[1]!.primaryVehicle = 0;
        return QuoteRequestBody.parse(body);
      },
    ],
  ] as const)('the %s household is quoted by every carrier asked', async (_, household) => {
    const request = toCoverHoundQuoteRequest(household(), { userId: 'mapped', carriers: ['GENRL', 'PROGR', 'ACUIT'] });
    const answer = await sandbox.client().quote(request);
    expect(answer.quotes.map((quote) => toQuoteFields(quote, answer, 'sandbox').status)).toEqual(['complete', 'complete', 'declined']);
  });
});
