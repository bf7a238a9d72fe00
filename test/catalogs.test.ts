// The report page's catalogs (web/src/i18n/catalogs/<language>.json, and <language>.info.json for the
// information pages, checked as one tree): every language has every key of the Dutch source, with a
// real string and the same {placeholders}, and nothing the source lacks.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const CATALOGS = new URL('../web/src/i18n/catalogs/', import.meta.url);
type Tree = string | Tree[] | { [key: string]: Tree };

function read(file: string): { [key: string]: Tree } {
  return JSON.parse(readFileSync(new URL(file, CATALOGS), 'utf8')) as { [key: string]: Tree };
}

/** A language's two files as one tree: the information pages' texts join `info` beside the links to them. */
function load(language: string): Tree {
  const page = read(`${language}.json`);
  const info = read(`${language}.info.json`);
  return { ...page, info: { ...(page.info as object), ...(info.info as object) } };
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

/** Plural categories a language may add beside the Dutch `one` and `other` (Arabic has all six). */
const PLURAL_FORMS = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);

/** A plural form the source lacks, of a phrase the source counts ("summary.pictures.few"). */
function isExtraPluralForm(path: string): boolean {
  const dot = path.lastIndexOf('.');
  return PLURAL_FORMS.has(path.slice(dot + 1)) && source.has(`${path.slice(0, dot)}.other`);
}

/**
 * Strings that may read the same as the Dutch in another language: names of apps, the
 * "School: {school}" line and, in English, words both languages share.
 */
const SAME_AS_DUTCH: Record<string, readonly string[]> = {
  '*': [
    'platforms.options.whatsapp',
    'platforms.options.tiktok',
    'platforms.options.snapchat',
    'platforms.options.instagram',
    'platforms.options.youtube',
    'platforms.options.facebook',
  ],
  en: ['readAloud.stop', 'places.options.online', 'followUp.from.school', 'receipt.printSchool', 'receipt.print'],
};
const languages = readdirSync(CATALOGS)
  .filter((file) => file.endsWith('.json') && !file.endsWith('.info.json') && file !== 'nl.json')
  .map((file) => file.replace(/\.json$/, ''));

describe('the catalogs', () => {
  it('include English, Arabic, Turkish, Polish and Ukrainian beside the Dutch source, each in two files', () => {
    expect(languages.sort()).toEqual(['ar', 'en', 'pl', 'tr', 'uk']);
    const files = readdirSync(CATALOGS).filter((file) => file.endsWith('.json')).sort();
    expect(files).toEqual(['nl', ...languages].sort().flatMap((language) => [`${language}.info.json`, `${language}.json`]));
    expect(source.size).toBeGreaterThan(250);
  });

  it('give every Dutch string a text', () => {
    for (const [path, text] of source) expect(text.trim(), path).not.toBe('');
  });

  describe.each(languages)('%s', (language) => {
    const catalog = leaves(load(language));

    it('has every key of the Dutch source, and no other', () => {
      expect([...catalog.keys()].filter((path) => !source.has(path) && !isExtraPluralForm(path))).toEqual([]);
      expect([...source.keys()].filter((path) => !catalog.has(path))).toEqual([]);
    });

    it('has no empty string and the same placeholders as the Dutch', () => {
      for (const [path, text] of catalog) {
        expect(text.trim(), path).not.toBe('');
        const expected = placeholders(source.get(path) ?? '');
        // A plural form may leave out {count} where its words say the number ("صورتان": two pictures).
        if (isExtraPluralForm(path) || path.endsWith('.one')) expect(placeholders(text).every((name) => name === 'count'), path).toBe(true);
        else expect(placeholders(text), path).toEqual(expected);
      }
    });

    it('is translated: no string left in Dutch but the listed ones', () => {
      const allowed = new Set([...(SAME_AS_DUTCH['*'] ?? []), ...(SAME_AS_DUTCH[language] ?? [])]);
      const dutch = [...catalog].filter(([path, text]) => text === source.get(path) && !allowed.has(path)).map(([path]) => path);
      expect(dutch).toEqual([]);
    });
  });
});
