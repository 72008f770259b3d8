/**
 * Runs in Node before the browser tests: starts a real Coverkit server whose
 * dealers allow the page origin the tests run on, and hands its address and
 * ready-made session tokens to the tests through `inject`. CoverHound's
 * sandbox carriers answer ten times faster than by default, so a whole quote
 * stream takes well under a second.
 */
import type { TestProject } from 'vitest/node';
import { hashSecretKey } from '../../server/auth/secrets.ts';
import { garciaHousehold } from '../helpers/applicants.ts';
import { BROWSER_TEST_PORT } from '../helpers/chromium.ts';
import { createSession } from '../helpers/http.ts';
import { TEST_DEALERS, type TestServer, startTestServer } from '../helpers/server.ts';

const origins = [`http://localhost:${BROWSER_TEST_PORT}`, `http://127.0.0.1:${BROWSER_TEST_PORT}`];

let server: TestServer | undefined;

export default async function setup(project: TestProject) {
  server = await startTestServer({
    env: { SANDBOX_COVERHOUND_DELAY_SCALE: '0.1', COVERHOUND_POLL_INTERVAL_MS: '50' },
    dealers: [
      { clientId: TEST_DEALERS.acme.clientId, name: TEST_DEALERS.acme.name, secretKeySha256: hashSecretKey(TEST_DEALERS.acme.secretKey), allowedOrigins: origins, products: ['quote', 'connect', 'lookup'] },
      { clientId: 'quote-only', name: 'Quote Only Cars', secretKeySha256: hashSecretKey('sk_test_quote_only_0123456789abcdef'), allowedOrigins: origins, products: ['quote'] },
    ],
  });
  const household = garciaHousehold();
  const { vehicles: _vehicles, coverage: _coverage, ...withoutVehicles } = household;
  const [prefilled, full, noVehicles] = await Promise.all([
    createSession(server.url, { prefill: { contact: { email: 'jane@example.com' } } }),
    createSession(server.url, { prefill: household }),
    createSession(server.url, { prefill: withoutVehicles }),
  ]);
  project.provide('apiBase', server.url);
  project.provide('sessionToken', prefilled.sessionToken);
  project.provide('householdToken', full.sessionToken);
  project.provide('noVehiclesToken', noVehicles.sessionToken);
  return async () => {
    await server?.close();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    apiBase: string;
    /** A dealer-made session that pre-fills only the email. */
    sessionToken: string;
    /** A dealer-made session pre-filling the whole Garcia household (test/helpers/applicants.ts). */
    householdToken: string;
    /** The Garcia household without its vehicles and coverage. */
    noVehiclesToken: string;
  }
}
