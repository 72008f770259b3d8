/**
 * @coverkit/widget as a dealer developer gets it: `npm pack -w widget` (which
 * builds it through its prepack) gives the tarball; it is unpacked into a fresh
 * project beside the repository (lit linked from ours, nothing downloaded),
 * where a strict TypeScript 5.9 consumer of every exported type, the typed
 * element and its events must compile, Node must get null from loadCoverkit(),
 * and Vite must bundle the element entry.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = process.cwd();
const tsc = createRequire(path.join(repo, 'widget/package.json')).resolve('typescript/bin/tsc');

let work: string;
let consumer: string;
let tarball: string;
let packedFiles: string[];

/** Writes files under the consumer project. */
function write(files: Record<string, string>) {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(consumer, name)), { recursive: true });
    writeFileSync(path.join(consumer, name), text);
  }
}

async function compile(project: string): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout } = await run(process.execPath, [tsc, '-p', project], { cwd: consumer });
    return { ok: true, output: stdout };
  } catch (error) {
    return { ok: false, output: String((error as { stdout?: string }).stdout ?? error) };
  }
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'coverkit-package-'));
  const { stdout } = await run('npm', ['pack', '-w', 'widget', '--pack-destination', work, '--json'], {
    cwd: repo,
    maxBuffer: 16 * 1024 * 1024,
  });
  const [packed] = JSON.parse(stdout.slice(stdout.indexOf('['))) as [{ filename: string; files: { path: string }[] }];
  tarball = path.join(work, packed.filename);
  packedFiles = packed.files.map((f) => f.path).sort();

  consumer = path.join(work, 'dealer-site');
  const installed = path.join(consumer, 'node_modules/@coverkit/widget');
  mkdirSync(installed, { recursive: true });
  await run('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
  // Its dependencies, from the repository's own install: no registry needed.
  const { dependencies } = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  for (const name of Object.keys(dependencies)) {
    mkdirSync(path.dirname(path.join(consumer, 'node_modules', name)), { recursive: true });
    symlinkSync(path.join(repo, 'node_modules', name), path.join(consumer, 'node_modules', name), 'dir');
  }
  write({ 'package.json': JSON.stringify({ name: 'dealer-site', private: true, type: 'module' }) });
}, 240_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('npm pack -w widget', () => {
  it('gives coverkit-widget-<version>.tgz with the repository’s version', () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(path.basename(tarball)).toBe(`coverkit-widget-${version}.tgz`);
  });

  it('holds only browser modules, their types, the manifest, the README and the license', () => {
    expect(packedFiles).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'dist/custom-elements.json']));
    for (const file of packedFiles) {
      expect(file).toMatch(/^(LICENSE|README\.md|package\.json|dist\/custom-elements\.json|dist\/[\w/.-]+\.(js|d\.ts))$/);
      expect(file).not.toMatch(/^(server|test|bench|demo|scripts|contract)\//);
    }
    for (const file of packedFiles.filter((f) => f.endsWith('.js'))) {
      const code = readFileSync(path.join(consumer, 'node_modules/@coverkit/widget', file), 'utf8');
      // Only lit and @lit/context are imported from outside the package; nothing of Node.
      for (const [, specifier] of code.matchAll(/^import[^'"]*["']([^'"]+)["']/gm))
        expect(specifier).toMatch(/^(\.\/|\.\.\/|lit($|\/)|@lit\/)/);
      expect(code).not.toMatch(/["']node:|process\.env|from ["']zod/);
    }
  });

  it('is clean by publint', async () => {
    const bytes = readFileSync(tarball);
    const { messages } = await publint({ pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) } });
    expect(messages).toEqual([]);
  });

  it('describes <coverkit-widget> in custom-elements.json, and its README documents every part, property, event and callback', () => {
    const installed = path.join(consumer, 'node_modules/@coverkit/widget');
    const manifestFile = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')).customElements as string;
    const manifest = JSON.parse(readFileSync(path.join(installed, manifestFile), 'utf8'));
    const [widget] = manifest.modules.flatMap((m: any) => m.declarations);
    expect(widget.tagName).toBe('coverkit-widget');
    expect(widget.attributes.map((a: any) => a.name)).toEqual(['client-id', 'session-token', 'api-base', 'locale', 'vin', 'postal-code']);
    expect(widget.events.map((e: any) => [e.name, e.type.text]).sort()).toEqual([
      ['coverkit-event', 'CustomEvent<WidgetEvent>'],
      ['coverkit-exit', 'CustomEvent<ExitPayload>'],
      ['coverkit-success', 'CustomEvent<SuccessPayload>'],
    ]);
    expect(widget.cssParts.length).toBeGreaterThan(30);
    expect(widget.cssProperties.length).toBeGreaterThan(10);

    const readme = readFileSync(path.join(installed, 'README.md'), 'utf8');
    for (const { name } of [...widget.cssParts, ...widget.cssProperties, ...widget.events, ...widget.attributes]) {
      expect(readme, name).toContain(`\`${name}\``);
    }
    for (const callback of ['onSuccess', 'onExit', 'onEvent']) expect(readme).toContain(`\`${callback}(`);
    expect(readme).toContain('`fetchSessionToken`');
    for (const heading of ['## Script tag', '## npm, with Vite', '## Next.js', '## Content-Security-Policy', '## Theming']) {
      expect(readme).toContain(heading);
    }
  });

  it('types a strict TypeScript 5.9 consumer: every exported type, the element and its events (and refuses misuse)', async () => {
    write({
      'src/dealer.ts': `
        import {
          type Coverkit, type CoverkitEventDetail, type CoverkitEventMap, type CoverkitEventName, type CoverkitHandle,
          type CoverkitWidgetElement, type CreateOptions, type ExitPayload, type LoadOptions, type SuccessPayload,
          type WidgetEvent, type WidgetEventName, loadCoverkit,
        } from '@coverkit/widget';

        const load: LoadOptions = { host: 'https://coverkit.example.com' };
        const seen: WidgetEventName[] = [];
        const options: CreateOptions = {
          clientId: 'demo-dealer',
          locale: 'es',
          theme: { '--coverkit-color-primary': '#b00020' },
          onSuccess: (payload: SuccessPayload) => {
            const submission: string = payload.submissionId;
            const total: number | undefined = payload.selectedQuote?.payPlans?.[0]?.totalPremiumCents;
            console.log(submission, total, payload.flowUrl);
          },
          onExit: (error: ExitPayload['error'], metadata: ExitPayload['metadata']) => console.log(error?.code, metadata.step),
          onEvent: (event: WidgetEvent) => seen.push(event.name),
        };
        export async function start(): Promise<CoverkitHandle | undefined> {
          const coverkit: Coverkit | null = await loadCoverkit(load);
          if (!coverkit) return undefined;
          const handle: CoverkitHandle = coverkit.create(options);
          handle.open();
          console.log(coverkit.version);
          return handle;
        }

        const widget: CoverkitWidgetElement = document.createElement('coverkit-widget');
        widget.clientId = 'demo-dealer';
        widget.sessionToken = 'eyJ';
        widget.fetchSessionToken = async () => 'eyJ';
        const fromBackend: CreateOptions = {
          fetchSessionToken: async () => ((await (await fetch('/session', { method: 'POST' })).json()) as { sessionToken: string }).sessionToken,
        };
        // @ts-expect-error fetchSessionToken resolves to the session token, a string
        const notAToken: CreateOptions = { fetchSessionToken: async () => 42 };
        console.log(fromBackend, notAToken);
        widget.apiBase = 'https://coverkit.example.com';
        widget.locale = 'en';
        document.querySelector('coverkit-widget')?.exit();
        widget.addEventListener('coverkit-success', (event) => console.log(event.detail.quoteRequestId));
        widget.addEventListener('coverkit-exit', (event) => console.log(event.detail.metadata.sessionId));
        widget.addEventListener('coverkit-event', (event) => seen.push(event.detail.name));
        document.addEventListener('coverkit-success', (event) => console.log(event.detail.selectedQuote?.carrierName));
        const names: CoverkitEventName[] = ['coverkit-success', 'coverkit-exit', 'coverkit-event'];
        const detail: CoverkitEventDetail['coverkit-exit'] = { error: null, metadata: { step: 'start' } };
        const event: CoverkitEventMap['coverkit-event'] = new CustomEvent('coverkit-event', {
          detail: { name: 'open', timestamp: new Date().toISOString() },
        });
        console.log(names, detail, event, window.Coverkit?.version);

        // @ts-expect-error the event names are a closed list
        seen.push('clicked');
        // @ts-expect-error clientId is a string
        widget.clientId = 42;
        // @ts-expect-error the success payload has no such field
        widget.addEventListener('coverkit-success', (e) => e.detail.premium);
        // @ts-expect-error create needs its options
        window.Coverkit?.create();
      `,
      'src/bundled.ts': `
        import { create, type CoverkitHandle } from '@coverkit/widget/element';
        export const handle: CoverkitHandle = create({ clientId: 'demo-dealer', apiBase: 'https://coverkit.example.com' });
      `,
      'tsconfig.json': JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'Bundler',
          lib: ['ES2022', 'DOM', 'DOM.Iterable'],
          types: [],
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          // TypeScript's own lib files need no checking here (the package's declarations are checked).
          skipDefaultLibCheck: true,
        },
        include: ['src'],
      }),
      'tsconfig.node.json': JSON.stringify({
        extends: './tsconfig.json',
        compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' },
      }),
    });
    for (const project of ['tsconfig.json', 'tsconfig.node.json']) {
      const result = await compile(project);
      expect(result.output, project).toBe('');
      expect(result.ok, project).toBe(true);
    }

    // The same consumer against untyped payloads would compile its misuse: prove the checks bite.
    write({
      'src/wrong.ts': `import type { SuccessPayload } from '@coverkit/widget';\nexport const id: number = ({} as SuccessPayload).submissionId;\n`,
    });
    const wrong = await compile('tsconfig.json');
    rmSync(path.join(consumer, 'src/wrong.ts'));
    expect(wrong.ok).toBe(false);
    expect(wrong.output).toContain("Type 'string' is not assignable to type 'number'");
  }, 180_000);

  it('in Node, loadCoverkit() resolves null and touches no global', async () => {
    const script = `
      import { loadCoverkit } from '@coverkit/widget';
      const before = Object.keys(globalThis).sort().join();
      const results = [await loadCoverkit(), await loadCoverkit({ host: 'https://coverkit.example.com' })];
      console.log(JSON.stringify({ results, window: typeof window, globalsChanged: before !== Object.keys(globalThis).sort().join() }));
    `;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: consumer });
    expect(JSON.parse(stdout)).toEqual({ results: [null, null], window: 'undefined', globalsChanged: false });
  });

  it('bundles with Vite: the element entry defines <coverkit-widget>, with lit from the app', async () => {
    write({
      'index.html':
        '<!doctype html><script type="module" src="/src/main.ts"></script><coverkit-widget client-id="demo-dealer"></coverkit-widget>',
      'src/main.ts': "import '@coverkit/widget/element';\n",
    });
    const output = await build({ root: consumer, logLevel: 'silent', configFile: false, build: { write: false } });
    const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) => ('output' in o ? o.output : []));
    const code = chunks.map((c) => ('code' in c ? c.code : '')).join('\n');
    expect(/customElements\.define\([`'"]coverkit-widget[`'"]/.test(code), 'defines coverkit-widget').toBe(true);
    expect(code.match(/litHtmlVersions\?\?=\[\]\)\.push/g)?.length, 'lit bundled once').toBe(1);
  }, 60_000);
});
