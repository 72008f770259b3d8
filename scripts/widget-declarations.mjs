// The .d.ts files of @coverkit/widget, emitted by TypeScript 5.9 (the package's
// own devDependency: the repository's tsc is TypeScript 7, which has no
// compiler API). The payload types come from contract/, whose zod schemas a
// dealer does not install: each is written out as the plain type it infers, so
// the declarations stand alone and still cannot drift from the contract.
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(new URL('../widget/package.json', import.meta.url));
const ts = require('typescript');

const COMPILER_OPTIONS = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  types: [],
  strict: true,
  experimentalDecorators: true,
  useDefineForClassFields: false,
  allowImportingTsExtensions: true,
  resolveJsonModule: true,
  skipLibCheck: true,
  declaration: true,
  emitDeclarationOnly: true,
};
const FLATTEN = ts.NodeBuilderFlags.NoTruncation | ts.NodeBuilderFlags.MultilineObjectLiterals | ts.NodeBuilderFlags.InTypeAlias;
const printer = ts.createPrinter();

/**
 * Returns { 'index.d.ts': text, … } for the given entries (paths inside widget/) and
 * every widget module their declarations import; throws when declaration emit reports
 * an error or a declaration would reach beyond widget/ other than into contract/.
 */
export function widgetDeclarations(widgetDir, entries) {
  if (!ts.version.startsWith('5.9.')) throw new Error(`widget declarations need TypeScript 5.9, found ${ts.version}`);
  const rootNames = entries.map((entry) => path.join(widgetDir, entry));
  const program = ts.createProgram({ rootNames, options: COMPILER_OPTIONS });
  // The repository's tsc has checked these sources already; what declaration emit itself reports is checked here.
  const emitted = new Map();
  const { diagnostics } = program.emit(undefined, (file, text) => emitted.set(path.resolve(file), text), undefined, true);
  if (diagnostics.length) {
    const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => process.cwd(), getNewLine: () => '\n' };
    throw new Error(ts.formatDiagnostics(diagnostics, host));
  }

  const out = {};
  const pending = rootNames.map((file) => file.replace(/\.ts$/, '.d.ts'));
  while (pending.length) {
    const file = pending.pop();
    const name = path.relative(widgetDir, file);
    if (name in out) continue;
    let text = emitted.get(file);
    if (text === undefined) throw new Error(`no declarations emitted for ${name}`);
    text = inlineContractTypes(program, file.replace(/\.d\.ts$/, '.ts'), text);
    for (const [, specifier] of text.matchAll(/from '(\.[^']+)'/g)) {
      const target = path.resolve(path.dirname(file), specifier.replace(/\.ts$/, '.d.ts'));
      if (!target.startsWith(widgetDir + path.sep)) throw new Error(`${name} imports ${specifier}, outside the package`);
      pending.push(target);
    }
    out[name] = text.replace(/from '(\.[^']+)\.ts'/g, "from '$1.js'");
  }
  return out;
}

/** Replaces `import type { A, B } from '../contract/…'` with `type A = {…}` written out by the checker. */
function inlineContractTypes(program, sourcePath, text) {
  const source = program.getSourceFile(sourcePath);
  const checker = program.getTypeChecker();
  const outside = source.statements.filter(
    (s) => ts.isImportDeclaration(s) && s.importClause?.isTypeOnly && s.moduleSpecifier.text.startsWith('../'),
  );
  for (const statement of outside) {
    const specifier = statement.moduleSpecifier.text;
    if (!specifier.startsWith('../contract/')) throw new Error(`${sourcePath} imports ${specifier}: only contract/ types are inlined`);
    const aliases = statement.importClause.namedBindings.elements.map((element) => {
      const symbol = checker.getAliasedSymbol(checker.getSymbolAtLocation(element.name));
      const node = checker.typeToTypeNode(checker.getDeclaredTypeOfSymbol(symbol), undefined, FLATTEN);
      const written = printer.printNode(ts.EmitHint.Unspecified, node, source);
      return `/** From Coverkit's contract (${specifier.replace('../', '')}). */\ntype ${element.name.text} = ${written};`;
    });
    const pattern = new RegExp(`^import type \\{[^}]*\\} from '${specifier.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}';$`, 'm');
    if (!pattern.test(text)) throw new Error(`the declarations of ${sourcePath} do not import ${specifier} as expected`);
    text = text.replace(pattern, aliases.join('\n'));
  }
  return text;
}
