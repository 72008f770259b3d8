/**
 * `@coverkit/widget`: `loadCoverkit()` puts the widget script from the
 * Coverkit host on the page (once) and resolves to `window.Coverkit`, in the
 * manner of Stripe's `loadStripe`. Importing this module loads nothing and
 * touches no global: during server-side rendering `loadCoverkit()` resolves
 * null, so a page can import it anywhere and call it from client code.
 */
import type { Coverkit } from './types.ts';

export type * from './types.ts';

export type LoadOptions = {
  /** The Coverkit host to load the widget from, e.g. `https://coverkit.example.com`. */
  host?: string | undefined;
};

/** Replaced at build time: the host this package was built for (COVERKIT_PUBLIC_URL when packing). */
declare const __COVERKIT_DEFAULT_HOST__: string | undefined;
const DEFAULT_HOST = typeof __COVERKIT_DEFAULT_HOST__ === 'string' ? __COVERKIT_DEFAULT_HOST__ : 'http://localhost:8787';
const SCRIPT_PATH = '/coverkit.js';
/** Waits before the 2nd and 3rd attempt: a blip in the network or a deploy passes; a wrong host fails in about 2 s. */
const RETRY_DELAYS_MS = [400, 1600];

let loading: Promise<Coverkit> | undefined;

/**
 * Loads the widget script from `host` and resolves to `window.Coverkit`. However
 * often it is called, the script is put on the page once and every call gets the
 * same promise; a failed load is retried twice with a growing wait and then
 * rejects with an Error naming the URL (a later call tries again). Resolves null
 * where there is no `window` (server-side rendering, Node).
 */
export function loadCoverkit(options: LoadOptions = {}): Promise<Coverkit | null> {
  if (typeof window === 'undefined' || typeof document === 'undefined') return Promise.resolve(null);
  loading ??= load(new URL(SCRIPT_PATH, options.host ?? DEFAULT_HOST).href).catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function load(url: string): Promise<Coverkit> {
  if (window.Coverkit) return window.Coverkit;
  for (let attempt = 0; ; attempt++) {
    try {
      return await inject(url);
    } catch (error) {
      const delay = RETRY_DELAYS_MS[attempt];
      if (delay === undefined) {
        throw new Error(
          `Coverkit: the widget script ${url} did not load after ${attempt + 1} attempts (${(error as Error).message}). ` +
            'Check the host, and that the page’s Content-Security-Policy allows it in script-src.',
        );
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

function inject(url: string): Promise<Coverkit> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = url;
    script.async = true;
    script.addEventListener('load', () => {
      if (window.Coverkit) resolve(window.Coverkit);
      else reject(new Error('it loaded but did not define window.Coverkit'));
    });
    script.addEventListener('error', () => {
      script.remove();
      reject(new Error('the request failed or was refused'));
    });
    document.head.append(script);
  });
}
