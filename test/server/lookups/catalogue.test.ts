/** The widget's vehicle pick-lists, VIN decode and coverage options, through HTTP against the PACE sandbox. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../../contract/vin.ts';
import { bearer, call, createSession } from '../../helpers/http.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';

let server: TestServer;
let token: string;

beforeAll(async () => {
  server = await startTestServer();
  token = (await createSession(server.url)).sessionToken;
});
afterAll(() => server?.close());

const get = (path: string, sessionToken = token) => call(`${server.url}${path}`, { headers: bearer(sessionToken) });

describe('vehicle pick-lists', () => {
  it('walks TX 2019 Toyota → RAV4 → body styles → VIN patterns', async () => {
    const years = await get('/v1/lookups/vehicles/years?state=TX');
    expect(years.status).toBe(200);
    expect(years.body.items).toEqual(expect.arrayContaining([2015, 2019, 2024]));
    expect(years.body.items.every((y: unknown) => typeof y === 'number')).toBe(true);

    const makes = await get('/v1/lookups/vehicles/makes?state=TX&year=2019');
    expect(makes.status).toBe(200);
    expect(makes.body.items).toEqual(expect.arrayContaining(['Toyota', 'Honda', 'Ford']));

    const models = await get('/v1/lookups/vehicles/models?state=TX&year=2019&make=Toyota');
    expect(models.status).toBe(200);
    expect(models.body.items).toEqual(expect.arrayContaining(['RAV4', 'Corolla', 'Highlander']));

    const bodies = await get('/v1/lookups/vehicles/bodystyles?state=TX&year=2019&make=Toyota&model=RAV4');
    expect(bodies.status).toBe(200);
    expect(bodies.body).toEqual({ items: ['4-cylinder | 2WD', '4-cylinder | AWD'] });

    const vins = await get(
      `/v1/lookups/vehicles/vins?state=TX&year=2019&make=Toyota&model=RAV4&bodyStyle=${encodeURIComponent('4-cylinder | AWD')}`,
    );
    expect(vins.status).toBe(200);
    // 2019's model-year code is K; `&` stands where the check digit goes.
    expect(vins.body).toEqual({ items: ['2T3P1RFV&K', '2T3RWRFV&K', 'JTMRWRFV&K'] });
  });

  it('answers an empty list for a make the catalogue does not have', async () => {
    const res = await get('/v1/lookups/vehicles/models?state=TX&year=2019&make=Trabant');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [] });
  });

  it('names each missing or invalid query parameter', async () => {
    const missing = await get('/v1/lookups/vehicles/makes');
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('validation_failed');
    expect(Object.keys(missing.body.error.fields).sort()).toEqual(['state', 'year']);

    const invalid = await get('/v1/lookups/vehicles/models?state=Texas&year=19x&make=');
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.fields.state).toEqual(['State must be a two-letter US state code like TX']);
    expect(invalid.body.error.fields.year).toEqual(['Year must be a year like 2019']);
    expect(invalid.body.error.fields.make).toEqual(['Make is required']);

    const noBodyStyle = await get('/v1/lookups/vehicles/vins?state=TX&year=2019&make=Toyota&model=RAV4');
    expect(noBodyStyle.status).toBe(400);
    expect(Object.keys(noBodyStyle.body.error.fields)).toEqual(['bodyStyle']);
  });

  it('refuses a state the insurer does not write, on the state field, before asking it', async () => {
    const res = await get('/v1/lookups/vehicles/years?state=NY');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.fields.state[0]).toMatch(/^Lookups are not available in NY; they are in AZ, CA, .*TX/);
  });
});

describe('VIN decode', () => {
  it('decodes the seed VIN to a 2019 Toyota RAV4', async () => {
    const res = await get('/v1/lookups/vin/2T3RWRFV3KW021971?state=TX');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ vin: '2T3RWRFV3KW021971', year: 2019, make: 'Toyota', model: 'RAV4', bodyStyle: '4-cylinder | AWD' });
  });

  it('takes a lower-case VIN and answers it in capitals', async () => {
    const res = await get('/v1/lookups/vin/2t3rwrfv3kw021971?state=TX');
    expect(res.status).toBe(200);
    expect(res.body.vin).toBe('2T3RWRFV3KW021971');
  });

  it('still decodes a VIN with a wrong check digit, with a warning', async () => {
    const res = await get('/v1/lookups/vin/2T3RWRFV4KW021971?state=TX');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ year: 2019, make: 'Toyota', model: 'RAV4' });
    expect(res.body.warning).toMatch(/check digit/);
  });

  it('says in plain words when the insurer will not write the vehicle', async () => {
    // A 2019 Mustang GT: high-performance cars are outside the sandbox program's appetite.
    const vin = withCheckDigit('1FA6P8CF0K5100001');
    const res = await get(`/v1/lookups/vin/${vin}?state=TX`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ vin, year: 2019, make: 'Ford', model: 'Mustang' });
    expect(res.body.unacceptable).toEqual(expect.any(String));
    expect(res.body.warning).toBeUndefined();
  });

  it('answers 400 on fields.vin for a malformed VIN', async () => {
    for (const vin of ['2T3RWRFV3KW02197', '2T3RWRFV3KW021971X', '2T3RWRFVOKW021971']) {
      const res = await get(`/v1/lookups/vin/${vin}?state=TX`);
      expect(res.status, vin).toBe(400);
      expect(res.body.error.fields.vin, vin).toEqual(['VIN must be 17 letters and digits (no I, O or Q)']);
    }
  });

  it('needs the state', async () => {
    const res = await get('/v1/lookups/vin/2T3RWRFV3KW021971');
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toEqual(['state']);
  });

  it('answers 404 for VINs the insurer does not know', async () => {
    // A real 2003 Accord outside the catalogue ("no symbols"), a Cybertruck ("no symbol factors"), an unknown manufacturer ("unable to decode").
    for (const vin of ['1HGCM82633A004352', withCheckDigit('7G2CEHED0RA000001'), withCheckDigit('ZZZZZZZZ0KW000001')]) {
      const res = await get(`/v1/lookups/vin/${vin}?state=TX`);
      expect(res.status, vin).toBe(404);
      expect(res.body.error).toEqual({ code: 'not_found', message: expect.stringContaining(`No vehicle is known for VIN ${vin}`) });
    }
  });
});

describe('coverage options', () => {
  it('lists the coverages of a state with amounts in cents', async () => {
    const res = await get('/v1/lookups/coverages?state=TX&effectiveDate=2026-12-01');
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('TX');
    expect(res.body.effectiveDate).toBe('2026-12-01');
    const bi = res.body.coverages.find((g: { code: string }) => g.code === 'BI');
    expect(bi).toMatchObject({ type: 'bodily_injury' });
    // Texas's minimum is 30/60.
    expect(bi.options[0]).toMatchObject({ perPersonCents: 3_000_000, perAccidentCents: 6_000_000 });
    const types = res.body.coverages.map((g: { type: string }) => g.type);
    expect(types).toEqual(expect.arrayContaining(['property_damage', 'comprehensive', 'collision']));
  });

  it('answers for today without a date, and follows the rate cycle of the date given', async () => {
    const today = await get('/v1/lookups/coverages?state=CA');
    expect(today.status).toBe(200);
    expect(today.body.effectiveDate).toBeUndefined();
    const before = await get('/v1/lookups/coverages?state=CA&effectiveDate=2022-02-01');
    const after = await get('/v1/lookups/coverages?state=CA&effectiveDate=2025-02-01');
    const minimum = (res: typeof before) => res.body.coverages.find((g: { code: string }) => g.code === 'BI').options[0].perPersonCents;
    expect(minimum(before)).toBe(1_500_000);
    expect(minimum(after)).toBe(3_000_000);
  });

  it('answers 400 on effectiveDate for a date before any rate cycle, and on a malformed date', async () => {
    const early = await get('/v1/lookups/coverages?state=TX&effectiveDate=2010-01-01');
    expect(early.status).toBe(400);
    expect(early.body.error.fields.effectiveDate[0]).toMatch(/No coverage options in TX for 2010-01-01/);
    const malformed = await get('/v1/lookups/coverages?state=TX&effectiveDate=2026-02-30');
    expect(malformed.status).toBe(400);
    expect(Object.keys(malformed.body.error.fields)).toEqual(['effectiveDate']);
  });
});

describe('who may look up', () => {
  it('needs a session token', async () => {
    for (const path of [
      '/v1/lookups/vehicles/years?state=TX',
      '/v1/lookups/vin/2T3RWRFV3KW021971?state=TX',
      '/v1/lookups/coverages?state=TX',
    ]) {
      const res = await call(`${server.url}${path}`);
      expect(res.status, path).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    }
    const forged = await get('/v1/lookups/vehicles/years?state=TX', 'not-a-token');
    expect(forged.status).toBe(401);
  });

  it('needs a session that includes the quote journey', async () => {
    const { sessionToken } = await createSession(server.url, { products: ['lookup'] });
    const res = await get('/v1/lookups/vehicles/years?state=TX', sessionToken);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/quote journey/);
  });
});

describe('API reference', () => {
  it('documents every lookup under Lookups, with the session token, its query schema and its failures', async () => {
    const { body } = await call(`${server.url}/openapi.json`);
    const operations = {
      '/v1/lookups/vehicles/years': 'get',
      '/v1/lookups/vehicles/makes': 'get',
      '/v1/lookups/vehicles/models': 'get',
      '/v1/lookups/vehicles/bodystyles': 'get',
      '/v1/lookups/vehicles/vins': 'get',
      '/v1/lookups/vin/{vin}': 'get',
      '/v1/lookups/coverages': 'get',
      '/v1/policy-lookups': 'post',
    } as const;
    for (const [path, method] of Object.entries(operations)) {
      const op = body.paths[path]?.[method];
      expect(op, path).toBeTruthy();
      expect(op.tags, path).toEqual(['Lookups']);
      expect(op.security, path).toEqual([{ sessionToken: [path === '/v1/policy-lookups' ? 'lookup' : 'quote'] }]);
      expect(Object.keys(op.responses), path).toEqual(expect.arrayContaining(['200', '400', '401', '403', '502', '504']));
    }
    const vins = body.paths['/v1/lookups/vehicles/vins'].get.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`);
    expect(vins).toEqual(['query:state', 'query:year', 'query:make', 'query:model', 'query:bodyStyle']);
    const decode = body.paths['/v1/lookups/vin/{vin}'].get;
    expect(decode.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual(['path:vin', 'query:state']);
    expect(Object.keys(decode.responses)).toContain('404');
    const policyLookup = body.paths['/v1/policy-lookups'].post;
    expect(policyLookup.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/PolicyLookupRequest' });
    expect(Object.keys(body.components.schemas.PolicyLookupRequest.properties)).toEqual(['policyNumber', 'email', 'dateOfBirth']);
    expect(Object.keys(policyLookup.responses)).toEqual(expect.arrayContaining(['404', '429']));
    expect(body.paths['/v1/lookups/vehicles/years'].get.description).toMatch(/400 with `error.fields.state`/);
  });
});
