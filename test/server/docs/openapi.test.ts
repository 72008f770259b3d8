/** The API reference dealers code against must describe every route the app really serves. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { US_STATES, WEBHOOK_EVENT_TYPES, WEBHOOK_EVENTS } from '../../../contract/index.ts';
import { SANDBOX_STATES } from '../../../server/vendors/pace/index.ts';
import { bearer, call, createSession } from '../../helpers/http.ts';
import { startTestServer, TEST_ORIGIN, type TestServer } from '../../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

/** Routes that are not part of the public JSON API: the documents themselves, the demo site, vendor sandboxes. */
const UNDOCUMENTED = [/^\/openapi\.json$/, /^\/docs(\.css)?$/, /^\/$/, /^\/demo\//, /^\/coverkit\.js/, /^\/widget\//, /^\/sandbox\//];

const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 and lists every route the app serves', async () => {
    const res = await call(`${server.url}/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const documented = new Set(
      Object.entries(res.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
      ),
    );
    const served = server.runtime.app.routes
      .filter((r) => r.method !== 'ALL' && !UNDOCUMENTED.some((re) => re.test(r.path)))
      .map((r) => `${r.method} ${toOpenApiPath(r.path)}`);
    expect(served.length).toBeGreaterThan(5);
    const missing = [...new Set(served)].filter((route) => !documented.has(route));
    expect(missing).toEqual([]);
  });

  it('names every operation once, files it under a declared tag and says who may call it (security: [] when anyone may)', async () => {
    const { body } = await call(`${server.url}/openapi.json`);
    const operations = [...Object.entries(body.paths), ...Object.entries(body.webhooks)].flatMap(([path, item]) =>
      Object.entries(item as Record<string, any>).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })),
    );
    const ids = operations.map(({ op }) => op.operationId);
    expect(operations.filter(({ op }) => typeof op.operationId !== 'string').map(({ route }) => route)).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    const declared = new Set(body.tags.map((t: { name: string; description?: string }) => t.description && t.name));
    expect(
      operations.filter(({ op }) => !op.tags?.length || op.tags.some((t: string) => !declared.has(t))).map(({ route }) => route),
    ).toEqual([]);
    const paths = operations.filter(({ route }) => !body.webhooks[route.split(' ')[1]!]);
    expect(paths.filter(({ op }) => !Array.isArray(op.security)).map(({ route }) => route)).toEqual([]);
    expect(body.paths['/healthz'].get.security).toEqual([]);
    expect(body.paths['/readyz'].get.security).toEqual([]);
    expect(body.paths['/v1/sessions/public'].post.security).toEqual([]);
  });

  it('documents request bodies from the same schemas that validate them, and the error body on failures', async () => {
    const { body } = await call(`${server.url}/openapi.json`);
    const create = body.paths['/v1/sessions'].post;
    expect(create.security).toEqual([{ clientId: [], secretKey: [] }]);
    expect(create.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/CreateSessionRequest' });
    const schema = body.components.schemas.CreateSessionRequest;
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['prefill', 'products', 'origin', 'externalRef']));
    expect(create.responses['400'].content['application/json'].schema).toBeTruthy();
    // Every route with a body documents the app-wide 413 and 415 answers too.
    expect(create.responses['413'].content['application/json'].schema).toBeTruthy();
    expect(create.responses['415'].content['application/json'].schema).toBeTruthy();
    expect(body.paths['/v1/session'].get.responses['415']).toBeUndefined();
    expect(body.components.securitySchemes.secretKey).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-Secret-Key' });
  });

  it('names every JSON body as a component, with the formats the validation holds values to', async () => {
    const { body } = await call(`${server.url}/openapi.json`);
    const media = [...Object.entries(body.paths), ...Object.entries(body.webhooks)].flatMap(([path, item]) =>
      Object.entries(item as Record<string, any>).flatMap(([method, op]) => [
        ...Object.entries(op.requestBody?.content ?? {}).map(([type, m]) => ({ where: `${method} ${path} request ${type}`, m })),
        ...Object.entries(op.responses).flatMap(([status, r]: [string, any]) =>
          Object.entries(r.content ?? {}).map(([type, m]) => ({ where: `${method} ${path} ${status} ${type}`, m })),
        ),
      ]),
    ) as { where: string; m: any }[];
    const unnamed = media.filter(({ where, m }) => where.endsWith('application/json') && !m.schema.$ref).map(({ where }) => where);
    expect(unnamed).toEqual([]);
    const { schemas } = body.components;
    for (const name of ['Applicant', 'Driver', 'Vehicle', 'Quote', 'Policy', 'SessionCreated', 'Error', 'QuoteStreamEvent', 'PingEvent']) {
      expect(schemas[name], name).toBeTruthy();
    }
    expect(schemas.Driver.properties.dateOfBirth.format).toBe('date');
    expect(schemas.Applicant.properties.effectiveDate.format).toBe('date');
    expect(schemas.Contact.properties.email.format).toBe('email');
    expect(schemas.ConsentGiven.properties.pageUrl.format).toBe('uri');
    expect(schemas.Quote.properties.purchaseUrl.format).toBe('uri');
    // The cross-field rules the validation holds an applicant to are stated on it.
    expect(schemas.Applicant.description).toContain('commuteMilesOneWay');
    const stream = body.paths['/v1/quote-requests/{id}/stream'].get.responses['200'].content['text/event-stream'];
    expect(stream.schema).toEqual({ type: 'array', items: { $ref: '#/components/schemas/QuoteStreamEvent' } });
  });

  it('documents the headers routes send: X-Request-Id on every answer, Retry-After on every 429, Location where something is made', async () => {
    const { body } = await call(`${server.url}/openapi.json`);
    const answers = Object.entries(body.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, any>).flatMap(([method, op]) =>
        Object.entries(op.responses).map(([status, r]) => ({ where: `${method} ${path} ${status}`, status, r: r as any })),
      ),
    );
    expect(answers.filter(({ r }) => !r.headers?.['X-Request-Id']).map(({ where }) => where)).toEqual([]);
    const tooMany = answers.filter(({ status }) => status === '429');
    expect(tooMany.length).toBeGreaterThan(20);
    // A header is described in place or once under components.headers.
    const header = (h: any) => (h?.$ref ? body.components.headers[h.$ref.replace('#/components/headers/', '')] : h);
    expect(tooMany.filter(({ r }) => !header(r.headers['Retry-After'])?.required).map(({ where }) => where)).toEqual([]);
    expect(answers.filter(({ r }) => !header(r.headers['X-Request-Id'])?.schema).map(({ where }) => where)).toEqual([]);
    expect(body.paths['/v1/quote-requests'].post.responses['202'].headers.Location.required).toBe(true);
    expect(body.paths['/v1/submissions'].post.responses['201'].headers['Idempotent-Replayed']).toBeTruthy();
    expect(body.paths['/v1/webhook-endpoints'].post.responses['201'].headers.Location.required).toBe(true);
    expect(body.paths['/v1/connections/{connectionId}/policies'].get.responses['202'].headers['Retry-After'].required).toBe(true);
    // What the document says is sent, is: a request id on an answer, a 500 documented where any route can fail.
    const res = await fetch(`${server.url}/healthz`);
    expect(res.headers.get('x-request-id')).toMatch(/^[A-Za-z0-9._-]{8,128}$/);
    expect(body.paths['/healthz'].get.responses['500']).toBeTruthy();
  });

  it('lists the states lookups serve, the ones the insurer writes, on every lookup', async () => {
    const { body } = await call(`${server.url}/openapi.json`);
    // The place of a ZIP code is this server's own data, not the insurer's: it takes no state.
    const lookups = Object.entries(body.paths).filter(
      ([path]) => path.startsWith('/v1/lookups/') && !path.startsWith('/v1/lookups/places/'),
    );
    expect(lookups.length).toBe(7);
    for (const [path, item] of lookups) {
      const state = (item as any).get.parameters.find((p: any) => p.name === 'state');
      expect(state.schema.enum, path).toEqual([...SANDBOX_STATES]);
    }
    // Any other state is refused naming the field, as the document says.
    const { sessionToken } = await createSession(server.url, { origin: TEST_ORIGIN });
    const outside = US_STATES.find((s) => !SANDBOX_STATES.includes(s));
    const res = await call(`${server.url}/v1/lookups/vehicles/years?state=${outside}`, { headers: bearer(sessionToken, TEST_ORIGIN) });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toEqual(['state']);
  });

  it('documents every webhook event as an OpenAPI 3.1 webhook, with its signing headers and a valid example', async () => {
    const { body } = await call(`${server.url}/openapi.json`);
    expect(Object.keys(body.webhooks).sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
    for (const type of WEBHOOK_EVENT_TYPES) {
      const operation = body.webhooks[type].post;
      expect(operation.parameters.map((p: any) => p.name)).toEqual(['webhook-id', 'webhook-timestamp', 'webhook-signature']);
      const content = operation.requestBody.content['application/json'];
      const schema = body.components.schemas[content.schema.$ref.replace('#/components/schemas/', '')];
      expect(schema.properties.type).toMatchObject({ enum: [type] });
      expect(WEBHOOK_EVENTS[type].parse(content.example)).toEqual(content.example);
    }
  });

  it('renders a readable reference page at /docs under a strict CSP', async () => {
    const res = await fetch(`${server.url}/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).toContain('<code>/v1/sessions</code>');
    expect(html).toContain('Create a session from your backend');
    // Bodies read on their own: named schemas are spelled out, and the example is there to copy.
    expect(html).toContain('Request body example');
    expect(html).toContain('commuteMilesOneWay');
    expect(html).not.toContain('#/components/schemas/Applicant');
    expect(html).not.toContain('<script');
  });
});
