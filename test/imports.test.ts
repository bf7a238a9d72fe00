// The walls between the folders, read from the code's own imports: the browser reaches into the
// server only through server/shared, server/shared stands on nothing but itself (and zod, which
// the browser only ever sees as types), and no import circle exists anywhere in the product. And
// one rule read from the calls: every transaction begins in db/transaction.ts or db/group-commit.ts.
// SQL stays in db/, which stands on nothing above it.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const PRODUCT_FOLDERS = ['server', 'db', 'templates', 'web'];
const SHARED = 'server/shared/';
/** The one package server/shared may import: browser-safe and dependency-free. */
const SHARED_PACKAGES = new Set(['zod']);

interface Import {
  specifier: string;
  /** Repository path of the imported file (TypeScript or JSON); undefined for a package or another file. */
  target: string | undefined;
  typeOnly: boolean;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(relative);
    return /\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [relative] : [];
  });
}

function resolve(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  // A data file (the JSON catalogs) is a target too, with no imports of its own.
  if (specifier.endsWith('.json')) return path.posix.join(path.posix.dirname(from), specifier);
  const base = path.posix.join(path.posix.dirname(from), specifier.split('?')[0]!).replace(/\.js$/, '');
  for (const candidate of [base, `${base}.ts`, `${base}/index.ts`]) {
    if (candidate.endsWith('.ts') && statSync(path.join(ROOT, candidate), { throwIfNoEntry: false })?.isFile()) {
      return candidate;
    }
  }
  return undefined;
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
}

function importsOf(file: string): Import[] {
  const source = parse(file);
  const found: Import[] = [];
  const add = (node: ts.Expression | undefined, typeOnly: boolean) => {
    if (node && ts.isStringLiteral(node)) found.push({ specifier: node.text, target: resolve(file, node.text), typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, node.importClause?.isTypeOnly ?? false);
    else if (ts.isExportDeclaration(node)) add(node.moduleSpecifier, node.isTypeOnly);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0], false);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal as ts.Expression, true);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const graph = new Map(PRODUCT_FOLDERS.flatMap(sourceFiles).map((file) => [file, importsOf(file)]));

/** Files that import zod, directly or through other shared files. */
function usesZod(file: string, seen = new Set<string>()): boolean {
  if (seen.has(file)) return false;
  seen.add(file);
  return (graph.get(file) ?? []).some(
    (link) => link.specifier === 'zod' || (link.target !== undefined && !link.typeOnly && usesZod(link.target, seen)),
  );
}

/** Every import circle, as its files in order (Tarjan's strongly connected components). */
function circles(): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (file: string) => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    onStack.add(file);
    for (const { target } of graph.get(file) ?? []) {
      if (target === undefined || !graph.has(target)) continue;
      if (!index.has(target)) {
        connect(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file)!, index.get(target)!));
      }
    }
    if (low.get(file) === index.get(file)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      const selfImport = (graph.get(file) ?? []).some((link) => link.target === file);
      if (component.length > 1 || selfImport) found.push(component.reverse());
    }
  };
  for (const file of graph.keys()) if (!index.has(file)) connect(file);
  return found;
}

function offending(filter: (file: string, link: Import) => boolean): string[] {
  return [...graph].flatMap(([file, links]) => links.filter((link) => filter(file, link)).map((link) => `${file} -> ${link.specifier}`));
}

describe('import walls', () => {
  it('reads the product: web files import server/shared, and the server imports it too', () => {
    const intoShared = offending((_, link) => link.target?.startsWith(SHARED) ?? false);
    expect(intoShared.filter((edge) => edge.startsWith('web/')).length).toBeGreaterThan(10);
    expect(intoShared.filter((edge) => !edge.startsWith('web/')).length).toBeGreaterThan(10);
  });

  it('web/ imports nothing of server/, db/ or templates/ outside server/shared', () => {
    const leaks = offending(
      (file, link) =>
        file.startsWith('web/') && link.target !== undefined && !link.target.startsWith('web/') && !link.target.startsWith(SHARED),
    );
    expect(leaks).toEqual([]);
  });

  it('server/shared imports only itself and zod: no Node module, no other package, nothing else of the server', () => {
    const leaks = offending(
      (file, link) =>
        file.startsWith(SHARED) &&
        (link.target === undefined ? !SHARED_PACKAGES.has(link.specifier) : !link.target.startsWith(SHARED)),
    );
    expect(leaks).toEqual([]);
  });

  it('web/ takes only types from the shared zod schemas, so zod stays out of the browser bundles', () => {
    const runtime = offending((file, link) => file.startsWith('web/') && link.target !== undefined && !link.typeOnly && usesZod(link.target));
    expect(runtime).toEqual([]);
  });

  it('SQL stays in db/: elsewhere kysely, better-sqlite3 and pg are imported for their types only', () => {
    const drivers = new Set(['kysely', 'better-sqlite3', 'pg']);
    const leaks = offending((file, link) => !file.startsWith('db/') && drivers.has(link.specifier) && !link.typeOnly);
    expect(leaks).toEqual([]);
  });

  it('db/ imports nothing of server/, templates/ or web/', () => {
    const leaks = offending((file, link) => file.startsWith('db/') && link.target !== undefined && !link.target.startsWith('db/'));
    expect(leaks).toEqual([]);
  });

  it('no import circle in server/, db/, templates/ or web/', () => {
    expect(circles()).toEqual([]);
  });
});

/** Where Kysely's `.transaction()` and `.startTransaction()` are called, as `file:line`. */
function transactionsBegun(file: string): string[] {
  const source = parse(file);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ['transaction', 'startTransaction'].includes(node.expression.name.text)) {
      found.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The two places that begin transactions: runTransaction and the group commit built on it. */
const TRANSACTION_FILES = new Set(['db/transaction.ts', 'db/group-commit.ts']);

describe('transactions', () => {
  it('are all begun by runTransaction or groupedTransaction, which run one again that PostgreSQL refused for a concurrent one or a stale prepared statement', () => {
    const begun = [...graph.keys()].flatMap(transactionsBegun);
    expect(begun.filter((place) => TRANSACTION_FILES.has(place.split(':')[0]!)).length).toBeGreaterThan(0);
    expect(begun.filter((place) => !TRANSACTION_FILES.has(place.split(':')[0]!))).toEqual([]);
  });
});
