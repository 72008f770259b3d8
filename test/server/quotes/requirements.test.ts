/**
 * What the vendors need of a shopper, over HTTP against the real app: GET
 * /v1/quote-requirements lists each enabled vendor's rules (CoverHound's
 * industry of an employed driver, AutoComplete's license number), a quote
 * request's 202 lists what its applicant lacks for each quoting vendor, and
 * GET /v1/lookups/places/{zip} answers the city and state the shopper need not type.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FieldNeed, isNeeded, QuoteRequirements } from '../../../contract/index.ts';
import { garciaHousehold } from '../../helpers/applicants.ts';
import { bearer, call, createSession } from '../../helpers/http.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';

const FAST = { SANDBOX_COVERHOUND_DELAY_SCALE: '0.1', COVERHOUND_POLL_INTERVAL_MS: '50' };

let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer({ env: FAST });
  token = (await createSession(server.url)).sessionToken;
});
afterAll(() => server?.close());

const quoteRequest = (body: unknown) => call(`${server.url}/v1/quote-requests`, { method: 'POST', headers: bearer(token), json: body });

describe('GET /v1/quote-requirements', () => {
  it('lists each quoting vendor, then each delivery target, with its conditional needs and closed lists', async () => {
    const res = await call(`${server.url}/v1/quote-requirements`, { headers: bearer(token) });
    expect(res.status).toBe(200);
    const requirements = QuoteRequirements.parse(res.body);
    expect(requirements.vendors.map((v) => [v.vendor, v.role])).toEqual([
      ['coverhound', 'quotes'],
      ['pace', 'quotes'],
      ['autocomplete', 'delivery'],
      ['agencyzoom', 'delivery'],
    ]);
    const coverHound = requirements.vendors[0]?.fields ?? [];
    const industry = coverHound.find((f) => f.path === 'drivers.*.occupationIndustry') as FieldNeed;
    expect(industry.when).toEqual([{ path: 'drivers.*.employment', in: ['employed'] }]);
    expect(industry.choices).toContain('Art/Design/Media');
    expect(requirements.vendors[2]?.fields.map((f) => f.path)).toContain('drivers.0.license.number');

    // The widget reads the rules per shopper: an employed driver is asked the industry, a retired one is not.
    const employed = { drivers: [{ employment: 'employed' }, { employment: 'retired' }] };
    expect(isNeeded(requirements, 'drivers.0.occupationIndustry', employed)).toBe(true);
    expect(isNeeded(requirements, 'drivers.1.occupationIndustry', employed)).toBe(false);
    expect(isNeeded(requirements, 'residence.type', { residence: { ownership: 'rent' } })).toBe(false);
    expect(isNeeded(requirements, 'residence.type', { residence: { ownership: 'own' } })).toBe(true);
  });

  it('needs the session token', async () => {
    expect((await call(`${server.url}/v1/quote-requirements`)).status).toBe(401);
  });

  it('names only the quoting vendors this server asks', async () => {
    const paceOnly = await startTestServer({ env: { COVERKIT_QUOTE_VENDORS: 'pace' } });
    try {
      const { sessionToken } = await createSession(paceOnly.url);
      const res = await call(`${paceOnly.url}/v1/quote-requirements`, { headers: bearer(sessionToken) });
      expect(res.body.vendors.map((v: { vendor: string }) => v.vendor)).toEqual(['pace', 'autocomplete', 'agencyzoom']);
      // PACE needs nothing the Applicant schema leaves optional: an employed driver without an industry is no one's concern.
      expect(isNeeded(res.body, 'drivers.0.occupationIndustry', { drivers: [{ employment: 'employed' }] })).toBe(false);
    } finally {
      await paceOnly.close();
    }
  });
});

describe('the 202 of POST /v1/quote-requests', () => {
  it('lists nothing missing when every vendor has what it needs', async () => {
    const res = await quoteRequest(garciaHousehold());
    expect(res.status).toBe(202);
    expect(res.body.missing).toEqual([]);
  });

  it('lists, per vendor, the paths an applicant lacks: an employed driver’s industry and occupation, how long insured', async () => {
    const body = garciaHousehold();
    const { occupationIndustry: _i, occupation: _o, ...maria } = body.drivers[0]!;
    const { priorInsurance: _p, ...rest } = { ...body, drivers: [maria, body.drivers[1]!] };
    const res = await quoteRequest(rest);
    expect(res.status).toBe(202);
    expect(res.body.missing).toEqual([
      {
        vendor: 'coverhound',
        fields: [
          { path: 'drivers.0.occupationIndustry', reason: 'CoverHound needs the industry an employed driver works in' },
          { path: 'drivers.0.occupation', reason: 'CoverHound needs the occupation of an employed driver' },
          { path: 'priorInsurance.monthsInsured', reason: 'CoverHound needs how long the applicant has been continuously insured' },
        ],
      },
    ]);
  });

  it('asks when a shopper not insured now was last insured, and lists what only the mapping knows (a driver’s main vehicle)', async () => {
    const body = garciaHousehold();
    // Two vehicles, both Maria's: Luis drives neither most, and CoverHound needs his main vehicle.
    const vehicles = body.vehicles.map((v) => ({ ...v, primaryDriver: 0 }));
    const res = await quoteRequest({ ...body, vehicles, priorInsurance: { monthsInsured: 0 } });
    expect(res.status).toBe(202);
    expect(res.body.missing).toEqual([
      {
        vendor: 'coverhound',
        fields: [
          {
            path: 'priorInsurance.expirationDate',
            reason: 'CoverHound needs when an applicant who is not insured now was last insured',
          },
          { path: 'drivers.1.primaryVehicle', reason: expect.stringContaining("CoverHound needs each driver's main vehicle") },
        ],
      },
    ]);
  });
});

describe('GET /v1/lookups/places/{postalCode}', () => {
  it('answers the city and state of a ZIP code (and of a ZIP+4)', async () => {
    const res = await call(`${server.url}/v1/lookups/places/78751`, { headers: bearer(token) });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ postalCode: '78751', city: 'Austin', state: 'TX' });
    const plus4 = await call(`${server.url}/v1/lookups/places/94111-1100`, { headers: bearer(token) });
    expect(plus4.body).toEqual({ postalCode: '94111', city: 'San Francisco', state: 'CA' });
  });

  it('answers 404 for a ZIP code in no US state, 400 naming the field for one of the wrong shape, 401 without a token', async () => {
    // 00601 is Adjuntas, Puerto Rico: not a state the applicant's address takes.
    expect((await call(`${server.url}/v1/lookups/places/00601`, { headers: bearer(token) })).status).toBe(404);
    expect((await call(`${server.url}/v1/lookups/places/99999`, { headers: bearer(token) })).status).toBe(404);
    const bad = await call(`${server.url}/v1/lookups/places/7875`, { headers: bearer(token) });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.postalCode).toBeDefined();
    expect((await call(`${server.url}/v1/lookups/places/78751`)).status).toBe(401);
  });
});
