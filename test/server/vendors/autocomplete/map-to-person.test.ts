/**
 * Canonical applicant → AutoComplete Person: what the mapper produces for the
 * seed's Jon Snow is the seed's own example wherever our model holds the same
 * facts, the sandbox accepts it, nothing is invented, and every value
 * AutoComplete cannot express is refused with its canonical path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuoteRequestBody } from '../../../../contract/applicant.ts';
import type { Quote } from '../../../../contract/quote.ts';
import { SANDBOX_DEALER_ID } from '../../../../server/vendors/autocomplete/config.ts';
import { type ToPersonOptions, toAutoCompletePerson } from '../../../../server/vendors/autocomplete/map.ts';
import { PersonSubmission } from '../../../../server/vendors/autocomplete/schemas.ts';
import { UnmappableError } from '../../../../server/vendors/shared/errors.ts';
import { jonSnowApplicant } from './applicant.ts';
import { type Sandbox, startSandbox } from './harness.ts';
import { fullSubmission } from './seed-examples.ts';

const source: ToPersonOptions['source'] = { ...fullSubmission.source, type: 'cdk' };

/** The applicant after `change` edits a copy of it. */
function applicantWith(change: (applicant: QuoteRequestBody) => void): QuoteRequestBody {
  const applicant = jonSnowApplicant();
  change(applicant);
  return applicant;
}

function unmappable(applicant: QuoteRequestBody): UnmappableError {
  try {
    toAutoCompletePerson(applicant, { source });
  } catch (error) {
    expect(error).toBeInstanceOf(UnmappableError);
    return error as UnmappableError;
  }
  throw new Error('expected an UnmappableError');
}

describe('toAutoCompletePerson', () => {
  it('maps the canonical Jon Snow to exactly this Person, inventing nothing', () => {
    const { person } = toAutoCompletePerson(jonSnowApplicant(), { source });
    const address = { address_1: '555 Main St.', city: 'Pleasantville', state: 'CA', postal_code: '94105' };
    expect(person).toEqual({
      first_name: 'Jon',
      middle_name: 'Aegon',
      last_name: 'Snow',
      date_of_birth: '1986-12-26',
      gender: 'male',
      marital_status: 'married',
      education: 'bachelors',
      employment_status: 'employed',
      age_first_licensed: 16,
      drivers_license: { number: 'D1234567', state: 'CA', status: 'active' },
      residence_ownership_type: 'own',
      // No phone type: our model does not know whether the number is a mobile.
      phone_numbers: [{ number: '+15551230000', sms_consent: true }],
      emails: [{ email: 'jon.snow@nightswatch.com' }],
      addresses: [
        { type: 'physical', ...address },
        { type: 'mailing', ...address },
      ],
      new_vehicles: [
        {
          vin: 'WAULH54B0YN028245',
          year: 2022,
          make: 'Audi',
          model: 'A4',
          trim: '45 TFSI',
          ownership_type: 'leased',
          annual_mileage: 12000,
          primary_use: 'pleasure',
          lienholder: 'Toyota Financial Services',
        },
      ],
      policies: [{ type: 'auto', carrier: 'Geico', expiration_date: '2022-05-20' }],
      related_people: [
        {
          first_name: 'Ygritte',
          last_name: 'Wildling',
          date_of_birth: '1987-02-09',
          gender: 'female',
          marital_status: 'married',
          education: 'high_school',
          employment_status: 'employed',
          age_first_licensed: 17,
          drivers_license: { state: 'CA', status: 'active' },
          relationship: 'spouse',
        },
      ],
      source,
    });
  });

  it("agrees with the seed's sample submission wherever our model holds the same facts", () => {
    const { person } = toAutoCompletePerson(jonSnowApplicant(), { source });
    const seed = fullSubmission;
    const same = [
      'first_name',
      'middle_name',
      'last_name',
      'date_of_birth',
      'gender',
      'marital_status',
      'education',
      'employment_status',
      'residence_ownership_type',
      'age_first_licensed',
      'source',
    ] as const;
    for (const field of same) expect(person[field], field).toEqual(seed[field]);
    expect(person.phone_numbers[0]).toMatchObject({ number: seed.phone_numbers[0]!.number, sms_consent: true });
    expect(person.emails?.[0]?.email).toBe(seed.emails[0]!.email);
    expect(person.drivers_license).toMatchObject({ number: seed.drivers_license.number, state: 'CA', status: 'active' });
    const { vin, year, make, model, trim, ownership_type, annual_mileage, lienholder, primary_use } = seed.new_vehicles[0]!;
    expect(person.new_vehicles[0]).toEqual({ vin, year, make, model, trim, ownership_type, annual_mileage, lienholder, primary_use });
    const { type, carrier, expiration_date } = seed.policies[0]!;
    expect(person.policies).toEqual([{ type, carrier, expiration_date }]);
    expect(person.related_people?.[0]).toMatchObject(seed.related_people[0]!);
  });

  it('lists each applicant value AutoComplete has no field for', () => {
    const selectedQuote: Quote = { id: 'q1', vendor: 'pace', carrierCode: 'PACE', carrierName: 'Pace Mutual', status: 'complete' };
    const { unmapped } = toAutoCompletePerson(jonSnowApplicant(), { source, selectedQuote });
    expect(unmapped).toEqual([
      'effectiveDate',
      'residence.type',
      'drivers.0.occupation',
      'vehicles.0.primaryDriver',
      'incidents',
      'priorInsurance.monthsInsured',
      'coverage',
      'selectedQuote',
    ]);
  });

  it.each([
    ['divorced', 'other'],
    ['widowed', 'other'],
    ['domestic_partner', 'other'],
    ['single', 'single'],
  ] as const)('spells marital status %s as %s (AutoComplete lists single, married, other)', (ours, theirs) => {
    const { person } = toAutoCompletePerson(
      applicantWith((a) => void (a.drivers[0]!.maritalStatus = ours)),
      { source },
    );
    expect(person.marital_status).toBe(theirs);
  });

  it('spells the values AutoComplete words differently', () => {
    const applicant = applicantWith((a) => {
      a.drivers[0]!.education = 'some_high_school';
      a.drivers[1]!.relationship = 'domestic_partner';
      a.vehicles[0]!.use = 'commute';
      a.vehicles[0]!.commuteMilesOneWay = 12;
      a.vehicles[0]!.make = 'MERCEDES-BENZ';
      a.vehicles.push({ ...a.vehicles[0]!, vin: '2T3RWRFV3KW021971', make: 'toyota', use: 'farm', ownership: 'owned' });
      a.coverage.vehicles.push({ comprehensiveDeductibleCents: null, collisionDeductibleCents: null });
      a.priorInsurance!.carrier = 'State Farm Insurance';
    });
    const { person, unmapped } = toAutoCompletePerson(applicant, { source });
    expect(person.education).toBe('no_high_school_diploma');
    expect(person.related_people?.[0]?.relationship).toBe('other');
    expect(person.new_vehicles.map((v) => [v.make, v.primary_use, v.ownership_type])).toEqual([
      ['Mercedes', 'work', 'leased'],
      ['Toyota', 'agricultural', 'owned'],
    ]);
    expect(person.policies?.[0]?.carrier).toBe('State Farm');
    expect(unmapped).toContain('vehicles.0.commuteMilesOneWay');
    expect(PersonSubmission.safeParse(person).success).toBe(true);
  });

  it.each([
    ['STATEFARM', 'State Farm'],
    ['Auto-Owners Insurance', 'Auto Owners'],
    ['usaa', 'USAA'],
    ['Amica', 'Amica Mutual'],
    ['Liberty Mutual Insurance Company', 'Liberty Mutual'],
  ])('finds the carrier %s as %s', (ours, theirs) => {
    const { person } = toAutoCompletePerson(
      applicantWith((a) => void (a.priorInsurance!.carrier = ours)),
      { source },
    );
    expect(person.policies?.[0]?.carrier).toBe(theirs);
  });

  it.each([
    [
      'some college (not on its ladder)',
      (a: QuoteRequestBody) => void (a.drivers[0]!.education = 'some_college'),
      'drivers.0.education',
      'AutoComplete has no education level for some college',
    ],
    [
      "a household member's some college",
      (a: QuoteRequestBody) => void (a.drivers[1]!.education = 'some_college'),
      'drivers.1.education',
      'AutoComplete has no education level for some college',
    ],
    [
      'a disabled employment status',
      (a: QuoteRequestBody) => void (a.drivers[0]!.employment = 'disabled'),
      'drivers.0.employment',
      'AutoComplete has no employment status disabled',
    ],
    [
      'a homemaker',
      (a: QuoteRequestBody) => void (a.drivers[1]!.employment = 'homemaker'),
      'drivers.1.employment',
      'AutoComplete has no employment status homemaker',
    ],
    [
      'a learner permit',
      (a: QuoteRequestBody) => void (a.drivers[0]!.license.status = 'permit'),
      'drivers.0.license.status',
      "AutoComplete has no driver's license status permit",
    ],
    [
      'an unlicensed household member',
      (a: QuoteRequestBody) => void (a.drivers[1]!.license.status = 'not_licensed'),
      'drivers.1.license.status',
      "AutoComplete has no driver's license status not licensed",
    ],
    [
      "an applicant's license without its number",
      (a: QuoteRequestBody) => void delete a.drivers[0]!.license.number,
      'drivers.0.license.number',
      "AutoComplete needs the applicant's driver's license number",
    ],
    [
      'a vehicle without its VIN',
      (a: QuoteRequestBody) => void delete a.vehicles[0]!.vin,
      'vehicles.0.vin',
      'AutoComplete needs the VIN of every vehicle',
    ],
    [
      'a make off its list',
      (a: QuoteRequestBody) => void (a.vehicles[0]!.make = 'Harley-Davidson'),
      'vehicles.0.make',
      'AutoComplete has no vehicle make named Harley-Davidson',
    ],
    [
      'a carrier off its list',
      (a: QuoteRequestBody) => void (a.priorInsurance!.carrier = 'Root Insurance'),
      'priorInsurance.carrier',
      'AutoComplete has no insurance carrier named Root Insurance',
    ],
  ])('refuses %s with UnmappableError naming the canonical field', (_case, change, field, reason) => {
    const error = unmappable(applicantWith(change));
    expect(error.vendor).toBe('AutoComplete');
    expect(error.field).toBe(field);
    expect(error.reason).toBe(reason);
  });

  it('sends no policy when there is no prior insurance, and no related people for a lone driver', () => {
    const { person } = toAutoCompletePerson(
      applicantWith((a) => {
        delete a.priorInsurance;
        a.drivers.splice(1);
      }),
      { source: { dealer_id: SANDBOX_DEALER_ID } },
    );
    expect(person).not.toHaveProperty('policies');
    expect(person).not.toHaveProperty('related_people');
    expect(person.source).toEqual({ dealer_id: SANDBOX_DEALER_ID });
  });
});

describe('toAutoCompletePerson against the sandbox', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());

  it('produces a submission the sandbox accepts, answered with a flow link', async () => {
    const { person } = toAutoCompletePerson(jonSnowApplicant(), { source });
    const created = await sandbox.client().createPerson(person);
    expect(created.flow.flow_url).toMatch(/^https:\/\//);
    const [stored] = await sandbox.client().listPeople();
    expect(stored).toMatchObject({ first_name: 'Jon', related_people: person.related_people, policies: person.policies });
  });
});
