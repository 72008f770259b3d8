/**
 * Subresource Integrity for the chunks the widget loads after its first one.
 * An import() checks no integrity, so a page that pins the loader (README,
 * "Pin a version") would otherwise pin only the first chunk. The loader, built
 * after every chunk, carries each one's address and integrity and hands them to
 * this module on its <script> (`data-coverkit-chunks`). Before the widget first
 * imports a chunk, each gets a `<link rel="modulepreload" integrity>`: the
 * import shares that fetch, and the browser refuses bytes that differ. (An
 * import map's `integrity` would do the same, but an import map is an inline
 * script, which a dealer page's Content-Security-Policy may rightly forbid.)
 * Without a loader (the npm package, tests) there is nothing to pin.
 */
type Chunks = Record<string, { src: string; integrity: string }>;

const script = () => document.querySelector<HTMLScriptElement>('script[data-coverkit-chunks]');

function listed(): Chunks {
  try {
    return JSON.parse(script()?.dataset.coverkitChunks ?? '{}') as Chunks;
  } catch {
    return {};
  }
}

const preloaded = new Set<string>();

/** Pins the chunks a step needs (the form, what follows it, and the code they share), or the Spanish strings. */
export function pinChunks(which: 'steps' | 'spanish'): void {
  for (const [name, { src, integrity }] of Object.entries(listed())) {
    if ((name === 'spanish') !== (which === 'spanish') || preloaded.has(name)) continue;
    preloaded.add(name);
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = src;
    link.integrity = integrity;
    link.crossOrigin = 'anonymous';
    link.nonce = script()?.nonce ?? '';
    document.head.append(link);
  }
}
