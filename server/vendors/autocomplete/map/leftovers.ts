/**
 * What a mapping did not use. Each mapping records the paths it read; this
 * walks the input and lists every present value outside them, as the
 * shortest path that is wholly unused (`trade_ins`, not each of its fields).
 * Walking the input, rather than listing known fields, means a field nobody
 * anticipated is reported too, never dropped unseen.
 */

/** Paths a mapping used, dot separated with list positions as numbers (`new_vehicles.0.vin`). */
export class UsedPaths {
  readonly #paths = new Set<string>();

  add(path: string) {
    this.#paths.add(path);
  }

  /** Records `path` when `value` is present and returns `value`. */
  take<T>(path: string, value: T): T {
    if (value !== undefined) this.#paths.add(path);
    return value;
  }

  covers(path: string): boolean {
    for (let at = path; at !== ''; at = at.includes('.') ? at.slice(0, at.lastIndexOf('.')) : '') {
      if (this.#paths.has(at)) return true;
    }
    return false;
  }

  hasWithin(path: string): boolean {
    if (path === '') return this.#paths.size > 0;
    for (const used of this.#paths) if (used.startsWith(`${path}.`)) return true;
    return false;
  }
}

const join = (path: string, key: string | number) => (path === '' ? String(key) : `${path}.${key}`);

/** Present values: null, undefined, "" and empty lists or objects say nothing. */
function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.every(isEmpty);
  if (typeof value === 'object') return Object.values(value).every(isEmpty);
  return false;
}

export function leftovers(value: unknown, used: UsedPaths, path = ''): string[] {
  if (isEmpty(value) || used.covers(path)) return [];
  if (path !== '' && !used.hasWithin(path)) return [path];
  if (Array.isArray(value)) return value.flatMap((item, i) => leftovers(item, used, join(path, i)));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => leftovers(item, used, join(path, key)));
  }
  return [path];
}
