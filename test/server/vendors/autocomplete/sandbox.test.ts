/**
 * The sandbox against the seed, through real HTTP: the seed's examples are
 * accepted and answered as documented, each documented rule refuses with the
 * documented `{ status_code, message }` body, auth and the one-request-per-second
 * limit behave as documented, and the fault knobs answer in the vendor's voice.
 */
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AutoCompleteClient } from '../../../../server/vendors/autocomplete/client.ts';
import { autoCompleteConfigFromEnv } from '../../../../server/vendors/autocomplete/config.ts';
import { createAutoCompleteSandbox, DEFAULT_FLOW_BASE_URL } from '../../../../server/vendors/autocomplete/sandbox/index.ts';
import { PersonRecord, PersonSubmission } from '../../../../server/vendors/autocomplete/schemas.ts';
import { FaultKnobs } from '../../../../server/vendors/shared/faults.ts';
import { call } from '../../../helpers/http.ts';
import { basic, manualClock, SANDBOX_AUTH, type Sandbox, startSandbox } from './harness.ts';
import { fullSubmission, minimumSubmission, sampleError } from './seed-examples.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The submission with one field replaced (undefined removes it). */
function withField(body: Record<string, unknown>, field: string, value: unknown) {
  const copy: Record<string, unknown> = structuredClone(body);
  if (value === undefined) delete copy[field];
  else copy[field] = value;
  return copy;
}

describe('AutoComplete sandbox: POST /people', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());

  it("accepts the seed's sample submission and answers the person with its id and flow", async () => {
    const res = await sandbox.post(fullSubmission);
    expect(res.status).toBe(200);
    expect(PersonRecord.safeParse(res.body).success).toBe(true);
    expect(res.body.id).toMatch(UUID);
    expect(res.body.flow.flow_identifier).toMatch(/^[A-Za-z]{6}$/);
    expect(res.body.flow.flow_url).toBe(`${DEFAULT_FLOW_BASE_URL}/${res.body.flow.flow_identifier}`);
    expect(res.body).toMatchObject({
      first_name: 'Jon',
      middle_name: 'Aegon',
      last_name: 'Snow',
      date_of_birth: '1986-12-26',
      phone_numbers: fullSubmission.phone_numbers,
      emails: fullSubmission.emails,
      drivers_license: fullSubmission.drivers_license,
      policies: fullSubmission.policies,
      related_people: fullSubmission.related_people,
    });
  });

  it('answers vehicles in their read-back form: new vehicles and trade-ins in one list, submit-only fields gone', async () => {
    const res = await sandbox.post(fullSubmission);
    expect(res.body.vehicles).toEqual([fullSubmission.new_vehicles[0], { ...fullSubmission.trade_ins[0], ownership_type: 'trade_in' }]);
    expect(res.body).not.toHaveProperty('new_vehicles');
    expect(res.body).not.toHaveProperty('trade_ins');
    expect(res.body).not.toHaveProperty('source');
    expect(res.body.addresses).toEqual(fullSubmission.addresses);
  });

  it("accepts the seed's minimum example, drivers_license as a list", async () => {
    const res = await sandbox.post(minimumSubmission);
    expect(res.status).toBe(200);
    expect(res.body.drivers_license).toEqual([{ number: 'D1234567', state: 'CA' }]);
    expect(res.body.flow.flow_url).toMatch(/^https:\/\//);
  });

  it('accepts drivers_license as one object too (the seed shows both)', async () => {
    const res = await sandbox.post(withField(minimumSubmission, 'drivers_license', { number: 'D1234567', state: 'CA' }));
    expect(res.status).toBe(200);
    expect(res.body.drivers_license).toEqual({ number: 'D1234567', state: 'CA' });
  });

  it('takes enum values in any case with spaces and underscores interchangeable, and answers the documented spelling', async () => {
    for (const spelling of ['american_family', 'american family', 'AMERICAN FAMILY', 'American_Family']) {
      const res = await sandbox.post({
        ...minimumSubmission,
        gender: 'Non Binary',
        education: 'NO HIGH SCHOOL DIPLOMA',
        phone_numbers: [{ number: '+15551230000', type: 'MOBILE', sms_consent: true }],
        new_vehicles: [{ vin: 'SALWR2RV0JA123456', make: 'land_rover', primary_use: 'Agricultural', ownership_type: 'financed' }],
        policies: [{ type: 'Commercial Auto', carrier: spelling }],
      });
      expect(res.status, spelling).toBe(200);
      expect(res.body.gender).toBe('non_binary');
      expect(res.body.education).toBe('no_high_school_diploma');
      expect(res.body.phone_numbers[0].type).toBe('mobile');
      expect(res.body.policies[0]).toEqual({ type: 'commercial_auto', carrier: 'American Family' });
      expect(res.body.vehicles[0]).toMatchObject({ make: 'Land Rover', primary_use: 'agricultural' });
    }
  });

  it("reproduces the seed's sample error exactly", async () => {
    const res = await sandbox.post({ ...minimumSubmission, new_vehicles: [] });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(sampleError);
  });

  it.each([
    ['first_name', "Field 'first_name' cannot be empty."],
    ['last_name', "Field 'last_name' cannot be empty."],
    ['date_of_birth', "Field 'date_of_birth' cannot be empty."],
    ['phone_numbers', "Field 'phone_numbers' cannot be empty."],
    ['addresses', "Field 'addresses' cannot be empty."],
    ['drivers_license', "Field 'drivers_license' cannot be empty."],
    ['new_vehicles', "Field 'new_vehicles' cannot be empty."],
    ['source', "Field 'source' cannot be empty."],
  ])('refuses a submission without the required %s', async (field, message) => {
    const res = await sandbox.post(withField(minimumSubmission, field, undefined));
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ status_code: 400, message });
  });

  it.each([
    ['a blank first name', 'first_name', '  ', "Field 'first_name' cannot be empty."],
    ['an empty phone list', 'phone_numbers', [], "Field 'phone_numbers' cannot be empty."],
    ['a license without a number', 'drivers_license', { state: 'CA' }, "Field 'drivers_license.number' cannot be empty."],
    ['a listed license without a state', 'drivers_license', [{ number: 'D1234567' }], "Field 'drivers_license[0].state' cannot be empty."],
    ['an empty license list', 'drivers_license', [], "Field 'drivers_license' cannot be empty."],
    ['a vehicle without a VIN', 'new_vehicles', [{ year: 2022 }], "Field 'new_vehicles[0].vin' cannot be empty."],
    ['a source without a dealer', 'source', { type: 'cdk' }, "Field 'source.dealer_id' cannot be empty."],
    [
      'no usable address',
      'addresses',
      [{ type: 'mailing', city: 'San Francisco' }],
      "Field 'addresses' must contain at least one valid address: full_address, or address_1, city, state and postal_code.",
    ],
    [
      'a malformed phone number',
      'phone_numbers',
      [{ number: '555-123-0000' }],
      `Field 'phone_numbers[0].number' must be formatted as "+[Country Code][Number]", e.g. "+15551230000".`,
    ],
    ['a date in another format', 'date_of_birth', '12/26/1986', `Field 'date_of_birth' must be a date in "YYYY-MM-DD" format.`],
    ['an impossible date', 'date_of_birth', '1986-02-30', `Field 'date_of_birth' must be a date in "YYYY-MM-DD" format.`],
    ['a gender off the list', 'gender', 'robot', "Field 'gender' must be one of: male, female, non_binary."],
    [
      'a VIN of the wrong length',
      'new_vehicles',
      [{ vin: 'WAULH54B0YN02824' }],
      "Field 'new_vehicles[0].vin' must be 17 alphanumeric characters.",
    ],
    [
      'a related person without a relationship',
      'related_people',
      [{ first_name: 'Ygritte' }],
      "Field 'related_people[0].relationship' cannot be empty.",
    ],
    [
      'a carrier off the list',
      'policies',
      [{ type: 'auto', carrier: 'Root' }],
      expect.stringMatching(/^Field 'policies\[0\]\.carrier' must be one of: AAA, Allstate, /),
    ],
  ])('refuses %s with the documented error body', async (_case, field, value, message) => {
    const res = await sandbox.post(withField(minimumSubmission, field, value));
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ status_code: 400, message });
  });

  it('refuses a body that is not JSON, or not a JSON object, in the same error shape', async () => {
    const malformed = await call(`${sandbox.url}/people`, {
      method: 'POST',
      headers: { ...SANDBOX_AUTH, 'Content-Type': 'application/json' },
      body: '{ "first_name": "Jon", }',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toEqual({ status_code: 400, message: 'Request body must be valid JSON.' });
    const list = await sandbox.post([minimumSubmission]);
    expect(list.body).toEqual({ status_code: 400, message: 'Request body must be a JSON object.' });
  });

  it('answers an unknown path with a 404 in the same error shape', async () => {
    const res = await sandbox.get('/persons');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ status_code: 404, message: 'No such endpoint: GET /persons.' });
  });
});

describe('AutoComplete sandbox: determinism and read-back', () => {
  const sandboxes: Sandbox[] = [];
  afterEach(async () => {
    await Promise.all(sandboxes.splice(0).map((sandbox) => sandbox.close()));
  });
  const start = async (...args: Parameters<typeof startSandbox>) => {
    const sandbox = await startSandbox(...args);
    sandboxes.push(sandbox);
    return sandbox;
  };

  it('answers the same requests in the same order with the same ids and links', async () => {
    const [first, second] = [await start(), await start()];
    const a = [await first.post(fullSubmission), await first.post(minimumSubmission)];
    const b = [await second.post(fullSubmission), await second.post(minimumSubmission)];
    expect(b.map((res) => res.body)).toEqual(a.map((res) => res.body));
    expect(a[0]!.body.flow.flow_url).not.toBe(a[1]!.body.flow.flow_url);
  });

  it('lists what it received with GET /people, so a duplicate submission is visible', async () => {
    const sandbox = await start();
    expect((await sandbox.get()).body).toEqual([]);
    const first = await sandbox.post(minimumSubmission);
    const duplicate = await sandbox.post(minimumSubmission);
    expect(duplicate.body.id).not.toBe(first.body.id);
    const listed = await sandbox.get();
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([first.body, duplicate.body]);
  });

  it('keeps the most recent people only, up to its cap, still numbering them in sequence', async () => {
    const capped = await start({ maxPeople: 2 });
    const uncapped = await start();
    const bodies = [];
    for (const first_name of ['Arya', 'Bran', 'Sansa']) {
      const body = { ...minimumSubmission, first_name };
      bodies.push((await capped.post(body)).body);
      await uncapped.post(body);
    }
    expect((await capped.get()).body).toEqual(bodies.slice(1));
    expect((await uncapped.get()).body.slice(1)).toEqual(bodies.slice(1));
  });

  it('refuses an oversized body with 413 in the error shape', async () => {
    const sandbox = await start();
    const res = await sandbox.post({ ...minimumSubmission, notes: 'x'.repeat(300 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ status_code: 413, message: 'Request body is too large.' });
  });

  it("keeps each partner's people to itself", async () => {
    const other = { apiKey: 'other-key', apiSecret: 'other-secret' };
    const sandbox = await start({
      credentials: [{ apiKey: 'sandbox-api-key', apiSecret: 'sandbox-api-secret' }, other],
    });
    await sandbox.post(minimumSubmission);
    expect((await sandbox.get('/people', basic(other.apiKey, other.apiSecret))).body).toEqual([]);
    expect((await sandbox.get()).body).toHaveLength(1);
  });

  it('requires a phone with sms_consent: true when configured for AutoComplete-Initiated Messaging', async () => {
    const sandbox = await start({ messaging: 'autocomplete' });
    const refused = await sandbox.post({ ...minimumSubmission, phone_numbers: [{ number: '+15551230000', type: 'mobile' }] });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      status_code: 400,
      message: "Field 'phone_numbers' must contain at least one valid phone number with sms_consent: true.",
    });
    expect((await sandbox.post(minimumSubmission)).status).toBe(200);
  });

  it('serves a stand-in page at the flow link, with the submitted name escaped', async () => {
    const sandbox = await start({ flowBaseUrl: 'http://placeholder/_flows' });
    const created = await sandbox.post({ ...minimumSubmission, first_name: '<script>alert(1)</script>' });
    const path = new URL(created.body.flow.flow_url).pathname;
    const page = await fetch(`${sandbox.url}${path}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Snow');
    expect(html).not.toContain('<script>');
    expect((await fetch(`${sandbox.url}/_flows/zzzzzz`)).status).toBe(404);
  });
});

describe('AutoComplete sandbox: Basic authentication', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());

  it.each([
    ['no credentials', {}],
    ['a wrong secret', basic('sandbox-api-key', 'not-the-secret')],
    ['a wrong key', basic('someone-else', 'sandbox-api-secret')],
    ['a bearer token', { Authorization: 'Bearer sandbox-api-key' }],
  ])('refuses %s with 401 in the error shape, on both endpoints', async (_case, headers) => {
    for (const res of [await sandbox.post(minimumSubmission, headers), await sandbox.get('/people', headers)]) {
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ status_code: 401, message: expect.any(String) });
      expect(res.headers.get('WWW-Authenticate')).toMatch(/^Basic /);
      expect(res.body.message).not.toContain('not-the-secret');
    }
    expect((await sandbox.get()).body).toEqual([]);
  });
});

describe('AutoComplete sandbox: one request per second', () => {
  it('allows one request per second per partner by default and answers 429 with Retry-After beyond', async () => {
    const clock = manualClock();
    const other = { apiKey: 'other-key', apiSecret: 'other-secret' };
    const sandbox = await startSandbox(
      { now: clock.now, credentials: [{ apiKey: 'sandbox-api-key', apiSecret: 'sandbox-api-secret' }, other] },
      { documentedRateLimit: true },
    );
    try {
      expect((await sandbox.post(minimumSubmission)).status).toBe(200);
      const limited = await sandbox.get();
      expect(limited.status).toBe(429);
      expect(limited.body).toEqual({ status_code: 429, message: 'Rate limit exceeded: one request per second.' });
      expect(limited.headers.get('Retry-After')).toBe('1');
      // Another partner has its own second.
      expect((await sandbox.get('/people', basic(other.apiKey, other.apiSecret))).status).toBe(200);
      clock.advance(999);
      expect((await sandbox.get()).status).toBe(429);
      clock.advance(1);
      const later = await sandbox.get();
      expect(later.status).toBe(200);
      // The refused requests did nothing: one person, stored once.
      expect(later.body).toHaveLength(1);
    } finally {
      await sandbox.close();
    }
  });
});

describe('AutoComplete sandbox: fault knobs', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterEach(() => sandbox.faults.set({ latencyMs: 0, errorRate: 0, outage: false, rateLimitPerMinute: 0 }));
  afterAll(() => sandbox.close());

  const putFaults = (patch: Record<string, unknown>) => call(`${sandbox.url}/_faults`, { method: 'PUT', json: patch });

  it('shows and changes the knobs at /_faults without vendor credentials', async () => {
    const changed = await putFaults({ outage: true });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ latencyMs: 0, latencyRate: 1, errorRate: 0, outage: true, rateLimitPerMinute: 0 });
    expect((await call(`${sandbox.url}/_faults`)).body.outage).toBe(true);
    expect((await putFaults({ outage: 'yes' })).status).toBe(400);
  });

  it("answers an outage with AutoComplete's server error body until it ends", async () => {
    await putFaults({ outage: true });
    const down = await sandbox.post(minimumSubmission);
    expect(down.status).toBe(500);
    expect(down.body).toEqual({ status_code: 500, message: 'Internal server error. Please try again later.' });
    await putFaults({ outage: false });
    expect((await sandbox.post(minimumSubmission)).status).toBe(200);
  });

  it('fails exactly the share of requests the error rate asks for', async () => {
    await putFaults({ errorRate: 0.5 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await sandbox.get()).status);
    expect(statuses).toEqual([200, 500, 200, 500]);
  });

  it('answers beyond the rate-limit knob with 429, Retry-After and the vendor body', async () => {
    await putFaults({ rateLimitPerMinute: 2 });
    expect((await sandbox.get()).status).toBe(200);
    expect((await sandbox.get()).status).toBe(200);
    const limited = await sandbox.get();
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ status_code: 429, message: 'Rate limit exceeded. Please slow down.' });
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1);
  });

  it('adds the latency the knob asks for', async () => {
    await putFaults({ latencyMs: 150 });
    const started = performance.now();
    expect((await sandbox.get()).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('takes its knobs at start-up', async () => {
    const down = await startSandbox({ faults: new FaultKnobs({ outage: true }) });
    try {
      expect((await down.post(minimumSubmission)).status).toBe(500);
    } finally {
      await down.close();
    }
  });
});

describe('AutoComplete sandbox mounted under /sandbox/autocomplete, as the server mounts it', () => {
  let server: ServerType;
  let base: string;
  beforeAll(async () => {
    const app = new Hono();
    app.route('/sandbox/autocomplete', createAutoCompleteSandbox({ rateLimitPerSecond: false }));
    app.notFound((c) => c.json({ error: { code: 'not_found', message: 'Coverkit' } }, 404));
    server = await new Promise<ServerType>((resolve) => {
      const started: ServerType = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sandbox/autocomplete`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('serves the documented paths, the knobs and its own 404 under the prefix', async () => {
    const client = new AutoCompleteClient(autoCompleteConfigFromEnv({}, { sandboxBaseUrl: base }), { minIntervalMs: 0 });
    const created = await client.createPerson(PersonSubmission.parse(minimumSubmission));
    expect((await client.listPeople()).map((person) => person.id)).toEqual([created.id]);
    expect((await call(`${base}/_faults`)).body).toMatchObject({ outage: false });
    const missing = await call(`${base}/persons`, { headers: SANDBOX_AUTH });
    expect(missing.body).toEqual({ status_code: 404, message: 'No such endpoint: GET /sandbox/autocomplete/persons.' });
  });
});
