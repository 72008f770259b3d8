/** Configuration from the environment: sandbox by default, the real AgencyZoom by variables only. */
import { describe, expect, it } from 'vitest';
import { agencyZoomConfigFromEnv, agencyZoomSandboxOptionsFromEnv } from '../../../../server/vendors/agencyzoom/config.ts';

const sandboxBaseUrl = 'http://127.0.0.1:8787/sandbox/agencyzoom';

describe('agencyZoomConfigFromEnv', () => {
  it('defaults to the local sandbox and its account', () => {
    expect(agencyZoomConfigFromEnv({}, { sandboxBaseUrl })).toEqual({
      baseUrl: sandboxBaseUrl,
      username: 'agent@pleasantville.example',
      password: 'sandbox-password',
      timeoutMs: 10_000,
      // Below the documented 30 a minute (60 at night), burst included.
      pacing: { perMinute: 25, nightPerMinute: 55, burst: 4 },
      leadRouting: { pipeline: undefined, stage: undefined, leadSource: undefined, producer: undefined },
    });
  });

  it('takes every setting from variables', () => {
    const config = agencyZoomConfigFromEnv(
      {
        AGENCYZOOM_BASE_URL: 'https://api.agencyzoom.example',
        AGENCYZOOM_USERNAME: 'owner@agency.example',
        AGENCYZOOM_PASSWORD: 'p4ss',
        AGENCYZOOM_TIMEOUT_MS: '5000',
        AGENCYZOOM_CALLS_PER_MINUTE: '20',
        AGENCYZOOM_NIGHT_CALLS_PER_MINUTE: '40',
        AGENCYZOOM_CALL_BURST: '2',
        AGENCYZOOM_PIPELINE: 'Auto Leads',
        AGENCYZOOM_STAGE: 'New',
        AGENCYZOOM_LEAD_SOURCE: 'Dealer',
        AGENCYZOOM_PRODUCER: 'jo@agency.example',
      },
      { sandboxBaseUrl },
    );
    expect(config).toEqual({
      baseUrl: 'https://api.agencyzoom.example',
      username: 'owner@agency.example',
      password: 'p4ss',
      timeoutMs: 5000,
      pacing: { perMinute: 20, nightPerMinute: 40, burst: 2 },
      leadRouting: { pipeline: 'Auto Leads', stage: 'New', leadSource: 'Dealer', producer: 'jo@agency.example' },
    });
  });

  it('names a bad variable without echoing its value', () => {
    expect(() => agencyZoomConfigFromEnv({ AGENCYZOOM_BASE_URL: 'not a url secret-ish' }, { sandboxBaseUrl })).toThrow(
      /AGENCYZOOM_BASE_URL/,
    );
    expect(() => agencyZoomConfigFromEnv({ AGENCYZOOM_BASE_URL: 'not a url secret-ish' }, { sandboxBaseUrl })).not.toThrow(/secret-ish/);
    expect(() => agencyZoomConfigFromEnv({ AGENCYZOOM_TIMEOUT_MS: '5' }, { sandboxBaseUrl })).toThrow(/AGENCYZOOM_TIMEOUT_MS/);
  });
});

describe('agencyZoomSandboxOptionsFromEnv', () => {
  it('reads the account, token, limit and fault variables', () => {
    const options = agencyZoomSandboxOptionsFromEnv({
      SANDBOX_AGENCYZOOM_PASSWORD: 'other',
      SANDBOX_AGENCYZOOM_CALLS_PER_MINUTE: '5',
      SANDBOX_AGENCYZOOM_TOKEN_TTL_SECONDS: '60',
      SANDBOX_AGENCYZOOM_OUTAGE: 'true',
      SANDBOX_AGENCYZOOM_LATENCY_MS: '20',
    });
    expect(options.accounts).toEqual([{ username: 'agent@pleasantville.example', password: 'other' }]);
    expect(options.rateLimit).toEqual({ perMinute: 5, nightPerMinute: undefined });
    expect(options.tokenTtlSeconds).toBe(60);
    expect(options.faults?.settings).toMatchObject({ outage: true, latencyMs: 20 });
  });
});
