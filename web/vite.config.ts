import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const fromHere = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

// The server sends a CSP without 'unsafe-inline' and allows no third-party origins, so the built
// pages must reference only same-origin files: no inline scripts or styles, no data: URIs.
export default defineConfig({
  root: fromHere('.'),
  base: '/',
  publicDir: false,
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
