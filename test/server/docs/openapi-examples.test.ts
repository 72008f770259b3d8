/**
 * The examples of the served /openapi.json are what a reader copies and what a
 * generated client's docs show: every request and response body has one, and
 * every example in the document (bodies, parameters, headers, and any schema
 * of its own) validates, with Ajv and its formats, against the schema it sits
 * beside. The quote request's example is then sent, as it is, to the server.
 */
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, call, createSession } from '../../helpers/http.ts';
import { startTestServer, TEST_ORIGIN, type TestServer } from '../../helpers/server.ts';

type Json = Record<string, any>;

let server: TestServer;
let doc: Json;
beforeAll(async () => {
  server = await startTestServer();
  doc = (await call(`${server.url}/openapi.json`)).body;
  // The components once, by name, so each example's schema compiles against them without copying them in.
  ajv.addSchema({ $id: 'openapi.json', components: doc.components });
});
afterAll(() => server?.close());

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv);

/** `schema` checked against `example`, its `#/components/...` references resolved in the document: the errors, or none. */
function problems(schema: Json, example: unknown): string[] {
  const validate = ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi.json#/components/')));
  return validate(example) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}

/** Every operation of the document, webhooks included, with where it is. */
const operations = () =>
  (['paths', 'webhooks'] as const).flatMap((part) =>
    Object.entries<Json>(doc[part] ?? {}).flatMap(([path, item]) =>
      Object.entries<Json>(item).map(([method, op]) => ({ where: `${method.toUpperCase()} ${path}`, op })),
    ),
  );

/** Every body (media type) of the document: request bodies and responses. */
const bodies = () =>
  operations().flatMap(({ where, op }) => [
    ...Object.entries<Json>(op.requestBody?.content ?? {}).map(([type, media]) => ({ where: `${where} request ${type}`, media })),
    ...Object.entries<Json>(op.responses ?? {}).flatMap(([status, response]) =>
      Object.entries<Json>(response.content ?? {}).map(([type, media]) => ({ where: `${where} ${status} ${type}`, media })),
    ),
  ]);

/** Every schema object under `node` that carries an example of its own, with its JSON pointer. */
function schemasWithExamples(node: unknown, pointer: string, found: { where: string; schema: Json }[] = []) {
  if (Array.isArray(node)) {
    node.forEach((child, i) => {
      schemasWithExamples(child, `${pointer}/${i}`, found);
    });
  } else if (node && typeof node === 'object') {
    const object = node as Json;
    if ('example' in object && ('type' in object || 'anyOf' in object || 'oneOf' in object || '$ref' in object || 'enum' in object)) {
      found.push({ where: pointer, schema: object });
    }
    for (const [key, child] of Object.entries(object))
      if (key !== 'example' && key !== 'examples') schemasWithExamples(child, `${pointer}/${key}`, found);
  }
  return found;
}

describe('OpenAPI examples', () => {
  // First, while the connection is fresh: the checks below keep the event loop busy compiling schemas.
  it('has a quote request example the server accepts as it is', async () => {
    const { sessionToken } = await createSession(server.url, { origin: TEST_ORIGIN });
    const example = doc.paths['/v1/quote-requests'].post.requestBody.content['application/json'].example;
    const res = await call(`${server.url}/v1/quote-requests`, {
      method: 'POST',
      headers: bearer(sessionToken, TEST_ORIGIN),
      json: example,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.headers.get('location')).toBe(`/v1/quote-requests/${res.body.id}`);
  });

  it('gives every request and response body an example', () => {
    const all = bodies();
    expect(all.length).toBeGreaterThan(100);
    const missing = all.filter(({ media }) => media.example === undefined && media.examples === undefined).map(({ where }) => where);
    expect(missing, 'add them to operationExamples() in server/docs/examples.ts, by operationId').toEqual([]);
  });

  it('has every body example validate against its schema', () => {
    const failures = bodies().flatMap(({ where, media }) => problems(media.schema, media.example).map((problem) => `${where}: ${problem}`));
    expect(failures).toEqual([]);
  });

  it('has every parameter and header example validate against its schema', () => {
    const withExamples = [
      ...Object.entries<Json>(doc.components.headers ?? {}).map(([name, header]) => ({ where: `components header ${name}`, item: header })),
      ...operations().flatMap(({ where, op }) => [
        ...(op.parameters ?? [])
          .filter((p: Json) => p.example !== undefined)
          .map((p: Json) => ({ where: `${where} ${p.in} ${p.name}`, item: p })),
        ...Object.entries<Json>(op.responses ?? {}).flatMap(([status, response]) =>
          Object.entries<Json>(response.headers ?? {})
            .filter(([, header]) => header.example !== undefined)
            .map(([name, header]) => ({ where: `${where} ${status} header ${name}`, item: header })),
        ),
      ]),
    ];
    // (Most parameters and headers carry their example in their schema: the next test checks those.)
    expect(withExamples.map(({ where }) => where)).toEqual(
      expect.arrayContaining(['components header X-Request-Id', 'components header Retry-After']),
    );
    expect(withExamples.flatMap(({ where, item }) => problems(item.schema, item.example).map((p) => `${where}: ${p}`))).toEqual([]);
  });

  it('has every example a schema carries validate against that schema', () => {
    const found = schemasWithExamples(doc, '#');
    expect(found.length).toBeGreaterThan(0);
    const failures = found.flatMap(({ where, schema }) => {
      const { example, ...rest } = schema;
      return problems(rest, example).map((problem) => `${where}: ${problem}`);
    });
    expect(failures).toEqual([]);
  });

  it('catches an example that does not fit (the check can fail)', () => {
    const quote = doc.components.schemas.Quote;
    expect(
      problems(quote, {
        ...doc.paths['/v1/quote-requests/{id}'].get.responses['200'].content['application/json'].example.quotes[0],
        status: 'sold',
      }),
    ).not.toEqual([]);
    expect(problems({ $ref: '#/components/schemas/Contact' }, { email: 'not an address', phone: '+15558675309' })).not.toEqual([]);
  });
});
