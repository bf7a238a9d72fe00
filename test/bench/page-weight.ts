// Gzipped weight of what a page loads at first: its HTML, and the JavaScript and CSS its HTML
// references (entry script, modulepreloads, stylesheets). Run after the build:
//   npx vite build --config web/vite.config.ts && node --import tsx test/bench/page-weight.ts
// The pupil form's JavaScript + CSS must stay within 40 KB gzipped (a slow school network, an old
// Chromebook); the exit code is 1 when it does not. Chunks loaded later (the information pages)
// are listed apart.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
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

  const total = pupil.js + pupil.css;
  const verdict = total <= PUPIL_BUDGET_BYTES ? 'within' : 'OVER';
  console.log(`  budget ${PUPIL_BUDGET_BYTES} B (40 KB): ${verdict}`);
  if (total > PUPIL_BUDGET_BYTES) process.exitCode = 1;

  for (const [name, file] of [
    ['Staff portal (/staff/)', path.join(WEB_ROOT, 'portal', 'index.html')],
    ['Follow-up page (/volgen/)', path.join(WEB_ROOT, 'volgen', 'index.html')],
  ] as const) {
    if (existsSync(file)) report(name, weighPage(file));
  }
}

if (isMain(import.meta.url)) main();
