import { describe, expect, it } from 'vitest';
import { trellisConfigFromEnv, trellisSandboxOptionsFromEnv } from '../../../../server/vendors/trellis/config.ts';

const sandboxBaseUrl = 'http://localhost:8787/sandbox/trellis';

describe('trellisConfigFromEnv', () => {
  it('defaults to the local sandbox and its documented credentials', () => {
    expect(trellisConfigFromEnv({}, { sandboxBaseUrl })).toEqual({
      baseUrl: sandboxBaseUrl,
      clientId: 'sandbox-client-id',
      secretKey: 'sandbox-secret-key',
      timeoutMs: 10_000,
    });
  });

  it('points at the real Trellis with variables only', () => {
    const env = {
      TRELLIS_BASE_URL: 'https://api.trellisconnect.com/trellis/connect/1.2.0',
      TRELLIS_CLIENT_ID: 'live-client',
      TRELLIS_SECRET_KEY: 'live-secret',
      TRELLIS_TIMEOUT_MS: '4000',
    };
    expect(trellisConfigFromEnv(env, { sandboxBaseUrl })).toEqual({
      baseUrl: 'https://api.trellisconnect.com/trellis/connect/1.2.0',
      clientId: 'live-client',
      secretKey: 'live-secret',
      timeoutMs: 4000,
    });
  });

  it('names the bad variable and never echoes a value', () => {
    expect(() => trellisConfigFromEnv({ TRELLIS_BASE_URL: 'not a url' }, { sandboxBaseUrl })).toThrow(/TRELLIS_BASE_URL/);
    expect(() => trellisConfigFromEnv({ TRELLIS_TIMEOUT_MS: '5' }, { sandboxBaseUrl })).toThrow(/TRELLIS_TIMEOUT_MS/);
    let message = '';
    try {
      trellisConfigFromEnv({ TRELLIS_SECRET_KEY: '', TRELLIS_BASE_URL: 'ftp//secret-host-name' }, { sandboxBaseUrl });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/TRELLIS_SECRET_KEY/);
    expect(message).not.toContain('secret-host-name');
  });
});

describe('trellisSandboxOptionsFromEnv', () => {
  it('has no faults and the documented timings by default', () => {
    const options = trellisSandboxOptionsFromEnv({});
    expect(options.faults?.settings).toEqual({ latencyMs: 0, latencyRate: 1, errorRate: 0, outage: false, rateLimitPerMinute: 0 });
    expect(options.credentials).toEqual({ clientId: 'sandbox-client-id', secretKey: 'sandbox-secret-key' });
    expect(options.readyAfterMs).toBeUndefined();
    expect(options.signingSecret).toBeUndefined();
  });

  it('reads every SANDBOX_TRELLIS_* variable', () => {
    const options = trellisSandboxOptionsFromEnv({
      SANDBOX_TRELLIS_ERROR_RATE: '0.1',
      SANDBOX_TRELLIS_RATE_LIMIT_PER_MINUTE: '30',
      SANDBOX_TRELLIS_CLIENT_ID: 'my-client',
      SANDBOX_TRELLIS_SECRET_KEY: 'my-secret',
      SANDBOX_TRELLIS_SIGNING_SECRET: 'shared-by-all-processes',
      SANDBOX_TRELLIS_READY_AFTER_MS: '500',
      SANDBOX_TRELLIS_SLOW_READY_AFTER_MS: '3000',
    });
    expect(options.faults?.settings).toMatchObject({ errorRate: 0.1, rateLimitPerMinute: 30 });
    expect(options).toMatchObject({
      credentials: { clientId: 'my-client', secretKey: 'my-secret' },
      signingSecret: 'shared-by-all-processes',
      readyAfterMs: 500,
      slowReadyAfterMs: 3000,
    });
    expect(() => trellisSandboxOptionsFromEnv({ SANDBOX_TRELLIS_SIGNING_SECRET: 'short' })).toThrow(/SANDBOX_TRELLIS_SIGNING_SECRET/);
  });
});
