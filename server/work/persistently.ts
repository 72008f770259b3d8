import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Runs a database write up to three times, a quarter and half a second apart:
 * for writes that must not be lost to a blip (what a vendor made, a lease
 * handed back), where giving up would leave the job to a lapsing lease.
 */
export async function persistently<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= 2) throw error;
      await sleep(250 * (attempt + 1));
    }
  }
}
