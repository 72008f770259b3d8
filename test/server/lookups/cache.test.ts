/** The lookup cache on its own: TTL, shared misses, failures never kept, stale answers standing in for a failing vendor, the bound. */
import { describe, expect, it } from 'vitest';
import { LookupCache } from '../../../server/lookups/cache.ts';
import { VendorError } from '../../../server/vendors/shared/errors.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A loader that counts its calls and answers `value` (or fails with `error`) after `ms`. */
function loader<V>(value: V, ms = 0) {
  const state = { calls: 0, error: undefined as unknown };
  const load = async () => {
    state.calls++;
    if (ms > 0) await sleep(ms);
    if (state.error !== undefined) throw state.error;
    return value;
  };
  return { state, load };
}

/** A clock the test moves by hand, so no assertion depends on how busy the machine is. */
function manualClock() {
  let at = 1_000_000;
  return { now: () => at, advance: (ms: number) => void (at += ms) };
}

describe('LookupCache', () => {
  it('answers from memory until the TTL passes, then asks again', async () => {
    const clock = manualClock();
    const cache = new LookupCache<string[]>({ max: 10, ttlMs: 40, now: clock.now });
    const { state, load } = loader(['Toyota']);
    expect(await cache.get('k', load)).toEqual(['Toyota']);
    clock.advance(39);
    expect(await cache.get('k', load)).toEqual(['Toyota']);
    expect(state.calls).toBe(1);
    clock.advance(2);
    await cache.get('k', load);
    expect(state.calls).toBe(2);
  });

  it('shares one call between concurrent misses of a key, not between keys', async () => {
    const cache = new LookupCache<string[]>({ max: 10, ttlMs: 60_000 });
    const { state, load } = loader(['RAV4'], 20);
    const answers = await Promise.all([cache.get('a', load), cache.get('a', load), cache.get('a', load), cache.get('b', load)]);
    expect(answers).toEqual([['RAV4'], ['RAV4'], ['RAV4'], ['RAV4']]);
    expect(state.calls).toBe(2);
  });

  it('never keeps a failure, and every waiter of a failed call sees it', async () => {
    const cache = new LookupCache<string[]>({ max: 10, ttlMs: 60_000 });
    const { state, load } = loader(['Civic'], 10);
    state.error = new VendorError('PACE', 'unavailable', 'down');
    const [a, b] = await Promise.allSettled([cache.get('k', load), cache.get('k', load)]);
    expect(a.status).toBe('rejected');
    expect(b.status).toBe('rejected');
    expect(state.calls).toBe(1);
    state.error = undefined;
    expect(await cache.get('k', load)).toEqual(['Civic']);
    expect(state.calls).toBe(2);
  });

  it('lets a stale answer stand in for a failing vendor, within its window and for the failures allowed', async () => {
    const clock = manualClock();
    const cache = new LookupCache<string[]>({
      max: 10,
      ttlMs: 30,
      staleIfErrorMs: 300,
      canServeStale: (e) => e instanceof VendorError && e.kind !== 'rejected',
      now: clock.now,
    });
    const { state, load } = loader(['Accord']);
    await cache.get('k', load);
    clock.advance(50);
    state.error = new VendorError('PACE', 'timeout', 'slow');
    expect(await cache.get('k', load)).toEqual(['Accord']);
    state.error = new VendorError('PACE', 'rejected', 'no');
    await expect(cache.get('k', load)).rejects.toThrow('no');
    clock.advance(281);
    state.error = new VendorError('PACE', 'timeout', 'slow');
    await expect(cache.get('k', load)).rejects.toThrow('slow');
  });

  it('holds at most `max` entries, dropping the least recently used', async () => {
    const cache = new LookupCache<string>({ max: 2, ttlMs: 60_000 });
    const { state, load } = loader('x');
    await cache.get('a', load);
    await cache.get('b', load);
    await cache.get('a', load);
    await cache.get('c', load);
    expect(cache.size).toBe(2);
    expect(state.calls).toBe(3);
    await cache.get('a', load);
    expect(state.calls).toBe(3);
    await cache.get('b', load);
    expect(state.calls).toBe(4);
  });
});
