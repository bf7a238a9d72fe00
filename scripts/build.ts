// npm run build: the pages (Vite, into dist/web, with brotli and gzip copies) and the server (esbuild,
// into dist/server/server.js).
// `npm start` and the systemd unit run the compiled server: compiling TypeScript at every start cost
// about half of a cold start. The TypeScript in server/, db/ and templates/ stays the source.
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build as bundle } from 'esbuild';
import { build as buildPages } from 'vite';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WEB_OUT = path.join(REPO_ROOT, 'dist/web');
/** Built files worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE_FILE = /\.(html|js|css|svg|json|txt)$/;
/**
 * Two folders below the repository root, like the server/plugins/ file it comes from, so that paths
 * the server resolves against its own file (the built pages in web-pages.ts) hold in both.
 */
export const SERVER_BUNDLE = path.join(REPO_ROOT, 'dist/server/server.js');
const SERVER_OUT = path.dirname(SERVER_BUNDLE);

/**
 * The server and the packages it uses in one ES module: Node then reads one file instead of resolving
 * and loading hundreds at every start. A package the server loads at first use (server/load-once.ts)
 * goes into its own file in dist/server/chunks, read only when it is first needed. Native modules
 * (better-sqlite3, sharp) cannot be bundled and load from node_modules; CommonJS packages in the
 * bundle get a `require` for Node's own modules.
 */
export async function buildServer(): Promise<void> {
  // No chunk of an older build stays behind.
  await rm(SERVER_OUT, { recursive: true, force: true });
  await bundle({
    // The worker thread that writes screenshots (db/worker-writes.ts) loads from a file of its own.
    entryPoints: { server: path.join(REPO_ROOT, 'server/server.ts'), 'sqlite-worker-writes': path.join(REPO_ROOT, 'db/worker-writes-thread.ts') },
    outdir: SERVER_OUT,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // esbuild: only the server run from source compiles the SQLite worker thread with it (db/worker-writes.ts).
    external: ['better-sqlite3', 'sharp', 'esbuild'],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
}

/**
 * Next to every compressible built file its brotli (.br, quality 11) and gzip (.gz, level 9) copy,
 * which the server holds in memory and sends to clients that accept them: the best ratios, paid once here.
 */
export async function precompressPages(): Promise<void> {
  const files = (await readdir(WEB_OUT, { recursive: true })).filter((file) => COMPRESSIBLE_FILE.test(file));
  for (const file of files) {
    const bytes = await readFile(path.join(WEB_OUT, file));
    const br = brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    });
    await writeFile(path.join(WEB_OUT, `${file}.br`), br);
    await writeFile(path.join(WEB_OUT, `${file}.gz`), gzipSync(bytes, { level: 9 }));
  }
}

async function main(): Promise<void> {
  await buildPages({ configFile: path.join(REPO_ROOT, 'web/vite.config.ts') });
  await precompressPages();
  await buildServer();
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main();
}
