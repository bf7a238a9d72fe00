// The report page's catalogs (web/src/i18n/catalogs/<language>.json): every language has every key
// of the Dutch source, with a real string and the same {placeholders}, and nothing the source lacks.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const CATALOGS = new URL('../web/src/i18n/catalogs/', import.meta.url);
type Tree = string | Tree[] | { [key: string]: Tree };

function load(language: string): Tree {
  return JSON.parse(readFileSync(new URL(`${language}.json`, CATALOGS), 'utf8')) as Tree;
}

/** Every string of a catalog by its path ("flow.next", "info.social.rules.3"). */
function leaves(tree: Tree, path = ''): Map<string, string> {
  const found = new Map<string, string>();
  if (typeof tree === 'string') return found.set(path, tree);
  for (const [key, value] of Object.entries(tree)) {
    for (const [leaf, text] of leaves(value, path ? `${path}.${key}` : key)) found.set(leaf, text);
  }
  return found;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
}

const source = leaves(load('nl'));
const languages = readdirSync(CATALOGS)
  .filter((file) => file.endsWith('.json') && file !== 'nl.json')
  .map((file) => file.replace(/\.json$/, ''));

describe('the catalogs', () => {
  it('include English beside the Dutch source', () => {
    expect(languages).toContain('en');
    expect(source.size).toBeGreaterThan(250);
  });

  it('give every Dutch string a text', () => {
    for (const [path, text] of source) expect(text.trim(), path).not.toBe('');
  });

  describe.each(languages)('%s', (language) => {
    const catalog = leaves(load(language));

    it('has every key of the Dutch source, and no other', () => {
      expect([...catalog.keys()].filter((path) => !source.has(path))).toEqual([]);
      expect([...source.keys()].filter((path) => !catalog.has(path))).toEqual([]);
    });

    it('has no empty string and the same placeholders as the Dutch', () => {
      for (const [path, text] of catalog) {
        expect(text.trim(), path).not.toBe('');
        expect(placeholders(text), path).toEqual(placeholders(source.get(path) ?? ''));
      }
    });
  });
});
