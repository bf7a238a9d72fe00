// Staff are addressed with "je" everywhere: the staff pages, the portal shell, every mail to staff
// and the messages the staff routes answer with. A "u" or "uw" in any of their texts fails here.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const STAFF_TEXT_FOLDERS = ['web/src/staff', 'web/src/portal', 'templates', 'server/cases', 'server/staff-auth', 'server/routes/staff', 'server/notifications'];
const FORMAL = /(^|[^\p{L}])(u|uw|uzelf)(?=[^\p{L}'-]|$)/iu;

function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(relative);
    return entry.name.endsWith('.ts') ? [relative] : [];
  });
}

/** The text of every string and template literal in a file (regular expressions are not strings). */
function textsOf(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const texts: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      // Import paths and CSS are no text for people.
      if (!ts.isImportDeclaration(node.parent) && !ts.isExportDeclaration(node.parent)) texts.push(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return texts;
}

describe('staff texts', () => {
  it('say "je", never "u" or "uw"', () => {
    const files = STAFF_TEXT_FOLDERS.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(20);
    const formal = files.flatMap((file) => textsOf(file).filter((text) => FORMAL.test(text)).map((text) => `${file}: ${text}`));
    expect(formal).toEqual([]);
  });

  it('would notice a formal sentence', () => {
    expect(FORMAL.test('Heeft u niet om deze link gevraagd?')).toBe(true);
    expect(FORMAL.test('Uw inloglink')).toBe(true);
    expect(FORMAL.test('Heb je niet om deze link gevraagd? Dan kun je deze mail negeren.')).toBe(false);
  });
});
