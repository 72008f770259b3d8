/** How a failed delivery try is worded and when it is tried again: plain words, no personal data, growing delays. */
import { describe, expect, it } from 'vitest';
import { classifyFailure } from '../../../server/submissions/failures.ts';
import { TargetConfigurationError } from '../../../server/submissions/targets/target.ts';
import { UnmappableError, VendorError } from '../../../server/vendors/shared/errors.ts';
import { backoffDelay, rateLimitDelay } from '../../../server/work/backoff.ts';

describe('delivery failures', () => {
  it('reads an unmappable applicant and a refused request as permanent, with the reason', () => {
    expect(
      classifyFailure(new UnmappableError('AutoComplete', 'vehicles.0.vin', "AutoComplete needs every vehicle's VIN"), 'AutoComplete'),
    ).toEqual({
      kind: 'permanent',
      message: "AutoComplete cannot take this applicant: AutoComplete needs every vehicle's VIN (vehicles.0.vin)",
    });
    const refused = new VendorError(
      'AgencyZoom',
      'rejected',
      'Invalid request parameter(s): email maria@example.com, phone (512) 555-0147',
      { status: 400 },
    );
    expect(classifyFailure(refused, 'AgencyZoom')).toEqual({
      kind: 'permanent',
      message: 'AgencyZoom refused the submission (HTTP 400): Invalid request parameter(s): email [email], phone [number]',
    });
  });

  it('retries outages, timeouts, refused credentials, odd answers, our own misconfiguration and surprises', () => {
    const cases: [unknown, string][] = [
      [new VendorError('AgencyZoom', 'unavailable', 'Internal processing error', { status: 500 }), 'AgencyZoom was unavailable (HTTP 500)'],
      [new VendorError('AgencyZoom', 'unavailable', 'could not be reached for v1/api/leads/create'), 'AgencyZoom was unavailable'],
      [new VendorError('AgencyZoom', 'timeout', 'did not answer in time'), 'AgencyZoom did not answer in time'],
      [
        new VendorError('AgencyZoom', 'auth', 'refused the configured username or password', { status: 400 }),
        'AgencyZoom refused our credentials (HTTP 400)',
      ],
      [new VendorError('AgencyZoom', 'malformed', 'answered in an unexpected shape (at id)'), 'AgencyZoom answered in an unexpected shape'],
      [
        new TargetConfigurationError('AgencyZoom lead routing is not set up: has no pipeline named "Cars"'),
        'AgencyZoom lead routing is not set up: has no pipeline named "Cars"',
      ],
      [new TypeError('x is undefined'), 'Unexpected error while delivering to AgencyZoom'],
    ];
    for (const [error, message] of cases) expect(classifyFailure(error, 'AgencyZoom')).toEqual({ kind: 'retry', message });
  });

  it("waits out a rate limit for exactly the vendor's Retry-After, plus a little jitter", () => {
    const limited = new VendorError('AgencyZoom', 'rate_limited', 'Rate limit exceeded: try again in 40 s', {
      status: 429,
      retryAfterSeconds: 40,
    });
    expect(classifyFailure(limited, 'AgencyZoom')).toEqual({
      kind: 'rate_limited',
      message: 'AgencyZoom asked us to slow down for 40 s',
      retryAfterMs: 40_000,
    });
    expect(rateLimitDelay(40_000, () => 0)).toBe(40_000);
    expect(rateLimitDelay(40_000, () => 1)).toBe(41_000);
    expect(rateLimitDelay(2_000, () => 1)).toBe(2_200);
  });

  it('backs off exponentially with jitter, up to the longest delay', () => {
    const options = { baseMs: 2_000, maxMs: 60_000 };
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, options, () => 1))).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, options, () => 0))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(backoffDelay(50, options, () => 1)).toBe(60_000);
    expect(backoffDelay(1_000, options, () => 0.5)).toBe(45_000);
  });
});
