// The Custom Elements Manifest (custom-elements.json) of @coverkit/widget, from
// the doc block that opens <coverkit-widget>'s file (its events, parts and CSS
// custom properties) and its Lit properties. Only the widget is public: the
// step elements render inside its shadow root and are not meant to be placed.
import { readFileSync } from 'node:fs';

const PACKAGE_MODULE = 'dist/element.js';
const EVENT_DETAIL = /'(coverkit-[a-z-]+)': (\w+);/g;

/** The type of each event's `detail`, as types.ts declares it (CoverkitEventDetail). */
function eventDetailTypes() {
  const source = readFileSync(new URL('./types.ts', import.meta.url), 'utf8');
  return new Map([...source.matchAll(EVENT_DETAIL)].map(([, name, type]) => [name, `CustomEvent<${type}>`]));
}

/**
 * Our components open their file with the doc block (before the imports), where the analyzer
 * looks only right above the class: hand it the file with the block moved there.
 */
function withHeaderAboveClass(source) {
  const header = /^\/\*\*[\s\S]*?\*\/\n/.exec(source)?.[0];
  if (!header) return source;
  return source.slice(header.length).replace(/^export class /m, `${header}export class `);
}

/** Drops what a dealer cannot use: private members and Lit's internal reactive state. */
function publicSurfaceOnly() {
  const internalState = new Set();
  return {
    name: 'coverkit-public-surface',
    analyzePhase({ ts, node }) {
      if (!ts.isClassDeclaration(node)) return;
      for (const member of node.members) {
        if (!ts.isPropertyDeclaration(member) || member.name.getText() !== 'properties') continue;
        const properties = member.initializer;
        if (!properties || !ts.isObjectLiteralExpression(properties)) continue;
        for (const property of properties.properties) {
          if (ts.isPropertyAssignment(property) && /\bstate:\s*true\b/.test(property.initializer.getText())) {
            internalState.add(property.name.getText());
          }
        }
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      const details = eventDetailTypes();
      const elements = customElementsManifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement && d.tagName);
      for (const element of elements) {
        element.members = element.members?.filter((m) => m.privacy !== 'private' && !internalState.has(m.name));
        element.attributes = element.attributes?.filter((a) => !internalState.has(a.fieldName));
        for (const event of element.events ?? []) {
          const type = details.get(event.name);
          if (type) event.type = { text: type };
        }
      }
      // Described where a consumer finds them: the package's element module, which defines them.
      customElementsManifest.modules = [
        {
          kind: 'javascript-module',
          path: PACKAGE_MODULE,
          declarations: elements,
          exports: elements.map((e) => ({
            kind: 'custom-element-definition',
            name: e.tagName,
            declaration: { name: e.name, module: PACKAGE_MODULE },
          })),
        },
      ];
    },
  };
}

export default {
  globs: ['components/widget/coverkit-widget.component.ts', 'element.ts'],
  outdir: 'dist',
  litelement: true,
  // widget/package.json names the manifest itself.
  packagejson: false,
  overrideModuleCreation: ({ ts, globs }) =>
    globs.map((glob) => {
      const source = readFileSync(new URL(glob, import.meta.url), 'utf8');
      return ts.createSourceFile(glob, withHeaderAboveClass(source), ts.ScriptTarget.ES2022, true);
    }),
  plugins: [publicSurfaceOnly()],
};
