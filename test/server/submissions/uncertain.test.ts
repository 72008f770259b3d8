/**
 * Whether a failed vendor write may have made something: only a write that
 * certainly made nothing is sent again without first looking for what it made.
 */
import { describe, expect, it } from 'vitest';
import { madeNothing } from '../../../server/submissions/targets/uncertain.ts';
import { VendorError } from '../../../server/vendors/shared/errors.ts';

describe('madeNothing', () => {
  it('is true for a refusal (4xx) and for a call our own pace held back before it left', () => {
    expect(madeNothing(new VendorError('AutoComplete', 'rejected', 'bad', { status: 400 }))).toBe(true);
    expect(madeNothing(new VendorError('AutoComplete', 'rate_limited', 'slow down', { status: 429, retryAfterSeconds: 1 }))).toBe(true);
    expect(madeNothing(new VendorError('AutoComplete', 'rate_limited', 'paced', { retryAfterSeconds: 40, code: 'paced' }))).toBe(true);
  });

  it('is false when the write may have been made: a timeout, a 5xx, anything else', () => {
    expect(madeNothing(new VendorError('AutoComplete', 'timeout', 'no answer'))).toBe(false);
    expect(madeNothing(new VendorError('AutoComplete', 'unavailable', 'down', { status: 503 }))).toBe(false);
    expect(madeNothing(new Error('socket hang up'))).toBe(false);
  });
});
