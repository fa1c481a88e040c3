// The playground is a static site: `npm start` serves it with vite, `npm run build` writes playground/dist, which
// works offline from any file server (relative paths, everything bundled, no requests to other hosts).

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root,
  base: './',
  // The library lives outside the playground folder (compiler/, runtime/, policies/, examples/).
  resolve: {
    // monaco's stylesheets by file (its export map lists only scripts): see src/editor/monaco-features.ts.
    alias: [{ find: /^monaco-esm-css\/(.*)$/, replacement: `${repo}node_modules/monaco-editor/esm/vs/$1` }],
  },
  server: { fs: { allow: [repo] }, host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 8000,
  },
});
