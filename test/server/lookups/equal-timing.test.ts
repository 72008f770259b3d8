/** EqualTiming: how long a not-found policy lookup is held. */
import { describe, expect, it } from 'vitest';
import { EqualTiming } from '../../../server/lookups/equal-timing.ts';

function clock() {
  const state = { now: 0, slept: [] as number[] };
  return {
    state,
    options: {
      now: () => state.now,
      sleep: async (ms: number) => {
        state.slept.push(ms);
        state.now += ms;
      },
    },
  };
}

describe('EqualTiming', () => {
  it('holds a not-found answer to the floor when nothing slower has been seen', async () => {
    const { state, options } = clock();
    const timing = new EqualTiming({ ...options, floorMs: 250 });
    const started = timing.start();
    state.now += 30;
    await timing.hold(started);
    expect(state.slept).toEqual([220]);
  });

  it('follows the 90th percentile of lookups that found records, up to the ceiling', () => {
    const { state, options } = clock();
    const timing = new EqualTiming({ ...options, floorMs: 100, ceilingMs: 2_000, window: 10 });
    for (const ms of [300, 310, 320, 330, 340, 350, 360, 370, 380, 900]) {
      const started = timing.start();
      state.now += ms;
      timing.found(started);
    }
    expect(timing.targetMs()).toBe(900);
    const started = timing.start();
    state.now += 5_000;
    timing.found(started);
    // The window keeps the last 10: 310…380, 900, 5000 → the 90th percentile is 5000, capped.
    expect(timing.targetMs()).toBe(2_000);
  });

  it('does not hold an answer that already took longer than the target', async () => {
    const { state, options } = clock();
    const timing = new EqualTiming({ ...options, floorMs: 250 });
    const started = timing.start();
    state.now += 400;
    await timing.hold(started);
    expect(state.slept).toEqual([]);
  });
});
