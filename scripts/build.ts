// npm run build: the pages (Vite, into dist/web) and the server (esbuild, into dist/server/server.js).
// `npm start` and the systemd unit run the compiled server: compiling TypeScript at every start cost
// about half of a cold start. The TypeScript in server/, db/ and templates/ stays the source.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build as bundle } from 'esbuild';
import { build as buildPages } from 'vite';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/**
 * Two folders below the repository root, like the server/plugins/ file it comes from, so that paths
 * the server resolves against its own file (the built pages in web-pages.ts) hold in both.
 */
export const SERVER_BUNDLE = path.join(REPO_ROOT, 'dist/server/server.js');

/**
 * The server and the packages it uses in one ES module: Node then reads one file instead of resolving
 * and loading hundreds at every start. Native modules (better-sqlite3, sharp) cannot be bundled and
 * load from node_modules; CommonJS packages in the bundle get a `require` for Node's own modules.
 */
export async function buildServer(): Promise<void> {
  await bundle({
    entryPoints: [path.join(REPO_ROOT, 'server/server.ts')],
    outfile: SERVER_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3', 'sharp'],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
}

async function main(): Promise<void> {
  await buildPages({ configFile: path.join(REPO_ROOT, 'web/vite.config.ts') });
  await buildServer();
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main();
}
