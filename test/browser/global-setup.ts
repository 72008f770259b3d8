/**
 * Runs in Node before the browser tests: starts a real Coverkit server whose
 * dealers allow the page origin the tests run on, and hands its address and
 * ready-made session tokens to the tests through `inject`.
 */
import type { TestProject } from 'vitest/node';
import { hashSecretKey } from '../../server/auth/secrets.ts';
import { createSession } from '../helpers/http.ts';
import { TEST_DEALERS, type TestServer, startTestServer } from '../helpers/server.ts';

export const BROWSER_TEST_PORT = 63315;
const origins = [`http://localhost:${BROWSER_TEST_PORT}`, `http://127.0.0.1:${BROWSER_TEST_PORT}`];

let server: TestServer | undefined;

export default async function setup(project: TestProject) {
  server = await startTestServer({
    dealers: [
      { clientId: TEST_DEALERS.acme.clientId, name: TEST_DEALERS.acme.name, secretKeySha256: hashSecretKey(TEST_DEALERS.acme.secretKey), allowedOrigins: origins, products: ['quote', 'connect', 'lookup'] },
      { clientId: 'quote-only', name: 'Quote Only Cars', secretKeySha256: hashSecretKey('sk_test_quote_only_0123456789abcdef'), allowedOrigins: origins, products: ['quote'] },
    ],
  });
  const prefilled = await createSession(server.url, { prefill: { contact: { email: 'jane@example.com' } } });
  project.provide('apiBase', server.url);
  project.provide('sessionToken', prefilled.sessionToken);
  return async () => {
    await server?.close();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    apiBase: string;
    sessionToken: string;
  }
}
