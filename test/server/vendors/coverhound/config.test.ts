/** CoverHound configuration: the sandbox and its documented credentials by default, environment variables over them. */
import { describe, expect, it } from 'vitest';
import { readCoverHoundError } from '../../../../server/vendors/coverhound/client.ts';
import { coverHoundConfigFromEnv, SANDBOX_CREDENTIALS } from '../../../../server/vendors/coverhound/config.ts';
import { SEED_400, SEED_401, SEED_503 } from './seed-examples.ts';

const sandbox = { sandboxBaseUrl: 'http://localhost:8787/sandbox/coverhound' };

describe('CoverHound configuration', () => {
  it('defaults to the local sandbox with the credentials from the documentation', () => {
    expect(coverHoundConfigFromEnv({}, sandbox)).toEqual({
      baseUrl: 'http://localhost:8787/sandbox/coverhound',
      apiKey: 'eb6ad34d-6989-4f94-874d-e2f848dede63',
      apiSecret: '1337648ad51d99be78e446f8d721e8aa',
      timeoutMs: 10_000,
      syncQuoteTimeoutMs: 60_000,
    });
    expect(SANDBOX_CREDENTIALS.apiKey).toBe('eb6ad34d-6989-4f94-874d-e2f848dede63');
  });

  it('points at the real CoverHound through variables only', () => {
    const config = coverHoundConfigFromEnv(
      {
        COVERHOUND_BASE_URL: 'https://coverhound.com/',
        COVERHOUND_API_KEY: 'live-key',
        COVERHOUND_API_SECRET: 'live-secret',
        COVERHOUND_TIMEOUT_MS: '5000',
        COVERHOUND_SYNC_QUOTE_TIMEOUT_MS: '90000',
      },
      sandbox,
    );
    expect(config).toEqual({
      baseUrl: 'https://coverhound.com',
      apiKey: 'live-key',
      apiSecret: 'live-secret',
      timeoutMs: 5000,
      syncQuoteTimeoutMs: 90000,
    });
  });

  it('names a bad variable without echoing its value', () => {
    expect(() => coverHoundConfigFromEnv({ COVERHOUND_TIMEOUT_MS: 'soon' }, sandbox)).toThrow(
      'Invalid CoverHound configuration: COVERHOUND_TIMEOUT_MS',
    );
    let message = '';
    try {
      coverHoundConfigFromEnv({ COVERHOUND_BASE_URL: 'not a url', COVERHOUND_API_SECRET: '' }, sandbox);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe('Invalid CoverHound configuration: COVERHOUND_BASE_URL, COVERHOUND_API_SECRET');
  });
});

describe('reading CoverHound error bodies', () => {
  it('reads every field problem of a 400 (with the errors object as fields), the 401 text and the 503 message', () => {
    expect(readCoverHoundError(SEED_400, 400)).toEqual({
      message: 'applicant[vehicles][ownership] does not have a valid value',
      fields: SEED_400.errors,
    });
    expect(
      readCoverHoundError(
        { status: 400, message: 'x', errors: { userId: ['is required'], carriers: ['does not have a valid value'] } },
        400,
      ),
    ).toEqual({
      message: 'userId is required; carriers does not have a valid value',
      fields: { userId: ['is required'], carriers: ['does not have a valid value'] },
    });
    expect(readCoverHoundError({ status: 400, message: 'Bad syntax' }, 400)).toBe('Bad syntax');
    expect(readCoverHoundError(SEED_401, 401)).toBe('Bad Key');
    expect(readCoverHoundError(SEED_503, 503)).toBe(SEED_503.message);
    expect(readCoverHoundError('<html>gateway</html>', 502)).toBeUndefined();
  });

  it("reads a 401's X-Error-Detail header into the message and the code", () => {
    const detail = (text: string) => new Headers({ 'X-Error-Detail': text });
    expect(readCoverHoundError(SEED_401, 401, detail('Invalid token.'))).toEqual({
      message: 'Bad Key (Invalid token.)',
      code: 'Invalid token.',
    });
    expect(readCoverHoundError(SEED_401, 401, detail('Invalid credentials'))).toEqual({
      message: 'Bad Key (Invalid credentials)',
      code: 'Invalid credentials',
    });
    expect(readCoverHoundError(undefined, 401, detail('Invalid token.'))).toEqual({ message: 'Invalid token.', code: 'Invalid token.' });
    expect(readCoverHoundError(SEED_401, 401, new Headers())).toBe('Bad Key');
  });
});
