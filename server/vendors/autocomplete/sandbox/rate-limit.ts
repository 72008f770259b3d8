/**
 * "Requests are rate limited to one request per second." Counted per API key
 * over a sliding second, on the sandbox's clock so tests can step time instead
 * of sleeping. Refused requests do not count: they did nothing.
 */
export class PerSecondLimit {
  readonly #accepted = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly now: () => Date,
  ) {}

  /** Counts a request for `key`; answers how long to wait when it is over the limit. */
  take(key: string): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const at = this.now().getTime();
    const recent = (this.#accepted.get(key) ?? []).filter((time) => at - time < 1000);
    if (recent.length >= this.limit) {
      this.#accepted.set(key, recent);
      const oldest = recent[0] ?? at;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + 1000 - at) / 1000)) };
    }
    recent.push(at);
    this.#accepted.set(key, recent);
    return { allowed: true };
  }
}
