/**
 * Makes "not found" take as long as finding something. A policy lookup that
 * finds a record makes more vendor calls (drivers, vehicles, coverages) than
 * one that finds none, so without this the time to a 404 would tell a caller
 * whether a policy number or email exists even when the date of birth is
 * wrong. Every 404 is held until a target: the 90th percentile of how long
 * recent lookups that found records took, never below a floor nor above a
 * ceiling (so one slow vendor moment cannot stall every 404 for long).
 */
import { setTimeout as sleep } from 'node:timers/promises';
export type EqualTimingOptions = {
  floorMs?: number;
  ceilingMs?: number;
  /** How many recent durations the percentile is taken over. */
  window?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
};

const PERCENTILE = 0.9;

export class EqualTiming {
  readonly #recent: number[] = [];
  readonly #floorMs: number;
  readonly #ceilingMs: number;
  readonly #window: number;
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(options: EqualTimingOptions = {}) {
    this.#floorMs = options.floorMs ?? 250;
    this.#ceilingMs = options.ceilingMs ?? 5_000;
    this.#window = options.window ?? 64;
    this.#now = options.now ?? (() => performance.now());
    this.#sleep = options.sleep ?? ((ms) => sleep(ms));
  }

  /** A timestamp to measure from, taken when the lookup starts. */
  start(): number {
    return this.#now();
  }

  /** Records how long a lookup that found records took (whether or not the date of birth then matched). */
  found(startedAt: number): void {
    this.#recent.push(this.#now() - startedAt);
    if (this.#recent.length > this.#window) this.#recent.shift();
  }

  /** How long a not-found answer should take now. */
  targetMs(): number {
    const sorted = [...this.#recent].sort((a, b) => a - b);
    const typical = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * PERCENTILE))] ?? 0;
    return Math.min(this.#ceilingMs, Math.max(this.#floorMs, typical));
  }

  /** Waits until the target has passed since `startedAt`. */
  async hold(startedAt: number): Promise<void> {
    const wait = startedAt + this.targetMs() - this.#now();
    if (wait > 0) await this.#sleep(wait);
  }
}
