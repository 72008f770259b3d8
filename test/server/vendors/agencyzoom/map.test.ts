/** Canonical → AgencyZoom: what the mapper produces from a realistic applicant and quote. */
import { describe, expect, it } from 'vitest';
import type { Quote, QuoteRequestBody } from '../../../../contract/index.ts';
import { dollars } from '../../../../server/vendors/agencyzoom/lead-notes.ts';
import {
  toAgencyZoomDate,
  toAgencyZoomLead,
  toAgencyZoomLeadQuote,
  toAgencyZoomPhone,
  toAgencyZoomPremium,
} from '../../../../server/vendors/agencyzoom/map.ts';
import { LeadCreateRequest, LeadQuoteCreateRequest } from '../../../../server/vendors/agencyzoom/schemas.ts';
import { UnmappableError } from '../../../../server/vendors/shared/errors.ts';
import { applicant, PRIOR_EXPIRATION, quote } from './fixtures.ts';
import * as seed from './seed-examples.ts';

const refs = { pipelineId: 1, stageId: 11, leadSourceId: 101, assignTo: 201 };

/** Every key we send is one the seed's example sends, with the same JSON type. */
function expectDocumentedKeys(sent: object, example: Record<string, unknown>) {
  for (const [key, value] of Object.entries(sent)) {
    if (value === undefined) continue;
    expect(Object.keys(example), key).toContain(key);
    expect(typeof value, key).toBe(typeof example[key]);
  }
}

describe('toAgencyZoomLead', () => {
  const lead = toAgencyZoomLead(applicant, refs);

  it('maps the applicant to the personal lead fields', () => {
    const { notes, ...fields } = lead;
    expect(JSON.parse(JSON.stringify(fields))).toEqual({
      firstname: 'Maria',
      middlename: 'Elena',
      lastname: 'Lopez',
      email: 'maria.lopez@example.com',
      phone: '(512) 555-0142',
      streetAddress: '4201 Speedway',
      streetAddressLine2: 'Apt 12',
      city: 'Austin',
      state: 'TX',
      zip: '78751',
      country: 'US',
      birthday: '03/09/1988',
      xDate: PRIOR_EXPIRATION,
      pipelineId: 1,
      stageId: 11,
      leadSourceId: 101,
      assignTo: 201,
    });
    expect(typeof notes).toBe('string');
  });

  it("sends only documented fields, spelled and typed as the seed's example, and passes the sandbox's schema", () => {
    expectDocumentedKeys(lead, seed.leadCreateRequest);
    expect(LeadCreateRequest.safeParse(lead).success).toBe(true);
    // No marital status: AgencyZoom's integer codes are undocumented, so none is guessed.
    expect(lead).not.toHaveProperty('maritalStatus');
  });

  it('writes what the lead fields cannot hold into the notes, in plain words', () => {
    const notes = lead.notes!;
    expect(notes).toContain(`Auto insurance request from Coverkit, effective ${applicant.effectiveDate}.`);
    expect(notes).toContain('Driver 1: Maria Elena Lopez, applicant, born 1988-03-09, female, married');
    expect(notes).toContain('Driver 2: Daniel Lopez, spouse, born 1986-11-30');
    expect(notes).toContain(
      'Vehicle 1: 2019 Toyota RAV4 XLE, VIN 2T3RWRFV3KW021971, financed (lienholder Toyota Financial Services), commute use, 11 mi one way, 5 days a week, 12,000 mi a year, driven mostly by Maria Elena Lopez.',
    );
    expect(notes).toContain('Incident: accident on 2023-06-14 (Daniel Lopez): Rear-ended at a stop light, not at fault.');
    expect(notes).toContain(`Prior insurance: Geico, 36 months, expires ${PRIOR_EXPIRATION}, bodily injury $50,000/$100,000.`);
    expect(notes).toContain('bodily injury $100,000/$300,000; property damage $100,000; medical payments $5,000');
    expect(notes).toContain('vehicle 2 comprehensive declined, collision declined');
    expect(notes).toContain('Text messages: the shopper agreed to receive them.');
    expect(notes).not.toMatch(/undefined|null|NaN/);
  });

  it('leaves out what the shopper did not give, instead of filling it in', () => {
    const minimal: QuoteRequestBody = {
      ...applicant,
      contact: { email: 'ann@example.com', phone: '+447700900123' },
      address: { line1: '1 Main St', city: 'Austin', state: 'TX', postalCode: '78701' },
      drivers: [{ ...applicant.drivers[0]!, middleName: undefined }],
      vehicles: [applicant.vehicles[1]!],
      incidents: undefined,
      priorInsurance: undefined,
      coverage: { ...applicant.coverage, vehicles: [applicant.coverage.vehicles[1]!] },
    };
    const mapped = JSON.parse(
      JSON.stringify(toAgencyZoomLead({ ...minimal, vehicles: [{ ...minimal.vehicles[0]!, primaryDriver: 0 }] }, refs)),
    );
    expect(mapped).not.toHaveProperty('xDate');
    expect(mapped).not.toHaveProperty('middlename');
    expect(mapped).not.toHaveProperty('streetAddressLine2');
    // Not a North American number: kept in E.164 rather than reformatted by guess.
    expect(mapped.phone).toBe('+447700900123');
    expect(mapped.notes).not.toContain('Prior insurance');
    expect(mapped.notes).not.toContain('Text messages');
  });

  it('needs the applicant (the first driver)', () => {
    const error = (() => {
      try {
        toAgencyZoomLead({ ...applicant, drivers: [] }, refs);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UnmappableError);
    expect(error).toMatchObject({ vendor: 'AgencyZoom', field: 'drivers' });
  });
});

describe('toAgencyZoomLeadQuote', () => {
  it('sends the carrier and personal auto by standard code and the term premium in whole dollars', () => {
    const mapped = toAgencyZoomLeadQuote(quote);
    expect(mapped).toEqual({ standardCarrierCode: 'PROGR', standardProductLineCode: 'AUTOP', items: 1, premium: 1076 });
    expectDocumentedKeys(mapped, seed.leadQuoteCreateRequest);
    expect(LeadQuoteCreateRequest.safeParse(mapped).success).toBe(true);
    expect(toAgencyZoomLeadQuote(quote, { items: 2 }).items).toBe(2);
  });

  it.each([
    [107_649, 1076],
    [107_650, 1077],
    [30_000, 300],
    [0, 0],
    [49, 0],
    [50, 1],
  ])('%i cents is %i dollars', (cents, premium) => {
    expect(toAgencyZoomPremium(cents)).toBe(premium);
  });

  it.each([
    [
      { status: 'declined', message: 'Progressive does not wish to quote this risk type', payPlans: undefined },
      'status',
      'AgencyZoom records priced quotes only; the Progressive quote is declined: Progressive does not wish to quote this risk type',
    ],
    [{ status: 'pending', payPlans: undefined }, 'status', 'AgencyZoom records priced quotes only; the Progressive quote is pending'],
    [{ status: 'complete', payPlans: [] }, 'payPlans', 'AgencyZoom needs a premium and the Progressive quote has no pay plan'],
  ] as const)('a quote it cannot price is unmappable (%o)', (change, field, reason) => {
    const unpriced = { ...quote, ...change } as Quote;
    expect(() => toAgencyZoomLeadQuote(unpriced)).toThrow(new UnmappableError('AgencyZoom', field, reason));
    try {
      toAgencyZoomLeadQuote(unpriced);
    } catch (error) {
      expect(error).toMatchObject({ field, reason });
    }
  });
});

describe('spellings', () => {
  it('dates, phones and dollars', () => {
    expect(toAgencyZoomDate('1925-01-31')).toBe('01/31/1925');
    expect(toAgencyZoomPhone('+15551230000')).toBe('(555) 123-0000');
    expect(toAgencyZoomPhone('+4915112345678')).toBe('+4915112345678');
    expect(dollars(2_500_000)).toBe('$25,000');
    expect(dollars(51_234)).toBe('$512.34');
  });
});
