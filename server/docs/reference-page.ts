/**
 * A self-contained HTML reference rendered on the server from the OpenAPI
 * document: no CDN, no script, so it works offline and under our strict CSP.
 */
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

type Doc = {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
};
type Operation = {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean; description?: string }[];
  requestBody?: { content?: Record<string, { schema?: unknown; example?: unknown }> };
  responses?: Record<string, { description?: string }>;
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** `schema` with every `#/components/schemas/…` reference replaced by what it names, so the page reads on its own. */
function inlined(schema: unknown, schemas: Record<string, unknown>, seen: ReadonlySet<string> = new Set()): unknown {
  if (Array.isArray(schema)) return schema.map((item) => inlined(item, schemas, seen));
  if (!schema || typeof schema !== 'object') return schema;
  const ref = (schema as { $ref?: unknown }).$ref;
  if (typeof ref === 'string' && ref.startsWith('#/components/schemas/')) {
    const name = ref.slice('#/components/schemas/'.length);
    return seen.has(name) ? { $ref: ref } : inlined(schemas[name], schemas, new Set([...seen, name]));
  }
  return Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, inlined(value, schemas, seen)]));
}

function operation(path: string, method: string, op: Operation, schemas: Record<string, unknown>) {
  // A session token's requirement names the journey the session must include.
  const security =
    (op.security ?? [])
      .flatMap((s) => Object.entries(s).map(([name, roles]) => (roles.length > 0 ? `${name} (${roles.join(', ')} journey)` : name)))
      .join(' + ') || 'none';
  const media = op.requestBody?.content?.['application/json'];
  const body = media?.schema ? inlined(media.schema, schemas) : undefined;
  return html`<section class="op">
    <h3><span class="method ${method}">${method.toUpperCase()}</span> <code>${path}</code></h3>
    <p>${op.summary ?? ''}</p>
    ${op.description ? html`<p class="desc">${op.description}</p>` : ''}
    <p class="auth">Authentication: <code>${security}</code></p>
    ${
      op.parameters?.length
        ? html`<h4>Parameters</h4><ul>${op.parameters.map((p) => html`<li><code>${p.name}</code> (${p.in}${p.required ? ', required' : ''})</li>`)}</ul>`
        : ''
    }
    ${body ? html`<details><summary>Request body schema</summary><pre>${JSON.stringify(body, null, 2)}</pre></details>` : ''}
    ${media?.example !== undefined ? html`<details><summary>Request body example</summary><pre>${JSON.stringify(media.example, null, 2)}</pre></details>` : ''}
    <h4>Responses</h4>
    <ul>${Object.entries(op.responses ?? {}).map(([status, r]) => html`<li><code>${status}</code> ${r.description ?? ''}</li>`)}</ul>
  </section>`;
}

export function renderReference(doc: Doc): HtmlEscapedString | Promise<HtmlEscapedString> {
  const ops = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({ path, method: m, op: item[m]!, tag: item[m]!.tags?.[0] ?? 'Other' })),
  );
  const tags = [...new Set(ops.map((o) => o.tag))];
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${doc.info.title} reference</title><link rel="stylesheet" href="/docs.css"></head>
<body><header><h1>${doc.info.title} <small>v${doc.info.version}</small></h1><p>${doc.info.description ?? ''}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1)</p>
<nav>${tags.map((t) => html`<a href="#${t}">${t}</a> `)}</nav></header>
<main>${tags.map((t) => html`<h2 id="${t}">${t}</h2>${ops.filter((o) => o.tag === t).map((o) => operation(o.path, o.method, o.op, doc.components?.schemas ?? {}))}`)}</main>
</body></html>`;
}

export const REFERENCE_CSS = raw(`
body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:960px;padding:1rem;color:#1b1f24}
code,pre{font-family:ui-monospace,monospace;font-size:.9em}
pre{background:#f4f5f7;padding:.75rem;overflow:auto;border-radius:6px}
.op{border:1px solid #d0d7de;border-radius:8px;padding:0 1rem;margin:1rem 0}
.method{display:inline-block;min-width:4em;text-align:center;border-radius:4px;color:#fff;padding:0 .4em;font-size:.8em}
.get{background:#1f6feb}.post{background:#1a7f37}.put,.patch{background:#9a6700}.delete{background:#cf222e}
nav a{margin-right:.75rem}.desc,.auth{color:#57606a}
`);
