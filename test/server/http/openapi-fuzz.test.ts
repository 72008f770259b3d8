/**
 * A schema-driven fuzzer, in the manner of Schemathesis: every operation of the
 * served /openapi.json is called with path, query and body values generated
 * from its own schemas by json-schema-faker (and, half the time, one value
 * replaced by something of the wrong kind), with the credentials its `security`
 * names. Every answer must be (a) never a 500 (a vendor's 502/503/504 aside),
 * (b) a status the document lists for the operation, and (c) a body that
 * validates, with Ajv, against the schema documented for that status. What the
 * document promises, the server keeps; what the server answers, the document says.
 * `FUZZ_SEED=random` explores (the seed is printed), `FUZZ_SEED=N` replays a run; `FUZZ_RUNS` sets the calls per operation.
 */
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { generate } from 'json-schema-faker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, call, createSession, secretKeyHeaders } from '../../helpers/http.ts';
import { startTestServer, TEST_DEALERS, TEST_ORIGIN, type TestServer } from '../../helpers/server.ts';

// A fixed seed by default, so CI answers the same every run; FUZZ_SEED=random explores (and prints the seed to replay).
const SEED = process.env.FUZZ_SEED === 'random' ? Date.now() % 1_000_000 : Number(process.env.FUZZ_SEED ?? 1);
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);

type Json = Record<string, any>;
type Operation = { method: string; path: string; op: Json };

let server: TestServer;
let doc: Json;
const credentials: Record<string, Record<string, string>> = {};
/** Real ids a path can name, so the fuzzer also reaches past the 404s. */
const realIds: Record<string, string[]> = {};

beforeAll(async () => {
  server = await startTestServer({
    env: {
      SANDBOX_COVERHOUND_DELAY_SCALE: '0.1',
      COVERHOUND_POLL_INTERVAL_MS: '50',
      SANDBOX_TRELLIS_READY_AFTER_MS: '0',
      COVERKIT_SESSION_RATE_PER_CLIENT: '1000000',
      COVERKIT_SESSION_RATE_PER_IP: '1000000',
      COVERKIT_WIDGET_RATE_PER_IP: '1000000',
      COVERKIT_QUOTE_RATE_PER_SESSION: '1000000',
      COVERKIT_SUBMISSION_RATE_PER_SESSION: '1000000',
    },
  });
  doc = (await call(`${server.url}/openapi.json`)).body;
  const { sessionToken } = await createSession(server.url, { origin: TEST_ORIGIN });
  const connection = await call(`${server.url}/v1/connections`, {
    method: 'POST',
    headers: bearer(sessionToken, TEST_ORIGIN),
    json: { issuerId: 'geico', username: 'user_good', password: 'pass_good' },
  });
  credentials.sessionToken = bearer(sessionToken, TEST_ORIGIN);
  credentials.clientId = { 'X-Client-Id': TEST_DEALERS.acme.clientId };
  credentials.secretKey = { 'X-Secret-Key': secretKeyHeaders()['X-Secret-Key'] };
  credentials.temporaryAccessKey = { 'X-Temporary-Access-Key': connection.body.temporaryAccessKey };
  realIds.connectionId = [connection.body.connectionId];
});
afterAll(() => server?.close());

/** A small seeded generator, so a failing run can be replayed with FUZZ_SEED. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const operations = (): Operation[] =>
  Object.entries<Json>(doc.paths).flatMap(([path, item]) =>
    Object.entries<Json>(item)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );

/** The document's own `#/components/...` references resolve against it. */
const rooted = (schema: Json) => ({ ...schema, components: doc.components });

async function fake(schema: Json, seed: number): Promise<unknown> {
  return generate(rooted(schema), { seed, maxDepth: 6, optionalsProbability: 0.5, maxDefaultItems: 3 });
}

/** Something of another kind than the schema asks for. */
const WRONG: unknown[] = [null, 0, -1, 1e308, '', 'x'.repeat(300), true, [], {}, '🚗', '<script>', '../..'];

function mutate(value: unknown, next: () => number): unknown {
  const pick = WRONG[Math.floor(next() * WRONG.length)];
  if (value && typeof value === 'object' && next() < 0.8) {
    const keys = Object.keys(value);
    if (keys.length === 0) return pick;
    const key = keys[Math.floor(next() * keys.length)]!;
    return Array.isArray(value)
      ? value.map((v, i) => (String(i) === key ? mutate(v, next) : v))
      : { ...(value as Json), [key]: mutate((value as Json)[key], next) };
  }
  return pick;
}

function authFor(op: Json, next: () => number): Record<string, string> {
  const requirements: Json[] = op.security ?? doc.security ?? [];
  if (requirements.length === 0) return {};
  const chosen = requirements[Math.floor(next() * requirements.length)]!;
  return Object.assign({}, ...Object.keys(chosen).map((name) => credentials[name] ?? {}));
}

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv);
const validators = new Map<string, ValidateFunction>();
function validatorFor(key: string, schema: Json): ValidateFunction {
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(rooted(schema));
    validators.set(key, validate);
  }
  return validate;
}

async function callOnce({ method, path, op }: Operation, seed: number) {
  const next = random(seed);
  const mutateThis = next() < 0.5;
  let url = path;
  const query = new URLSearchParams();
  const headers: Record<string, string> = { ...authFor(op, next) };
  for (const parameter of (op.parameters ?? []) as Json[]) {
    if (parameter.in === 'header') continue;
    if (!parameter.required && next() < 0.3) continue;
    const known = realIds[parameter.name];
    let value: unknown = known && next() < 0.5 ? known[0] : await fake(parameter.schema ?? { type: 'string' }, seed + 1);
    if (mutateThis && next() < 0.3) value = mutate(value, next);
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    if (parameter.in === 'path') url = url.replace(`{${parameter.name}}`, encodeURIComponent(text || 'x'));
    else if (parameter.in === 'query') query.set(parameter.name, text);
  }
  let body: unknown;
  const bodySchema = op.requestBody?.content?.['application/json']?.schema;
  if (bodySchema) {
    body = await fake(bodySchema, seed + 2);
    if (mutateThis) body = mutate(body, next);
    if (path === '/v1/submissions') headers['Idempotency-Key'] = `fuzz-${seed}`;
  }
  const target = `${server.url}${url}${query.size ? `?${query}` : ''}`;
  const res = await fetch(target, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const type = res.headers.get('content-type') ?? '';
  // A stream that opened is read no further: its events are checked by the quote tests.
  const text = type.startsWith('text/event-stream') ? (await res.body?.cancel(), '') : await res.text();
  const what = `${method} ${url}${query.size ? `?${query}` : ''} ${body === undefined ? '' : JSON.stringify(body).slice(0, 300)} (FUZZ_SEED=${SEED})`;
  return { status: res.status, type, text, what };
}

describe(`every operation of /openapi.json, fuzzed from its own schemas (FUZZ_SEED=${SEED})`, () => {
  it('answers no 500, only documented statuses, and bodies that match the documented schema', async () => {
    const problems: string[] = [];
    const ops = operations();
    expect(ops.length).toBeGreaterThan(15);
    for (const [n, operation] of ops.entries()) {
      for (let run = 0; run < RUNS; run++) {
        const seed = SEED * 1000 + n * RUNS + run;
        const { status, type, text, what } = await callOnce(operation, seed);
        if (status >= 500 && ![502, 503, 504].includes(status)) {
          problems.push(`${status} from ${what}: ${text.slice(0, 200)}`);
          continue;
        }
        const documented = operation.op.responses?.[String(status)] ?? operation.op.responses?.default;
        if (!documented) {
          problems.push(`undocumented ${status} from ${what}: ${text.slice(0, 200)}`);
          continue;
        }
        const schema = documented.content?.['application/json']?.schema;
        if (!schema || !type.includes('json')) continue;
        const validate = validatorFor(`${operation.method} ${operation.path} ${status}`, schema);
        if (!validate(JSON.parse(text))) {
          problems.push(`${status} body breaks its schema (${ajv.errorsText(validate.errors)}) from ${what}: ${text.slice(0, 200)}`);
        }
      }
    }
    expect(problems, problems.slice(0, 20).join('\n')).toEqual([]);
  }, 300_000);
});
