/**
 * The documented rules, one by one: each broken on the seed's example request
 * gives a 400 with CoverHound's `errors` object naming the field; each
 * conditional field is accepted once given.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, usToday } from '../../../../contract/primitives.ts';
import { toMdy } from '../../../../server/vendors/coverhound/dates.ts';
import { type SandboxHarness, startSandbox } from './harness.ts';
import { type SeedQuoteRequest, seedQuoteRequest } from './seed-examples.ts';

type Loose = Record<string, any>;
type Change = (request: SeedQuoteRequest & Loose) => void;

const vehicle = (r: Loose) => r.applicant.vehicles[0];
const john = (r: Loose) => r.applicant.drivers[0];
const janet = (r: Loose) => r.applicant.drivers[1];

/** [what is wrong, the change, the errors object expected]. */
const BROKEN: Array<[string, Change, Record<string, string[]>]> = [
  ['no userId', (r) => void delete (r as Loose).userId, { userId: ['is required'] }],
  ['no carriers', (r) => void (r.carriers = []), { carriers: ['must list at least one carrier'] }],
  ['an unknown carrier code', (r) => void (r.carriers = ['ESRNC', 'ACME']), { carriers: ['does not have a valid value'] }],
  ['no mailing address', (r) => void delete (r.applicant as Loose).mailingAddress1, { 'applicant[mailingAddress1]': ['is required'] }],
  ['an Alaska ZIP', (r) => void (r.applicant.mailingZip = '99501'), { 'applicant[mailingZip]': ['is in AK, where we do not quote'] }],
  ['a Hawaii ZIP', (r) => void (r.applicant.mailingZip = '96813'), { 'applicant[mailingZip]': ['is in HI, where we do not quote'] }],
  ['a Massachusetts ZIP', (r) => void (r.applicant.mailingZip = '02108'), { 'applicant[mailingZip]': ['is in MA, where we do not quote'] }],
  [
    'a Puerto Rico ZIP',
    (r) => void (r.applicant.mailingZip = '00901'),
    { 'applicant[mailingZip]': ['is not a ZIP code in the 50 states or Washington DC'] },
  ],
  ['a ZIP+4', (r) => void (r.applicant.mailingZip = '94111-1100'), { 'applicant[mailingZip]': ['must be a 5-digit ZIP code'] }],
  [
    'a phone with punctuation',
    (r) => void (r.applicant.phone1 = '555-867-5309'),
    { 'applicant[phone1]': ['must be 10 digits, no punctuation'] },
  ],
  ['no email', (r) => void delete (r.applicant as Loose).email, { 'applicant[email]': ['is required'] }],
  [
    'an effective date of today',
    (r) => void (r.applicant.effectiveDate = toMdy(usToday())),
    { 'applicant[effectiveDate]': ['must be at least 1 day after the request'] },
  ],
  [
    'an effective date written YYYY-MM-DD',
    (r) => void (r.applicant.effectiveDate = addDays(usToday(), 7)),
    { 'applicant[effectiveDate]': ['must be a date in mm-dd-yyyy format'] },
  ],
  [
    'an effective date that does not exist',
    (r) => void (r.applicant.effectiveDate = '02-30-2031'),
    { 'applicant[effectiveDate]': ['must be a date in mm-dd-yyyy format'] },
  ],
  ['no vehicles', (r) => void (r.applicant.vehicles = []), { 'applicant[vehicles]': ['must list at least one vehicle'] }],
  [
    'a VIN with an O in it',
    (r) => void (vehicle(r).vin = '1FMDU63KOU'),
    { 'applicant[vehicles][vin]': ['must be a 17-character VIN or a documented VIN pattern'] },
  ],
  [
    'a VIN with asterisks in the wrong places',
    (r) => void (vehicle(r).vin = 'YV1RH5****8*******'.slice(0, 17)),
    { 'applicant[vehicles][vin]': ['must be a 17-character VIN or a documented VIN pattern'] },
  ],
  [
    'a vehicle use not in the list',
    (r) => void (vehicle(r).use = 'School'),
    { 'applicant[vehicles][use]': ['does not have a valid value'] },
  ],
  [
    'a commuting vehicle without distance or frequency',
    (r) => {
      delete vehicle(r).commuteDistance;
      delete vehicle(r).commuteFrequency;
    },
    { 'applicant[vehicles][commuteDistance]': ['is required'], 'applicant[vehicles][commuteFrequency]': ['is required'] },
  ],
  [
    'a commute of 8 days a week',
    (r) => void (vehicle(r).commuteFrequency = 8),
    { 'applicant[vehicles][commuteFrequency]': ['does not have a valid value'] },
  ],
  [
    'a purchase date written YYYY-MM-DD',
    (r) => void (vehicle(r).purchaseDate = '2015-06-15'),
    { 'applicant[vehicles][purchaseDate]': ['must be a date in mm-dd-yyyy format'] },
  ],
  [
    'a Pennsylvania address without commuteNyNj',
    (r) => {
      r.applicant.mailingZip = '19103';
      delete vehicle(r).commuteNyNj;
    },
    { 'applicant[vehicles][commuteNyNj]': ['is required'] },
  ],
  [
    'a primary driver who is not among the drivers',
    (r) => void (vehicle(r).primaryDriver = 2),
    { 'applicant[vehicles][primaryDriver]': ['does not have a valid value'] },
  ],
  ['a gender other than M or F', (r) => void (john(r).gender = 'X'), { 'applicant[drivers][gender]': ['does not have a valid value'] }],
  [
    'a marital status not in the list',
    (r) => void (john(r).marital = 'Engaged'),
    { 'applicant[drivers][marital]': ['does not have a valid value'] },
  ],
  [
    'an education not in the list',
    (r) => void (john(r).education = 'Trade School'),
    { 'applicant[drivers][education]': ['does not have a valid value'] },
  ],
  [
    'a birth date written YYYY-MM-DD',
    (r) => void (john(r).birthDate = '1975-05-01'),
    { 'applicant[drivers][birthDate]': ['must be a date in mm-dd-yyyy format'] },
  ],
  [
    'a birth date in the future',
    (r) => void (john(r).birthDate = toMdy(addDays(usToday(), 30))),
    { 'applicant[drivers][birthDate]': ['must be in the past'] },
  ],
  [
    'an employed driver without occupation',
    (r) => {
      delete janet(r).occupation;
      delete janet(r).occupationIndustry;
    },
    { 'applicant[drivers][occupationIndustry]': ['is required'], 'applicant[drivers][occupation]': ['is required'] },
  ],
  [
    'a full-time student without goodStudent',
    (r) => void delete john(r).goodStudent,
    { 'applicant[drivers][goodStudent]': ['is required'] },
  ],
  [
    'a homeowner without residence type',
    (r) => void delete john(r).residenceType,
    { 'applicant[drivers][residenceType]': ['is required'] },
  ],
  [
    'a residence type not in the list',
    (r) => void (john(r).residenceType = 'Apartment'),
    { 'applicant[drivers][residenceType]': ['does not have a valid value'] },
  ],
  [
    'a second driver without relationPrimary and addressPrimarySame',
    (r) => {
      delete janet(r).relationPrimary;
      delete janet(r).addressPrimarySame;
    },
    { 'applicant[drivers][relationPrimary]': ['is required'], 'applicant[drivers][addressPrimarySame]': ['is required'] },
  ],
  [
    'a relation not in the list',
    (r) => void (janet(r).relationPrimary = 'Sibling'),
    { 'applicant[drivers][relationPrimary]': ['does not have a valid value'] },
  ],
  ['a licence number without its state', (r) => void (john(r).dlNum = 'D1234567'), { 'applicant[drivers][dlState]': ['is required'] }],
  ['first licensed at 14', (r) => void (john(r).ageLicensed = 14), { 'applicant[drivers][ageLicensed]': ['does not have a valid value'] }],
  [
    'a licence status not in the list',
    (r) => void (john(r).licenseStatus = 'Revoked'),
    { 'applicant[drivers][licenseStatus]': ['does not have a valid value'] },
  ],
  ['no sr22 answer', (r) => void delete john(r).sr22, { 'applicant[drivers][sr22]': ['is required'] }],
  [
    'two primary applicants',
    (r) => void (janet(r).primaryApplicant = true),
    { 'applicant[drivers][primaryApplicant]': ['must be true for exactly one driver'] },
  ],
  [
    'a driver on a vehicle that is not listed',
    (r) => void (janet(r).vehicles = [0, 1]),
    { 'applicant[drivers][vehicles]': ['does not have a valid value'] },
  ],
  [
    'a primary vehicle that is not listed',
    (r) => void (janet(r).primaryVehicle = 3),
    { 'applicant[drivers][primaryVehicle]': ['does not have a valid value'] },
  ],
  [
    'an incident type not in the list',
    (r) => void (r.applicant.incidents[0]!.incidentType = 'Parking'),
    { 'applicant[incidents][incidentType]': ['does not have a valid value'] },
  ],
  [
    'an incident of a driver not listed',
    (r) => void (r.applicant.incidents[0]!.driverNum = 5),
    { 'applicant[incidents][driverNum]': ['does not have a valid value'] },
  ],
  [
    'an incident in the future',
    (r) => void (r.applicant.incidents[0]!.incidentDate = toMdy(addDays(usToday(), 3))),
    { 'applicant[incidents][incidentDate]': ['cannot be in the future'] },
  ],
  ['no prior policy', (r) => void delete (r.applicant as Loose).priorPolicy, { 'applicant[priorPolicy]': ['is required'] }],
  [
    'not currently insured without lapse duration',
    (r) => {
      r.applicant.priorPolicy.insuredDuration = 'Not Currently Insured';
      r.applicant.priorPolicy.insuredDurationDetail = 'Not Currently Insured';
    },
    { 'applicant[priorPolicy][lapseDuration]': ['is required'] },
  ],
  [
    'an insured duration not in the list',
    (r) => void (r.applicant.priorPolicy.insuredDuration = '7 years'),
    { 'applicant[priorPolicy][insuredDuration]': ['does not have a valid value'] },
  ],
  [
    'a prior carrier code not in the list',
    (r) => void (r.applicant.priorPolicy.priorCarrier = 'ACME'),
    { 'applicant[priorPolicy][priorCarrier]': ['does not have a valid value'] },
  ],
  ['no umpd', (r) => void delete (r.coverages.policy as Loose).umpd, { 'coverages[policy][umpd]': ['is required'] }],
  [
    'a limit in cents',
    (r) => void (r.coverages.policy.biPerson = 15000.5),
    { 'coverages[policy][biPerson]': ['does not have a valid value'] },
  ],
  [
    'per-accident below per-person',
    (r) => void (r.coverages.policy.biAccident = 10000),
    { 'coverages[policy][biAccident]': ['cannot be less than biPerson'] },
  ],
  [
    'vehicle coverages not matching the vehicles',
    (r) => void r.coverages.vehicles.push({ coll: 500, comp: 500 }),
    { 'coverages[vehicles]': ['must list the coverages of each vehicle'] },
  ],
  ['no collision deductible', (r) => void delete (r.coverages.vehicles[0] as Loose).coll, { 'coverages[vehicles][coll]': ['is required'] }],
];

/** Variants the documentation allows, each of which must be accepted. */
const ACCEPTED: Array<[string, Change]> = [
  ['a full 17-character VIN', (r) => void (vehicle(r).vin = '1FMDU63K13UA12345')],
  ['a Polk VIN pattern', (r) => void (vehicle(r).vin = 'YV1RH592*8*******')],
  ['a Pennsylvania address with commuteNyNj', (r) => void (r.applicant.mailingZip = '19103')],
  [
    'a pleasure vehicle without commute details',
    (r) => {
      vehicle(r).use = 'Pleasure';
      delete vehicle(r).commuteDistance;
      delete vehicle(r).commuteFrequency;
    },
  ],
  [
    'renters, who need no residence type',
    (r) => {
      for (const driver of r.applicant.drivers as Loose[]) {
        driver.homeowner = false;
        delete driver.residenceType;
      }
    },
  ],
  ['a licence number with its state', (r) => Object.assign(john(r), { dlNum: 'D1234567', dlState: 'CA' })],
  [
    'not currently insured, with a lapse',
    (r) => Object.assign(r.applicant.priorPolicy, { insuredDuration: 'Not Currently Insured', lapseDuration: 'Never Insured' }),
  ],
  ['no incidents at all', (r) => void delete (r.applicant as Loose).incidents],
  ['an effective date of tomorrow', (r) => void (r.applicant.effectiveDate = toMdy(addDays(usToday(), 1)))],
  ['state-specific optional coverages', (r) => Object.assign(r.coverages.policy, { pip: 2500, uimPerson: 15000, uimAccident: 30000 })],
];

describe('CoverHound quote request rules', () => {
  let sandbox: SandboxHarness;
  let token: string;
  beforeAll(async () => {
    sandbox = await startSandbox();
    token = await sandbox.token();
  });
  afterAll(() => sandbox?.close());

  const send = (body: unknown, raw?: string) =>
    sandbox.call('/api/auto/quotes', {
      method: 'POST',
      headers: { 'Access-Token': token, 'Content-Type': 'application/json' },
      ...(raw === undefined ? { json: body } : { body: raw }),
    });

  it.each(BROKEN)('refuses %s with 400 and the field in the errors object', async (_, change, errors) => {
    const request = { ...seedQuoteRequest(), usePolling: true };
    change(request);
    const res = await send(request);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ status: 400, message: expect.any(String), errors });
    const [field, [first]] = Object.entries(errors)[0] as [string, string[]];
    expect(res.body.message).toBe(`${field} ${first}`);
  });

  it.each(ACCEPTED)('accepts %s', async (_, change) => {
    const request = { ...seedQuoteRequest(), usePolling: true };
    change(request);
    const res = await send(request);
    expect(res.body).toEqual({ userId: 'john.walsh.id', transactionId: expect.any(String) });
    expect(res.status).toBe(201);
  });

  it('lists every problem at once, the first one in the message', async () => {
    const request: Loose = { ...seedQuoteRequest(), usePolling: true };
    request.applicant.mailingZip = '99501';
    request.applicant.drivers[0].gender = 'X';
    request.applicant.vehicles[0].ownership = 'Owned';
    const res = await send(request);
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.errors).sort()).toEqual(['applicant[drivers][gender]', 'applicant[vehicles][ownership]']);
    // Shape problems come first; the ZIP rule is checked once the shape is right.
    expect(res.body.message).toBe('applicant[vehicles][ownership] does not have a valid value');
  });

  it('answers a body that is not JSON with 400 and no errors object ("If JSON is well formed, the errors object…")', async () => {
    const res = await send(undefined, '{ "userId": "john.walsh.id", ');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ status: 400, message: expect.stringMatching(/not well-formed JSON/) });
  });
});
