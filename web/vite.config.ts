import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const fromHere = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

/**
 * Until the page's words have arrived (on a slow phone network that takes seconds, and a script may
 * never come) the report page and /volgen show the help numbers alone, in no language; the page takes
 * them away when it first draws (web/src/page-loading.ts). One piece of HTML, written once in
 * waiting-help-numbers.html, put where each page has its marker comment.
 */
function waitingHelpNumbers(): Plugin {
  const marker = /^( *)<!-- waiting-help-numbers:.*-->$/m;
  const numbers = readFileSync(fromHere('waiting-help-numbers.html'), 'utf8').trimEnd();
  return {
    name: 'klikvrij-waiting-help-numbers',
    transformIndexHtml: (page) =>
      page.replace(marker, (_line, indent: string) => numbers.replace(/^/gm, indent)),
  };
}

// The server sends a CSP without 'unsafe-inline' and allows no third-party origins, so the built
// pages must reference only same-origin files: no inline scripts or styles, no data: URIs.
export default defineConfig({
  root: fromHere('.'),
  base: '/',
  publicDir: false,
  plugins: [waitingHelpNumbers()],
  build: {
    outDir: fromHere('../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    // One entry per page: the report form (/), the follow-up page (/volgen), and the portal page that
    // the staff portal (/staff) and the board's admin area (/beheer) share.
    rolldownOptions: {
      input: {
        main: fromHere('index.html'),
        volgen: fromHere('volgen/index.html'),
        portal: fromHere('portal/index.html'),
      },
    },
  },
});
