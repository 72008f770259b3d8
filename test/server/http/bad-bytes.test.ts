/**
 * Bad bytes are bad input. A NUL (U+0000) and a lone surrogate ("Ma\ud800ria",
 * which JSON.parse makes of a "\ud800" escape) are sent to every operation the
 * served /openapi.json lists: in each path parameter, each query value and
 * each string of a valid JSON body, one at a time. Each answers 400 naming the
 * field, never a 500 and never a success, on PGlite and on PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, usToday } from '../../../contract/index.ts';
import { garciaHousehold } from '../../helpers/applicants.ts';
import { dropTestSchemas, testDatabases } from '../../helpers/databases.ts';
import { bearer, call, createSession, secretKeyHeaders } from '../../helpers/http.ts';
import { startTestServer, TEST_DEALERS, TEST_ORIGIN, type TestServer } from '../../helpers/server.ts';

/** How each bad string is written in a URL: percent-encoded UTF-8 (a lone surrogate as its WTF-8 bytes). */
const BAD_IN_URL = { nul: '%00', 'lone surrogate': '%ED%A0%80' } as const;
/** How each spoils a string of a JSON body. */
const spoil = {
  nul: (s: string) => `${s.slice(0, 1)}\u0000${s.slice(1)}`,
  'lone surrogate': (s: string) => `${s.slice(0, 1)}\ud800${s.slice(1)}`,
};

/** A valid value for every query and path parameter the API has (a new one fails the test until it is added here). */
const VALID_PARAMS: Record<string, string> = {
  state: 'TX',
  year: '2019',
  make: 'Toyota',
  model: 'RAV4',
  bodyStyle: '4-cylinder | AWD',
  effectiveDate: addDays(usToday(), 7),
  since: '2026-05-01T00:00:00Z',
  limit: '10',
  reference: '7KQ2-M9XD',
  vin: '2T3RWRFV3KW021971',
  id: 'qr_4cW2m0E8Yw9cQ7b3n5q1sA',
  connectionId: 'con_3Ue2B0rQk7Yd9ZsVq1xLhA',
  sessionId: 'ses_3Ue2B0rQk7Yd9ZsVq1xLhA',
  locale: 'es',
  postalCode: '78751',
};

/** Valid bodies for every operation that takes one, each with the strings a shopper or dealer may send. */
function validBodies(): Record<string, unknown[]> {
  const applicant = garciaHousehold();
  return {
    'POST /v1/sessions': [
      { prefill: applicant, origin: TEST_ORIGIN, externalRef: 'deal-42' },
      {
        prefillPerson: {
          first_name: 'Jon',
          middle_name: 'Aegon',
          last_name: 'Snow',
          date_of_birth: '1986-12-26',
          gender: 'Male',
          marital_status: 'married',
          phone_numbers: [{ number: '+15551230000', type: 'mobile' }],
          emails: [{ email: 'jon.snow@nightswatch.com' }],
          addresses: [{ address_1: '1 Castle Black', city: 'Austin', state: 'TX', postal_code: '78751' }],
          drivers_license: { number: 'S1234567', state: 'TX' },
          new_vehicles: [{ vin: '2T3RWRFV3KW021971', make: 'Toyota', model: 'RAV4', trim: 'XLE' }],
        },
      },
    ],
    'POST /v1/sessions/public': [{ clientId: TEST_DEALERS.acme.clientId }],
    'POST /v1/quote-requests': [applicant],
    'POST /v1/connections': [
      { issuerId: 'geico', username: 'user_good', password: 'pass_good' },
      { trellisConnectionId: 'trellis-con-1', trellisTemporaryAccessKey: 'tak_0123456789abcdef' },
    ],
    'POST /v1/policy-lookups': [
      { policyNumber: 'QPSSGA00001', dateOfBirth: '1996-03-05' },
      { email: 'sam.rivera@example.com', dateOfBirth: '1988-04-12' },
    ],
    'POST /v1/submissions': [
      {
        applicant,
        quoteRequestId: 'qr_4cW2m0E8Yw9cQ7b3n5q1sA',
        selectedQuoteId: 'qr_4cW2m0E8Yw9cQ7b3n5q1sA:pace:PACE',
        connectionId: 'con_3Ue2B0rQk7Yd9ZsVq1xLhA',
        contactConsent: true,
        consent: { disclosureVersion: 'contact-2026-12', locale: 'en', checked: true, pageUrl: `${TEST_ORIGIN}/cars/rav4` },
      },
    ],
    'PUT /v1/session/draft': [
      { revision: 0, step: 'review', answers: applicant, insuredNow: true, connectionId: 'con_3Ue2B0rQk7Yd9ZsVq1xLhA' },
    ],
    'POST /v1/webhook-endpoints': [{ url: 'http://localhost:9/hooks/coverkit', events: ['submission.delivered', 'ping'] }],
    'POST /v1/session/resume-link': [{ pageUrl: `${TEST_ORIGIN}/cars/rav4` }],
    'POST /v1/sessions/resume': [{ clientId: TEST_DEALERS.acme.clientId, code: 'rsm_3Ue2B0rQk7Yd9ZsVq1xLhA' }],
    'POST /v1/sessions/refresh': [{ refreshKey: 'rfk_3Ue2B0rQk7Yd9ZsVq1xLhA' }],
  };
}

/** Every string in `value`, by its path. */
function stringLeaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [path];
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...path, Array.isArray(value) ? Number(k) : k]));
  return [];
}

function withLeaf(body: unknown, path: (string | number)[], change: (s: string) => string): unknown {
  const copy: any = structuredClone(body);
  let target = copy;
  for (const key of path.slice(0, -1)) target = target[key];
  target[path.at(-1)!] = change(target[path.at(-1)!]);
  return copy;
}

type Operation = {
  method: string;
  path: string;
  parameters: { in: string; name: string }[];
  body: boolean;
  security?: Record<string, string[]>[];
};

for (const database of testDatabases()) {
  describe(`bad bytes are refused as bad input (${database.name})`, () => {
    let server: TestServer;
    let token: string;
    let operations: Operation[];

    beforeAll(async () => {
      server = await startTestServer({
        database: database.options(),
        env: {
          COVERKIT_WIDGET_RATE_PER_IP: '1000000',
          COVERKIT_QUOTE_RATE_PER_SESSION: '1000000',
          COVERKIT_SUBMISSION_RATE_PER_SESSION: '1000000',
          COVERKIT_SESSION_RATE_PER_IP: '1000000',
          COVERKIT_SESSION_RATE_PER_CLIENT: '1000000',
        },
      });
      token = (await createSession(server.url, { origin: TEST_ORIGIN })).sessionToken;
      const spec = (await call(`${server.url}/openapi.json`)).body;
      operations = Object.entries<any>(spec.paths).flatMap(([path, ops]) =>
        Object.entries<any>(ops).map(([method, op]) => ({
          method: method.toUpperCase(),
          path,
          parameters: (op.parameters ?? []).filter((p: any) => p.in === 'path' || p.in === 'query'),
          body: Boolean(op.requestBody),
          security: op.security,
        })),
      );
    });
    afterAll(async () => {
      await server?.close();
      await dropTestSchemas();
    });

    /**
     * The credentials an operation takes: the session token where it works, else a secret key, else a
     * page origin. Insurer logins are limited per session, so each login attempt gets a session of its own.
     */
    async function headersFor(op: Operation): Promise<Record<string, string>> {
      const schemes = (op.security ?? []).flatMap((s) => Object.keys(s));
      const session =
        op.method === 'POST' && op.path === '/v1/connections'
          ? (await createSession(server.url, { origin: TEST_ORIGIN })).sessionToken
          : token;
      const headers: Record<string, string> = schemes.includes('sessionToken')
        ? bearer(session)
        : schemes.includes('secretKey')
          ? secretKeyHeaders()
          : { Origin: TEST_ORIGIN };
      if (op.method === 'POST' && op.path === '/v1/submissions') headers['Idempotency-Key'] = randomUUID();
      return headers;
    }

    function url(op: Operation, bad?: { name: string; encoded: string }) {
      const value = (name: string) => (bad?.name === name ? bad.encoded : encodeURIComponent(VALID_PARAMS[name]!));
      const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => value(name));
      const query = op.parameters.filter((p) => p.in === 'query').map((p) => `${p.name}=${value(p.name)}`);
      return `${server.url}${path}${query.length ? `?${query.join('&')}` : ''}`;
    }

    function expectRefused(res: { status: number; body: any }, field: string, what: string) {
      expect(res.status, `${what} answered ${res.status} ${JSON.stringify(res.body)}`).toBe(400);
      expect(Object.keys(res.body?.error?.fields ?? {}), `${what}: ${JSON.stringify(res.body)}`).toContain(field);
    }

    it('knows a valid value for every parameter and a valid body for every operation that takes one', () => {
      const bodies = validBodies();
      for (const op of operations) {
        for (const p of op.parameters) expect(VALID_PARAMS[p.name], `${op.method} ${op.path} ${p.name}`).toBeDefined();
        if (op.body) expect(bodies[`${op.method} ${op.path}`], `${op.method} ${op.path}`).toBeDefined();
      }
      expect(operations.filter((op) => op.parameters.length > 0 || op.body).length).toBeGreaterThan(15);
    });

    it('in every path parameter and query value', async () => {
      for (const op of operations) {
        for (const p of op.parameters) {
          for (const [kind, encoded] of Object.entries(BAD_IN_URL)) {
            const res = await call(url(op, { name: p.name, encoded }), {
              method: op.method,
              headers: await headersFor(op),
              signal: AbortSignal.timeout(10_000),
            });
            expectRefused(res, p.name, `${op.method} ${op.path} with a ${kind} in ${p.in} ${p.name}`);
          }
        }
      }
    });

    it('in every string of every JSON body', async () => {
      const bodies = validBodies();
      for (const op of operations.filter((o) => o.body)) {
        for (const body of bodies[`${op.method} ${op.path}`] ?? []) {
          for (const leaf of stringLeaves(body)) {
            for (const [kind, change] of Object.entries(spoil)) {
              // JSON.stringify writes a lone surrogate as the escape "\ud800", which the server's JSON.parse turns back into one.
              const res = await call(url(op), { method: op.method, headers: await headersFor(op), json: withLeaf(body, leaf, change) });
              expectRefused(res, leaf.join('.'), `${op.method} ${op.path} with a ${kind} in ${leaf.join('.')}`);
            }
          }
        }
      }
    });

    it('dates PostgreSQL cannot hold, and dates no shopper means, with messages that say why', async () => {
      const list = (query: string) => call(`${server.url}/v1/submissions?${query}`, { headers: secretKeyHeaders() });
      const since = await list('since=0000-01-01T00:00:00Z');
      expectRefused(since, 'since', 'since=0000-01-01T00:00:00Z');
      expect(since.body.error.fields.since).toEqual(['since must be 1970-01-01T00:00:00Z or later']);
      expect((await list('since=1970-01-01T00:00:00Z')).status).toBe(200);

      const quote = (change: (applicant: any) => void) => {
        const applicant: any = garciaHousehold();
        change(applicant);
        return call(`${server.url}/v1/quote-requests`, { method: 'POST', headers: bearer(token), json: applicant });
      };
      const farFuture = await quote((a) => {
        a.effectiveDate = '9999-12-31';
      });
      expectRefused(farFuture, 'effectiveDate', 'effectiveDate 9999-12-31');
      expect(farFuture.body.error.fields.effectiveDate).toEqual([
        `Effective date must be within a year: ${addDays(usToday(), 365)} or earlier`,
      ]);
      expectRefused(
        await quote((a) => {
          a.effectiveDate = addDays(usToday(), 366);
        }),
        'effectiveDate',
        'effectiveDate a year and a day ahead',
      );
      const old = await quote((a) => {
        a.drivers[1].dateOfBirth = '1899-12-31';
        a.incidents[0].date = '0100-01-01';
        a.priorInsurance.expirationDate = '9999-12-31';
      });
      expect(old.status).toBe(400);
      expect(old.body.error.fields).toEqual({
        'drivers.1.dateOfBirth': ['Date of birth must be 1900-01-01 or later'],
        'incidents.0.date': ['Incident date must be 1900-01-01 or later'],
        'priorInsurance.expirationDate': ['Prior policy expiration date must be 2100-12-31 or earlier'],
      });

      const lookup = await call(`${server.url}/v1/policy-lookups`, {
        method: 'POST',
        headers: bearer(token),
        json: { policyNumber: 'QPSSGA00001', dateOfBirth: '0100-03-05' },
      });
      expectRefused(lookup, 'dateOfBirth', 'policy lookup born in the year 100');
      const coverages = await call(`${server.url}/v1/lookups/coverages?state=TX&effectiveDate=9999-12-31`, { headers: bearer(token) });
      expectRefused(coverages, 'effectiveDate', 'coverage options for 9999-12-31');
    });

    it('numbers in a query string are decimal digits, nothing a number parser would also take', async () => {
      for (const limit of ['0x10', '1e1', ' 16', '16.0', '', '0']) {
        const res = await call(`${server.url}/v1/submissions?limit=${encodeURIComponent(limit)}`, { headers: secretKeyHeaders() });
        expectRefused(res, 'limit', `limit=${JSON.stringify(limit)}`);
      }
      expect((await call(`${server.url}/v1/submissions?limit=16`, { headers: secretKeyHeaders() })).status).toBe(200);
      const year = await call(`${server.url}/v1/lookups/vehicles/makes?state=TX&year=0x7E3`, { headers: bearer(token) });
      expectRefused(year, 'year', 'year=0x7E3');
    });
  });
}
