/**
 * loadCoverkit() as a page built with the npm package calls it: it puts the
 * widget script from the Coverkit host on the page once however often it is
 * called, resolves to window.Coverkit, and when the host cannot be reached it
 * tries three times, then rejects with an error that names the script.
 */
import { describe, expect, inject, it } from 'vitest';
import { page } from 'vitest/browser';
import { loadCoverkit } from '../../widget/index.ts';

const apiBase = inject('apiBase');
const unreachable = 'http://127.0.0.1:9';

/** The widget scripts loadCoverkit put on the page so far (the loader puts the widget's module next to its own). */
const widgetScripts = () =>
  [...document.querySelectorAll<HTMLScriptElement>('script[src]')].filter(
    (s) => s.src === `${apiBase}/coverkit.js` || s.src.startsWith(unreachable),
  );

describe('loadCoverkit', () => {
  it('when the host cannot be reached, tries three times and rejects naming the script; a later call tries again', async () => {
    const inserted: string[] = [];
    const watcher = new MutationObserver((records) => {
      for (const node of records.flatMap((r) => [...r.addedNodes])) if (node instanceof HTMLScriptElement) inserted.push(node.src);
    });
    watcher.observe(document.head, { childList: true });
    const failure = await loadCoverkit({ host: unreachable }).catch((error: unknown) => error);
    watcher.disconnect();
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/^Coverkit: the widget script http:\/\/127\.0\.0\.1:9\/\S+ did not load after 3 attempts/);
    expect(inserted).toHaveLength(3);
    expect(widgetScripts(), 'failed attempts leave nothing behind').toEqual([]);

    // Not stuck on the failure: the next call loads from a host that answers.
    const coverkit = await loadCoverkit({ host: apiBase });
    expect(typeof coverkit?.create).toBe('function');
  }, 20_000);

  it('puts the script on the page once however often it is called, and resolves to window.Coverkit', async () => {
    const [first, second] = await Promise.all([loadCoverkit({ host: apiBase }), loadCoverkit({ host: apiBase })]);
    expect(first).toBe(second);
    expect(first).toBe(window.Coverkit);
    expect(await loadCoverkit()).toBe(first);
    expect(widgetScripts()).toHaveLength(1);
    // The loader put the widget's content-hashed module next to itself, pinned by its integrity.
    const modules = [...document.querySelectorAll<HTMLScriptElement>('script[type="module"]')].filter((s) => s.src.startsWith(apiBase));
    expect(modules).toHaveLength(1);
    expect(modules[0]!.src).toMatch(new RegExp(`^${apiBase}/widget/coverkit-[\\w-]{8,}\\.js$`));
    expect(modules[0]!.integrity).toMatch(/^sha384-[A-Za-z0-9+/]{64}$/);

    const handle = first!.create({ clientId: 'acme-motors', apiBase });
    handle.open();
    await expect.element(page.getByText('Offered by Acme Motors')).toBeVisible();
    handle.destroy();
  });
});
