// The playground is a static site: `npm start` serves it with vite, `npm run build` writes playground/dist, which
// works offline from any file server (relative paths, everything bundled, no requests to other hosts).
// `npm run build:file` (mode "file") writes playground/dist-file/index.html: one self-contained page that also works
// opened by double-click from file://, where a browser refuses module scripts, workers and fonts loaded from files —
// so the script, the styles, the fonts and both workers are inlined into it.

import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { type Plugin, defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('..', import.meta.url));

/** The built page's script and stylesheets moved into index.html itself, their files dropped. */
function inlineIntoPage(): Plugin {
  return {
    name: 'ladder-inline-into-page',
    enforce: 'post',
    generateBundle(_, bundle) {
      const page = Object.values(bundle).find((f) => f.type === 'asset' && f.fileName === 'index.html');
      if (!page || page.type !== 'asset') return;
      let html = String(page.source);
      const take = (ref: string): string | undefined => {
        const name = ref.replace(/^\.\//, '');
        const file = bundle[name];
        if (!file) return undefined;
        delete bundle[name];
        return file.type === 'chunk' ? file.code : String(file.source);
      };
      // `</script` inside the code would end the element early; `<\/script` means the same in any string or regex.
      const hashes: string[] = [];
      html = html.replace(/<script type="module" crossorigin src="([^"]+)"><\/script>/g, (tag, src: string) => {
        const code = take(src)?.replace(/<\/script/gi, '<\\/script');
        if (code === undefined) return tag;
        hashes.push(`'sha256-${createHash('sha256').update(code).digest('base64')}'`);
        return `<script type="module">${code}</script>`;
      });
      // The page's Content-Security-Policy allows this script by its hash, and still no other inline script.
      html = html.replace(/script-src 'self'/, `script-src 'self' ${hashes.join(' ')}`);
      html = html.replace(/<link rel="stylesheet" crossorigin href="([^"]+)">/g, (tag, href: string) => {
        const css = take(href);
        return css === undefined ? tag : `<style>${css.replace(/<\/style/gi, '<\\/style')}</style>`;
      });
      html = html.replace(/<link rel="modulepreload"[^>]*>\n?/g, '');
      page.source = html;
    },
  };
}

export default defineConfig(({ mode }) => {
  const file = mode === 'file';
  return {
    root,
    base: './',
    // The library lives outside the playground folder (compiler/, runtime/, policies/, examples/).
    resolve: {
      alias: [
        // monaco's stylesheets by file (its export map lists only scripts): see src/editor/monaco-features.ts.
        { find: /^monaco-esm-css\/(.*)$/, replacement: `${repo}node_modules/monaco-editor/esm/vs/$1` },
        ...(file
          ? [
              // Workers started from blobs of inlined code (see src/worker/spawn-inline.ts).
              { find: /^(.*)\/worker\/spawn\.ts$/, replacement: '$1/worker/spawn-inline.ts' },
              { find: /^monaco-editor\/editor\/editor\.worker\?worker$/, replacement: 'monaco-editor/editor/editor.worker?worker&inline' },
            ]
          : []),
      ],
    },
    server: { fs: { allow: [repo] }, host: '127.0.0.1', port: 5173 },
    preview: { host: '127.0.0.1', port: 4173 },
    worker: {
      // From file:// a page's origin is opaque, and Chrome will not start a module worker from its blob: the
      // single-file build's workers are classic scripts, each one file.
      format: file ? 'iife' : 'es',
      ...(file ? { rollupOptions: { output: { codeSplitting: false } } } : {}),
    },
    plugins: file ? [inlineIntoPage()] : [],
    build: {
      outDir: file ? 'dist-file' : 'dist',
      emptyOutDir: true,
      target: 'es2022',
      chunkSizeWarningLimit: file ? 20000 : 8000,
      ...(file
        ? {
            // Everything in one file: fonts and images as data URLs, one script without chunks, one stylesheet.
            assetsInlineLimit: () => true,
            cssCodeSplit: false,
            modulePreload: false,
            rollupOptions: { output: { codeSplitting: false } },
          }
        : {}),
    },
  };
});
