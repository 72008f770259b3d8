/**
 * A dealer's DMS export in the AutoComplete Person shape → our Prefill: what
 * has a canonical home is mapped, what comes out always passes the contract's
 * strict Prefill schema, and every Person field left out is listed by path.
 */
import { describe, expect, it } from 'vitest';
import { Prefill } from '../../../../contract/applicant.ts';
import { parseFullAddress } from '../../../../server/vendors/autocomplete/map/full-address.ts';
import { personToPrefill, toAutoCompletePerson } from '../../../../server/vendors/autocomplete/map.ts';
import { Person } from '../../../../server/vendors/autocomplete/schemas.ts';
import { jonSnowApplicant } from './applicant.ts';
import { startSandbox } from './harness.ts';
import { fullSubmission, minimumSubmission } from './seed-examples.ts';

/** Parses `input` as a dealer's Person (as POST /v1/sessions will) and maps it; the Prefill must be valid. */
function prefillFrom(input: unknown) {
  const result = personToPrefill(Person.parse(input));
  expect(Prefill.safeParse(result.prefill).success).toBe(true);
  return result;
}

describe('personToPrefill', () => {
  it("maps the seed's sample submission to this Prefill and lists what it left out", () => {
    const { prefill, unmapped } = prefillFrom(fullSubmission);
    expect(prefill).toEqual({
      contact: { email: 'jon.snow@nightswatch.com', phone: '+15551230000', smsConsent: true },
      // The physical address, read from its full_address; the PO box mailing address is listed as unmapped.
      address: { line1: '555 Main St.', city: 'Pleasantville', state: 'CA', postalCode: '94105' },
      residence: { ownership: 'own' },
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
          license: { number: 'D1234567', state: 'CA', status: 'valid', ageFirstLicensed: 16 },
        },
        { firstName: 'Ygritte', lastName: 'Wildling', dateOfBirth: '1987-02-09', maritalStatus: 'married', relationship: 'spouse' },
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
          lienholder: 'Toyota Financial Services',
        },
      ],
      priorInsurance: { carrier: 'Geico', expirationDate: '2022-05-20' },
    });
    expect(unmapped).toEqual([
      'phone_numbers.0.type',
      'phone_numbers.1',
      'addresses.1',
      'drivers_license.issued_date',
      'drivers_license.expiration_date',
      'policies.0.policy_number',
      'policies.0.effective_date',
      'new_vehicles.0.ownership_start',
      'new_vehicles.0.lease_duration',
      'new_vehicles.0.odometer',
      'new_vehicles.0.cost_new',
      'new_vehicles.0.rideshare',
      'new_vehicles.0.addresses',
      'trade_ins',
      'source',
    ]);
  });

  it("maps the seed's minimum example, its license's number and state too (a partial license pre-fills)", () => {
    const { prefill, unmapped } = prefillFrom(minimumSubmission);
    expect(prefill).toEqual({
      contact: { phone: '+15551230000', smsConsent: true },
      address: { line1: '555 Main St.', city: 'Pleasantville', state: 'CA', postalCode: '94105' },
      drivers: [
        {
          firstName: 'Jon',
          lastName: 'Snow',
          dateOfBirth: '1986-12-26',
          relationship: 'self',
          license: { number: 'D1234567', state: 'CA' },
        },
      ],
      vehicles: [{ vin: 'WAULH54B0YN028245' }],
    });
    expect(unmapped).toEqual(['phone_numbers.0.type', 'source']);
  });

  it.each([
    ['a number alone', { drivers_license: { number: 'D1234567' } }, { number: 'D1234567' }, []],
    ['a state alone', { drivers_license: { state: 'nv' } }, { state: 'NV' }, []],
    ['a status alone', { drivers_license: { status: 'suspended' } }, { status: 'suspended' }, []],
    ['the age first licensed alone', { age_first_licensed: 17 }, { ageFirstLicensed: 17 }, []],
    [
      'a state our schema refuses, beside a number it takes',
      { drivers_license: { number: 'D1234567', state: 'PR' } },
      { number: 'D1234567' },
      ['drivers_license.state'],
    ],
    [
      'an age first licensed under 14, beside a status',
      { age_first_licensed: 12, drivers_license: { status: 'active' } },
      { status: 'valid' },
      ['age_first_licensed'],
    ],
  ] as const)('pre-fills the parts of a license it is given: %s', (_, person, license, unused) => {
    const { prefill, unmapped } = prefillFrom({ first_name: 'Jon', ...person });
    expect(prefill.drivers).toEqual([{ firstName: 'Jon', relationship: 'self', license }]);
    expect(unmapped).toEqual(unused);
  });

  it('leaves the license out when no part of it is usable, and reports it', () => {
    const { prefill, unmapped } = prefillFrom({ first_name: 'Jon', drivers_license: { state: 'PR', issued_date: '2010-01-01' } });
    expect(prefill.drivers).toEqual([{ firstName: 'Jon', relationship: 'self' }]);
    expect(unmapped).toEqual(['drivers_license']);
  });

  it("pre-fills a related person's partial license on that driver", () => {
    const { prefill, unmapped } = prefillFrom({
      first_name: 'Jon',
      related_people: [{ first_name: 'Ygritte', relationship: 'spouse', drivers_license: { number: 'W7654321', state: 'WA' } }],
    });
    expect(prefill.drivers?.[1]).toEqual({ firstName: 'Ygritte', relationship: 'spouse', license: { number: 'W7654321', state: 'WA' } });
    expect(unmapped).toEqual([]);
  });

  it('reads the list form of drivers_license from its first entry and reports the others', () => {
    const { prefill, unmapped } = prefillFrom({
      first_name: 'Jon',
      age_first_licensed: 16,
      drivers_license: [
        { number: 'D1234567', state: 'ca', status: 'ACTIVE' },
        { number: 'N7654321', state: 'NV' },
      ],
    });
    expect(prefill.drivers?.[0]?.license).toEqual({ number: 'D1234567', state: 'CA', status: 'valid', ageFirstLicensed: 16 });
    expect(unmapped).toEqual(['drivers_license.1']);
  });

  it('reads enum values spelled any way the vendor accepts', () => {
    const { prefill, unmapped } = prefillFrom({
      gender: 'FEMALE',
      marital_status: 'Single',
      education: 'no high school diploma',
      employment_status: 'RETIRED',
      residence_ownership_type: 'Rent',
      new_vehicles: [
        { make: 'land_rover', ownership_type: 'Financed', primary_use: 'WORK' },
        { make: 'GMC', primary_use: 'Agricultural' },
      ],
      related_people: [
        { first_name: 'Ann', relationship: 'Parent In Law' },
        { first_name: 'Bo', relationship: 'HOUSEMATE' },
        { first_name: 'Cy', relationship: 'child' },
      ],
    });
    expect(prefill.drivers).toEqual([
      { gender: 'female', maritalStatus: 'single', education: 'some_high_school', employment: 'retired', relationship: 'self' },
      { firstName: 'Ann', relationship: 'other' },
      { firstName: 'Bo', relationship: 'other' },
      { firstName: 'Cy', relationship: 'child' },
    ]);
    expect(prefill.residence).toEqual({ ownership: 'rent' });
    expect(prefill.vehicles).toEqual([
      { make: 'Land Rover', ownership: 'financed', use: 'commute' },
      { make: 'GMC', use: 'farm' },
    ]);
    expect(unmapped).toEqual([]);
  });

  it('leaves out and reports values with no canonical spelling', () => {
    const { prefill, unmapped } = prefillFrom({
      first_name: 'Jon',
      marital_status: 'other',
      vehicles: [
        { vin: 'WAULH54B0YN028245', ownership_type: 'other' },
        { vin: '5TD2A23C645204309', ownership_type: 'trade_in' },
      ],
      policies: [{ type: 'homeowners', carrier: 'Geico' }],
    });
    expect(prefill).toEqual({ drivers: [{ firstName: 'Jon', relationship: 'self' }], vehicles: [{ vin: 'WAULH54B0YN028245' }] });
    expect(unmapped).toEqual(['marital_status', 'policies', 'vehicles.0.ownership_type', 'vehicles.1']);
  });

  it('leaves out and reports values AutoComplete accepts but our stricter schema does not', () => {
    const { prefill, unmapped } = prefillFrom({
      first_name: 'J'.repeat(51),
      last_name: 'Snow',
      date_of_birth: '2999-01-01',
      addresses: [{ type: 'physical', address_1: '1 Calle Sol', city: 'San Juan', state: 'PR', postal_code: '00901' }],
      new_vehicles: [{ vin: 'WAULH54B0YN02824O', year: 1975, make: 'Ford' }],
    });
    expect(prefill).toEqual({
      address: { line1: '1 Calle Sol', city: 'San Juan', postalCode: '00901' },
      drivers: [{ lastName: 'Snow', relationship: 'self' }],
      vehicles: [{ make: 'Ford' }],
    });
    expect(unmapped).toEqual(['first_name', 'date_of_birth', 'addresses.0.state', 'new_vehicles.0.vin', 'new_vehicles.0.year']);
  });

  it('reports fields the reference does not know, at any depth', () => {
    const { unmapped } = prefillFrom({
      first_name: 'Jon',
      dms_notes: 'prefers texts',
      new_vehicles: [{ vin: 'WAULH54B0YN028245', color: 'red' }],
      related_people: [{ first_name: 'Ygritte', relationship: 'spouse', related_people: [{ first_name: 'Tormund' }] }],
    });
    expect(unmapped).toEqual(['new_vehicles.0.color', 'related_people.0.related_people', 'dms_notes']);
  });

  it('chooses the mobile number and the preferred email, and reports the others', () => {
    const { prefill, unmapped } = prefillFrom({
      phone_numbers: [
        { number: '+15551231111', type: 'home' },
        { number: '+15551230000', type: 'mobile', sms_consent: false },
      ],
      emails: [{ email: 'old@example.com' }, { email: 'jon@example.com', preferred: true }],
    });
    expect(prefill.contact).toEqual({ phone: '+15551230000', smsConsent: false, email: 'jon@example.com' });
    expect(unmapped).toEqual(['phone_numbers.0', 'phone_numbers.1.type', 'emails.0']);
  });

  it('prefers parsed address parts over full_address, as the reference says, and reports the unused text', () => {
    const { prefill, unmapped } = prefillFrom({
      addresses: [
        { type: 'garaging', full_address: '1 Garage Rd, Reno, NV 89501' },
        {
          type: 'mailing',
          address_1: '530 Howard St',
          address_2: 'Unit 470',
          city: 'San Francisco',
          state: 'ca',
          postal_code: '94105-0907',
          country: 'united states',
          full_address: '530 Howard St, Unit 470, San Francisco, CA 94105-0907',
        },
      ],
    });
    expect(prefill.address).toEqual({
      line1: '530 Howard St',
      line2: 'Unit 470',
      city: 'San Francisco',
      state: 'CA',
      postalCode: '94105-0907',
    });
    expect(unmapped).toEqual(['addresses.0', 'addresses.1.full_address']);
  });

  it('reports an address it cannot read rather than splitting it by guesswork', () => {
    const { prefill, unmapped } = prefillFrom({ addresses: [{ full_address: 'The Wall, Castle Black' }], first_name: 'Jon' });
    expect(prefill).toEqual({ drivers: [{ firstName: 'Jon', relationship: 'self' }] });
    expect(unmapped).toEqual(['addresses']);
  });

  it('takes at most six vehicles and six drivers, reporting the rest', () => {
    const vehicle = { vin: 'WAULH54B0YN028245' };
    const { prefill, unmapped } = prefillFrom({
      first_name: 'Jon',
      new_vehicles: Array.from({ length: 7 }, () => vehicle),
      related_people: Array.from({ length: 6 }, (_, i) => ({ first_name: `Kin${i}`, relationship: 'sibling' })),
    });
    expect(prefill.vehicles).toHaveLength(6);
    expect(prefill.drivers).toHaveLength(6);
    expect(unmapped).toEqual(['new_vehicles.6', 'related_people.5']);
  });

  it('maps an empty Person to an empty Prefill', () => {
    expect(prefillFrom({})).toEqual({ prefill: {}, unmapped: [] });
  });

  it('gives back what toAutoCompletePerson sent, for every value both models hold', () => {
    const applicant = jonSnowApplicant();
    const { person } = toAutoCompletePerson(applicant, { source: { dealer_id: '4119799d-215f-4f49-b38a-0b94c2448399' } });
    const { prefill, unmapped } = prefillFrom(JSON.parse(JSON.stringify(person)));
    const { occupation: _occupation, ...primary } = applicant.drivers[0]!;
    const { primaryDriver: _primaryDriver, ...vehicle } = applicant.vehicles[0]!;
    expect(prefill).toEqual({
      contact: applicant.contact,
      address: applicant.address,
      residence: { ownership: applicant.residence.ownership },
      drivers: [primary, applicant.drivers[1]],
      vehicles: [vehicle],
      priorInsurance: { carrier: 'Geico', expirationDate: applicant.priorInsurance!.expirationDate },
    });
    expect(unmapped).toEqual(['addresses.1', 'source']);
  });

  it("maps the partial license of a person read back from GET /people (the seed's minimum submission)", async () => {
    const sandbox = await startSandbox();
    try {
      expect((await sandbox.post(minimumSubmission)).status).toBeLessThan(300);
      const [record] = (await sandbox.get()).body;
      const { prefill, unmapped } = prefillFrom(record);
      expect(prefill.drivers?.[0]?.license).toEqual({ number: 'D1234567', state: 'CA' });
      expect(unmapped.filter((path) => path.startsWith('drivers_license'))).toEqual([]);
    } finally {
      await sandbox.close();
    }
  });

  it('maps a person read back from GET /people, vehicles and all', async () => {
    const sandbox = await startSandbox();
    try {
      await sandbox.post(fullSubmission);
      const [record] = (await sandbox.get()).body;
      const { prefill, unmapped } = prefillFrom(record);
      expect(prefill.vehicles).toEqual([expect.objectContaining({ vin: 'WAULH54B0YN028245', make: 'Audi' })]);
      expect(prefill.drivers?.[0]?.license).toEqual({ number: 'D1234567', state: 'CA', status: 'valid', ageFirstLicensed: 16 });
      expect(unmapped).toEqual(expect.arrayContaining(['id', 'flow', 'vehicles.1']));
      expect(unmapped).not.toContain('source');
    } finally {
      await sandbox.close();
    }
  });
});

describe('the incoming Person schema', () => {
  it('refuses a value off a documented list, naming the field', () => {
    const parsed = Person.safeParse({ gender: 'robot', new_vehicles: [{ primary_use: 'racing' }] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['gender', 'new_vehicles.0.primary_use']);
  });

  it('reads null and blank values as not given', () => {
    expect(Person.parse({ middle_name: '', gender: null, new_vehicles: [{ finance_duration: null }] })).toEqual({ new_vehicles: [{}] });
  });
});

describe('parseFullAddress', () => {
  it.each([
    ['555 Main St., Pleasantville, CA 94105', { line1: '555 Main St.', city: 'Pleasantville', state: 'CA', postalCode: '94105' }],
    [
      '530 Howard St, Unit 470, San Francisco, CA 94105-0907',
      { line1: '530 Howard St', line2: 'Unit 470', city: 'San Francisco', state: 'CA', postalCode: '94105-0907' },
    ],
    [
      '931 Thomas Jefferson Parkway, Charlottesville, va, 22902, USA',
      { line1: '931 Thomas Jefferson Parkway', city: 'Charlottesville', state: 'VA', postalCode: '22902' },
    ],
  ])('reads %s', (text, parts) => {
    expect(parseFullAddress(text)).toEqual(parts);
  });

  it.each(['Pleasantville, CA 94105', '1 A St, B, C, Town, CA 94105', '555 Main St, Pleasantville 94105', ''])(
    'leaves %j alone',
    (text) => {
      expect(parseFullAddress(text)).toBeUndefined();
    },
  );
});
