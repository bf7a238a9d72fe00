// Gzipped weight of what a page loads at first: its HTML, and the JavaScript and CSS its HTML
// references (entry script, modulepreloads, stylesheets). Run after the build:
//   npx vite build --config web/vite.config.ts && node --import tsx test/bench/page-weight.ts
// The pupil form must stay within 40 KB gzipped (a slow school network, an old Chromebook) in every
// language: its HTML, JavaScript and CSS plus the one catalog its language loads (every catalog, Dutch
// too, is a chunk of its own, web/src/i18n/index.ts). One line per language says met or not met; the
// exit code is 1 when any is over. Chunks loaded later (the information pages) are listed apart.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { LANGUAGES, type Language } from '../../server/shared/languages.js';
import { isMain } from './lib.js';

export const PUPIL_BUDGET_BYTES = 40 * 1024;

const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

interface PageWeight {
  html: number;
  js: number;
  css: number;
  files: { file: string; bytes: number; gzipped: number }[];
}

const gzipped = (bytes: Buffer): number => gzipSync(bytes, { level: 9 }).length;

/** Same-origin asset URLs the HTML loads at once: module scripts, modulepreloads, stylesheets. */
export function assetsOf(html: string): string[] {
  const urls = new Set<string>();
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const isScript = /^<script/i.test(tag);
    const rel = /\brel=["']?([^"'\s>]+)/i.exec(tag)?.[1]?.toLowerCase();
    if (!isScript && rel !== 'stylesheet' && rel !== 'modulepreload') continue;
    const url = (isScript ? /\bsrc=["']?([^"'\s>]+)/i : /\bhref=["']?([^"'\s>]+)/i).exec(tag)?.[1];
    if (url) urls.add(url);
  }
  return [...urls];
}

function fileOf(url: string, htmlFile: string): string {
  if (/^[a-z]+:\/\//i.test(url) || url.startsWith('//')) {
    throw new Error(`${htmlFile} loads a third-party asset: ${url}`);
  }
  return url.startsWith('/') ? path.join(WEB_ROOT, url) : path.join(path.dirname(htmlFile), url);
}

export function weighPage(htmlFile: string): PageWeight {
  const html = readFileSync(htmlFile);
  const weight: PageWeight = { html: gzipped(html), js: 0, css: 0, files: [] };
  for (const url of assetsOf(html.toString('utf8'))) {
    const file = fileOf(url, htmlFile);
    const bytes = readFileSync(file);
    const size = gzipped(bytes);
    if (file.endsWith('.css')) weight.css += size;
    else weight.js += size;
    weight.files.push({ file: path.relative(WEB_ROOT, file), bytes: bytes.length, gzipped: size });
  }
  return weight;
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

function report(name: string, weight: PageWeight): void {
  console.log(`\n${name}`);
  for (const file of weight.files) {
    console.log(`  ${file.file.padEnd(44)} ${String(file.bytes).padStart(8)} B  ${String(file.gzipped).padStart(7)} B gzipped`);
  }
  console.log(`  HTML ${weight.html} B, JS ${weight.js} B, CSS ${weight.css} B gzipped`);
  console.log(`  JS + CSS: ${weight.js + weight.css} B (${kb(weight.js + weight.css)}) gzipped`);
}

/** The built chunk of one language's catalog (`assets/<code>-<hash>.js`), or of its information pages' texts. */
export function catalogChunk(language: Language, part: 'page' | 'info' = 'page'): string {
  const pattern = new RegExp(`^${language}${part === 'info' ? '\\.info' : ''}-[A-Za-z0-9_-]{8}\\.js$`);
  const found = readdirSync(path.join(WEB_ROOT, 'assets')).filter((name) => pattern.test(name));
  if (found.length !== 1) throw new Error(`expected one ${part} catalog chunk for ${language} in dist/web/assets, found ${found.length}`);
  return `assets/${found[0]}`;
}

/** Bytes of the brotli copy the build wrote beside a file: what the server sends to a browser. */
const brotli = (relative: string): number => readFileSync(path.join(WEB_ROOT, `${relative}.br`)).length;

export interface LanguageWeight {
  language: Language;
  /** The page (HTML + JS + CSS) and its catalog, gzipped. */
  page: number;
  catalog: number;
  total: number;
  /** The same files as the server sends them with Accept-Encoding: br. */
  brotli: number;
  met: boolean;
}

/** The pupil form in each language: the page plus the one catalog it loads. */
export function weighLanguages(pupil: PageWeight): LanguageWeight[] {
  const loaded = new Set(pupil.files.map((file) => file.file));
  const pageBrotli = brotli('index.html') + pupil.files.reduce((sum, file) => sum + brotli(file.file), 0);
  return LANGUAGES.map((language) => {
    const chunk = catalogChunk(language);
    if (loaded.has(chunk)) throw new Error(`${chunk} is loaded by the page itself: every language would carry it`);
    const page = pupil.html + pupil.js + pupil.css;
    const catalog = gzipped(readFileSync(path.join(WEB_ROOT, chunk)));
    const total = page + catalog;
    return { language, page, catalog, total, brotli: pageBrotli + brotli(chunk), met: total <= PUPIL_BUDGET_BYTES };
  });
}

function main(): void {
  const pupilHtml = path.join(WEB_ROOT, 'index.html');
  if (!existsSync(pupilHtml)) {
    console.error(`No build at ${WEB_ROOT}: run npx vite build --config web/vite.config.ts first.`);
    process.exitCode = 2;
    return;
  }
  const pupil = weighPage(pupilHtml);
  report('Pupil report form (/)', pupil);
  const loaded = new Set(pupil.files.map((file) => file.file));
  const later = readdirSync(path.join(WEB_ROOT, 'assets'))
    .filter((name) => name.startsWith('info-page') && name.endsWith('.js') && !loaded.has(`assets/${name}`))
    .map((name) => ({ name, gzipped: gzipped(readFileSync(path.join(WEB_ROOT, 'assets', name))) }));
  for (const chunk of later) console.log(`  on demand: assets/${chunk.name} ${chunk.gzipped} B gzipped`);

  for (const each of weighLanguages(pupil)) {
    console.log(
      `  language ${each.language}: page ${each.page} B + catalog ${each.catalog} B = ${each.total} B (${kb(each.total)}) gzipped, ` +
        `${each.brotli} B as brotli; budget ${PUPIL_BUDGET_BYTES} B (40 KB): ${each.met ? 'met' : 'NOT MET'}`,
    );
    if (!each.met) process.exitCode = 1;
  }
  const infoTexts = LANGUAGES.map((language) => `${language} ${gzipped(readFileSync(path.join(WEB_ROOT, catalogChunk(language, 'info'))))} B`);
  console.log(`  on demand with an information page, its texts: ${infoTexts.join(', ')} gzipped`);

  for (const [name, file] of [
    ['Staff portal (/staff/)', path.join(WEB_ROOT, 'portal', 'index.html')],
    ['Follow-up page (/volgen/)', path.join(WEB_ROOT, 'volgen', 'index.html')],
  ] as const) {
    if (existsSync(file)) report(name, weighPage(file));
  }
}

if (isMain(import.meta.url)) main();
