// The package as others get it: `npm pack` (which builds dist/ first), installed into an empty folder, where
// `npx ladder --help` runs and plain JavaScript imports compile. Set LADDER_SKIP_PACK=1 to skip it (it builds and
// installs: about half a minute, and the registry when the npm cache lacks a dependency).

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

describe.skipIf(process.env.LADDER_SKIP_PACK === '1')('the npm package', () => {
  it('packs without tests or sources, installs, runs `npx ladder --help` and `ladder lsp`, and imports compile from JavaScript', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ladder-pack-'));
    const packed = JSON.parse(execFileSync(npm, ['pack', '--pack-destination', dir, '--json'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as
      { filename: string; files: { path: string }[] }[];
    const files = packed[0]!.files.map((f) => f.path);
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('dist/cli/bin.js');
    expect(files).toContain('bin/ladder.js');
    expect(files.filter((f) => /^(test|playground|bench|scripts)\//.test(f) || (/\.ts$/.test(f) && !/\.d\.ts$/.test(f)))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies)).not.toContain('tsx');
    expect(Object.keys(manifest.dependencies)).not.toContain('esbuild');

    const app = join(dir, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    const tarball = join(dir, packed[0]!.filename);
    // From the npm cache when it has every dependency; otherwise the registry fills it.
    const offline = spawnSync(npm, ['install', tarball, '--offline', '--no-audit', '--no-fund'], { cwd: app, encoding: 'utf8' });
    if (offline.status !== 0) execFileSync(npm, ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund'], { cwd: app, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

    const help = spawnSync(npx, ['--no-install', 'ladder', '--help', '--lang', 'en'], { cwd: app, encoding: 'utf8' });
    expect(help.stderr).toBe('');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: ladder <command>/);
    expect(help.stdout).toMatch(/\n {2}fmt /);

    // The language server starts from the built files too (vscode-languageserver is a CommonJS package).
    const lsp = spawn(process.execPath, [join(app, 'node_modules/ladder/bin/ladder.js'), 'lsp', '--stdio'], { cwd: app });
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    lsp.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    const answer = await new Promise<string>((resolve) => {
      let got = '';
      lsp.stdout.on('data', (d: Buffer) => { got += d.toString(); if (got.includes('"capabilities"')) resolve(got); });
      setTimeout(() => resolve(got), 20_000);
    });
    lsp.kill();
    expect(answer).toMatch(/"hoverProvider":true/);

    const script = `import { compile } from 'ladder';
const r = compile({ name: 'p.yaml', text: 'policy:\\n  name: t\\npay:\\n  底薪: 1000元\\n' });
console.log(JSON.stringify({ ok: r.ok, diagnostics: r.diagnostics.length }));`;
    const imported = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: app, encoding: 'utf8' });
    expect(imported.stderr).toBe('');
    expect(JSON.parse(imported.stdout)).toEqual({ ok: true, diagnostics: 0 });
  }, 300_000);
});
