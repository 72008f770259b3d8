/**
 * A dealer generates TypeScript types from the served /openapi.json with
 * openapi-typescript and writes a client against them: in a fresh project
 * beside the repository, that client (create a session with the secret key,
 * ask for quotes, read them back) must compile under strict TypeScript 5.9,
 * and, compiled, do its job against a running server. Misuse must not
 * compile: a vehicle year as text, a missing required field, a status the
 * operation does not answer, an unknown operation path.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../helpers/http.ts';
import { startTestServer, TEST_DEALERS, TEST_ORIGIN, type TestServer } from '../../helpers/server.ts';

const run = promisify(execFile);
// openapi-typescript drives the TypeScript compiler API, which TypeScript 7 no longer has, so it is a
// devDependency of the widget workspace, beside the TypeScript 5.9 a dealer compiles with (the root's
// TypeScript 7 cannot satisfy its peer; knip.json knows the widget itself does not import it).
const fromWidget = createRequire(path.join(process.cwd(), 'widget/package.json'));
const tsc = fromWidget.resolve('typescript/bin/tsc');

let server: TestServer;
let work: string;
let generated: string;
/** tsc's errors for the misuse files, all compiled in one run. */
let misuseErrors: string;

/** The client a dealer writes: plain fetch, every shape from the generated types. */
const CLIENT = `
import type { components, paths } from './api.js';

export type Applicant = components['schemas']['Applicant'];
type CreateSession = paths['/v1/sessions']['post'];
type CreateQuoteRequest = paths['/v1/quote-requests']['post'];
type GetQuoteRequest = paths['/v1/quote-requests/{id}']['get'];
type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type Coverkit = { baseUrl: string; clientId: string; secretKey: string; origin: string };

async function send<T>(url: string, init: RequestInit, expected: number): Promise<T> {
  const res = await fetch(url, init);
  const body = (await res.json()) as T | components['schemas']['Error'];
  if (res.status !== expected) throw new Error(\`\${res.status}: \${JSON.stringify(body)}\`);
  return body as T;
}

export function createSession(
  kit: Coverkit,
  body: Json<CreateSession['requestBody']>,
): Promise<Json<CreateSession['responses'][201]>> {
  return send(\`\${kit.baseUrl}/v1/sessions\`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Client-Id': kit.clientId, 'X-Secret-Key': kit.secretKey },
    body: JSON.stringify(body),
  }, 201);
}

export function requestQuotes(
  kit: Coverkit,
  sessionToken: string,
  applicant: Json<CreateQuoteRequest['requestBody']>,
): Promise<Json<CreateQuoteRequest['responses'][202]>> {
  return send(\`\${kit.baseUrl}/v1/quote-requests\`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: \`Bearer \${sessionToken}\`, Origin: kit.origin },
    body: JSON.stringify(applicant),
  }, 202);
}

export function getQuoteRequest(
  kit: Coverkit,
  sessionToken: string,
  id: GetQuoteRequest['parameters']['path']['id'],
): Promise<Json<GetQuoteRequest['responses'][200]>> {
  return send(\`\${kit.baseUrl}/v1/quote-requests/\${encodeURIComponent(id)}\`, {
    headers: { Authorization: \`Bearer \${sessionToken}\`, Origin: kit.origin },
  }, 200);
}

/** What a dealer's page shows: carrier and monthly price of each priced quote. */
export function priced(state: Json<GetQuoteRequest['responses'][200]>): { carrier: string; monthlyCents: number | undefined }[] {
  return state.quotes
    .filter((quote) => quote.status === 'complete' && quote.price !== undefined)
    .map((quote) => ({ carrier: quote.carrierName, monthlyCents: quote.price?.monthlyCents }));
}
`;

/** Each must fail to compile, with this text in tsc's output. */
const MISUSES: Record<string, { code: string; error: RegExp }> = {
  'a vehicle year as text': {
    code: `const applicant = {} as Applicant;
const wrong: Applicant = { ...applicant, vehicles: [{ ...applicant.vehicles[0]!, year: '2003' }] };`,
    error: /Type 'string' is not assignable to type 'number'/,
  },
  'an applicant without its coverage': {
    code: `const applicant = {} as Applicant;
const { coverage, ...withoutCoverage } = applicant;
export const wrong: Applicant = withoutCoverage;`,
    error: /Property 'coverage' is missing/,
  },
  'a marital status the API does not know': {
    code: `const applicant = {} as Applicant;
const wrong: Applicant = { ...applicant, drivers: [{ ...applicant.drivers[0]!, maritalStatus: 'engaged' }] };`,
    error: /'"engaged"' is not assignable/,
  },
  'a status createSession does not answer': {
    code: `type Created = paths['/v1/sessions']['post']['responses'][299];`,
    error: /Property '299' does not exist/,
  },
  'an operation the API does not have': {
    code: `type Quote = paths['/v1/quotes']['post'];`,
    error: /Property '\/v1\/quotes' does not exist/,
  },
};

async function compile(project: string): Promise<{ ok: boolean; output: string }> {
  try {
    await run(process.execPath, [tsc, '-p', project], { cwd: work });
    return { ok: true, output: '' };
  } catch (error) {
    return { ok: false, output: String((error as { stdout?: string }).stdout ?? error) };
  }
}

const tsconfig = (files: string[], outDir?: string) =>
  JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      lib: ['ES2023', 'DOM'],
      strict: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      skipLibCheck: false,
      ...(outDir ? { outDir } : { noEmit: true }),
    },
    files,
  });

beforeAll(async () => {
  server = await startTestServer({ env: { SANDBOX_COVERHOUND_DELAY_SCALE: '0.1', COVERHOUND_POLL_INTERVAL_MS: '50' } });
  const document = (await call(`${server.url}/openapi.json`)).body;
  const { default: openapiTS, astToString } = (await import(pathToFileURL(fromWidget.resolve('openapi-typescript')).href)) as {
    default: (document: unknown) => Promise<unknown>;
    astToString: (ast: unknown) => string;
  };
  generated = astToString(await openapiTS(document));

  work = mkdtempSync(path.join(tmpdir(), 'coverkit-openapi-client-'));
  mkdirSync(path.join(work, 'misuse'));
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'dealer-backend', private: true, type: 'module' }),
    'api.d.ts': generated,
    'client.ts': CLIENT,
    'tsconfig.json': tsconfig(['client.ts'], 'out'),
  };
  for (const [name, { code }] of Object.entries(MISUSES)) {
    files[misuseFile(name)] =
      `import type { paths } from '../api.js';\nimport type { Applicant } from '../client.js';\n${code}\nexport type { paths };\n`;
  }
  files['misuse/tsconfig.json'] = tsconfig(Object.keys(MISUSES).map((name) => path.basename(misuseFile(name))));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(work, name), text);
}, 240_000);

const misuseFile = (name: string) => `misuse/${name.replaceAll(' ', '-')}.ts`;

afterAll(async () => {
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('a TypeScript client generated from /openapi.json', () => {
  it('names the document’s components, so a client reads them by name', () => {
    expect(generated).toMatch(/Applicant: \{/);
    expect(generated).toMatch(/QuoteStreamEvent:/);
    expect(generated).toMatch(/"\/v1\/quote-requests": \{/);
    // format: date and email reach the generated comments a dealer reads.
    expect(generated).toMatch(/Format: date/);
    expect(generated).toMatch(/Format: email/);
  });

  it('compiles under strict TypeScript 5.9, and the compiled client creates a session and gets quotes', async () => {
    const compiled = await compile('tsconfig.json');
    expect(compiled.output).toBe('');
    expect(compiled.ok).toBe(true);

    const client = await import(pathToFileURL(path.join(work, 'out/client.js')).href);
    const document = (await call(`${server.url}/openapi.json`)).body;
    const applicant = document.paths['/v1/quote-requests'].post.requestBody.content['application/json'].example;
    const kit = { baseUrl: server.url, clientId: TEST_DEALERS.acme.clientId, secretKey: TEST_DEALERS.acme.secretKey, origin: TEST_ORIGIN };
    const session = await client.createSession(kit, { origin: TEST_ORIGIN, externalRef: 'deal-42' });
    expect(session.sessionToken).toEqual(expect.any(String));
    const accepted = await client.requestQuotes(kit, session.sessionToken, applicant);
    expect(accepted.status).toBe('pending');
    let state = await client.getQuoteRequest(kit, session.sessionToken, accepted.id);
    for (let tries = 0; state.status !== 'complete' && tries < 300; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      state = await client.getQuoteRequest(kit, session.sessionToken, accepted.id);
    }
    expect(state.status).toBe('complete');
    expect(state.quotes.length).toBeGreaterThan(0);
    expect(client.priced(state).every((q: { carrier: string }) => typeof q.carrier === 'string')).toBe(true);
  });

  it('refuses to compile the misuses', async () => {
    const result = await compile('misuse/tsconfig.json');
    expect(result.ok).toBe(false);
    misuseErrors = result.output;
  });

  it.each(Object.entries(MISUSES))('refuses %s', (name, { error }) => {
    // Each file's own errors: a misuse that compiled would leave its file out of tsc's output.
    // An error is its first line (the file's name and place) and the indented lines that explain it.
    const own = misuseErrors
      .split(/\n(?=\S)/)
      .filter((error) => error.startsWith(misuseFile(name)))
      .join('\n');
    expect(own, misuseErrors).toMatch(error);
  });
});
