/** AutoComplete configuration: the sandbox by default, the real vendor by environment only, and no secret in any error. */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../server/config.ts';
import { autoCompleteConfigFromEnv, autoCompleteSandboxOptionsFromEnv } from '../../../../server/vendors/autocomplete/config.ts';

const sandboxBaseUrl = 'http://localhost:8787/sandbox/autocomplete';

describe('autoCompleteConfigFromEnv', () => {
  it('points at the local sandbox with its documented credentials by default', () => {
    expect(autoCompleteConfigFromEnv({}, { sandboxBaseUrl })).toEqual({
      baseUrl: sandboxBaseUrl,
      apiKey: 'sandbox-api-key',
      apiSecret: 'sandbox-api-secret',
      timeoutMs: 10_000,
      minIntervalMs: 1100,
      dealerId: '4119799d-215f-4f49-b38a-0b94c2448399',
    });
  });

  it('points at the real AutoComplete from environment variables alone', () => {
    const config = autoCompleteConfigFromEnv(
      {
        AUTOCOMPLETE_BASE_URL: 'https://api.autocomplete.io/',
        AUTOCOMPLETE_API_KEY: 'live-key',
        AUTOCOMPLETE_API_SECRET: 'live-secret',
        AUTOCOMPLETE_TIMEOUT_MS: '5000',
        AUTOCOMPLETE_MIN_INTERVAL_MS: '2000',
        AUTOCOMPLETE_DEALER_ID: '88753dfc-5ede-49cd-92b4-7b63d235d16c',
        UNRELATED: 'ignored',
      },
      { sandboxBaseUrl },
    );
    expect(config).toEqual({
      baseUrl: 'https://api.autocomplete.io',
      apiKey: 'live-key',
      apiSecret: 'live-secret',
      timeoutMs: 5000,
      minIntervalMs: 2000,
      dealerId: '88753dfc-5ede-49cd-92b4-7b63d235d16c',
    });
  });

  it('treats blank variables as unset', () => {
    expect(autoCompleteConfigFromEnv({ AUTOCOMPLETE_API_SECRET: '', AUTOCOMPLETE_BASE_URL: '' }, { sandboxBaseUrl })).toMatchObject({
      baseUrl: sandboxBaseUrl,
      apiSecret: 'sandbox-api-secret',
    });
  });

  it('refuses bad values by variable name, without repeating them', () => {
    const bad = () =>
      autoCompleteConfigFromEnv(
        { AUTOCOMPLETE_BASE_URL: 'ftp://user:topsecret@example.com', AUTOCOMPLETE_TIMEOUT_MS: 'soon', AUTOCOMPLETE_DEALER_ID: 'dealer-7' },
        { sandboxBaseUrl },
      );
    expect(bad).toThrow(ConfigError);
    expect(bad).toThrow(/AUTOCOMPLETE_BASE_URL .*AUTOCOMPLETE_TIMEOUT_MS .*AUTOCOMPLETE_DEALER_ID/);
    expect(bad).not.toThrow(/topsecret/);
  });
});

describe('autoCompleteSandboxOptionsFromEnv', () => {
  it('defaults to the documented sandbox: its credentials, dealer-initiated messaging, one request per second, no faults', () => {
    const options = autoCompleteSandboxOptionsFromEnv({});
    expect(options).toMatchObject({
      credentials: [{ apiKey: 'sandbox-api-key', apiSecret: 'sandbox-api-secret' }],
      messaging: 'dealer',
      rateLimitPerSecond: 1,
    });
    expect(options.faults?.settings).toEqual({ latencyMs: 0, latencyRate: 1, errorRate: 0, outage: false, rateLimitPerMinute: 0 });
    expect(options).not.toHaveProperty('flowBaseUrl');
  });

  it('reads every SANDBOX_AUTOCOMPLETE_* variable, fault knobs included', () => {
    const options = autoCompleteSandboxOptionsFromEnv({
      SANDBOX_AUTOCOMPLETE_API_KEY: 'k',
      SANDBOX_AUTOCOMPLETE_API_SECRET: 's',
      SANDBOX_AUTOCOMPLETE_MESSAGING: 'autocomplete',
      SANDBOX_AUTOCOMPLETE_RATE_LIMIT_PER_SECOND: '0',
      SANDBOX_AUTOCOMPLETE_FLOW_BASE_URL: 'http://localhost:8787/sandbox/autocomplete/_flows',
      SANDBOX_AUTOCOMPLETE_OUTAGE: 'true',
      SANDBOX_AUTOCOMPLETE_LATENCY_MS: '250',
    });
    expect(options).toMatchObject({
      credentials: [{ apiKey: 'k', apiSecret: 's' }],
      messaging: 'autocomplete',
      rateLimitPerSecond: false,
      flowBaseUrl: 'http://localhost:8787/sandbox/autocomplete/_flows',
    });
    expect(options.faults?.settings).toMatchObject({ outage: true, latencyMs: 250 });
  });

  it('refuses an unknown messaging mode by name', () => {
    expect(() => autoCompleteSandboxOptionsFromEnv({ SANDBOX_AUTOCOMPLETE_MESSAGING: 'carrier-pigeon' })).toThrow(
      /SANDBOX_AUTOCOMPLETE_MESSAGING must be dealer or autocomplete/,
    );
  });
});
