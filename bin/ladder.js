#!/usr/bin/env node
// The `ladder` command. In an installed package (no TypeScript sources beside it) it runs the built dist/cli/bin.js.
// In a checkout the TypeScript sources are bundled with esbuild into node_modules/.cache/ladder-cli the first time
// (and again whenever a source file changes), and the bundle is run: starting it takes about half the time of
// transpiling every module through tsx on each run, and the code runs without tsx's wrappers. Where the bundle
// cannot be written, the sources run through tsx. cli/bin.ts guards the output streams and runs the command.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Every source file the CLI is built from, by path, size and modification time. */
function fingerprint() {
  const hash = createHash('sha1');
  const walk = (dir) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const rel = join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (/\.(ts|json)$/.test(entry.name)) {
        const s = statSync(join(root, rel));
        hash.update(`${rel}\u0000${s.size}\u0000${s.mtimeMs}\n`);
      }
    }
  };
  for (const dir of ['cli', 'compiler', 'runtime']) walk(dir);
  return hash.digest('hex').slice(0, 16);
}

function running(pid) {
  try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; }
}

/** The bundle for the current sources, made if missing; undefined when it cannot be made here. */
async function bundle() {
  const dir = join(root, 'node_modules', '.cache', 'ladder-cli');
  const file = join(dir, `cli-${fingerprint()}.mjs`);
  if (existsSync(file)) return file;
  let esbuild;
  try { esbuild = await import('esbuild'); } catch { return undefined; }
  try {
    mkdirSync(dir, { recursive: true });
    // Written whole or not at all: another ladder started at the same moment never reads half a bundle.
    const tmp = `${file}.${process.pid}.tmp`;
    await esbuild.build({
      entryPoints: [join(root, 'cli/bin.ts')], bundle: true, platform: 'node', format: 'esm', outfile: tmp,
      packages: 'external', logLevel: 'silent',
      // The CLI finds the bundled policies next to its own source file.
      define: { 'import.meta.url': JSON.stringify(pathToFileURL(join(root, 'cli/main.ts')).href) },
    });
    renameSync(tmp, file);
    for (const old of readdirSync(dir)) {
      if (!old.startsWith('cli-') || join(dir, old) === file) continue;
      // A bundle being written by a ladder that still runs is left alone; one whose writer was killed is removed.
      const writer = /\.(\d+)\.tmp$/.exec(old);
      if (!writer || !running(Number(writer[1]))) rmSync(join(dir, old), { force: true });
    }
    return file;
  } catch {
    return undefined;
  }
}

if (!existsSync(join(root, 'cli', 'main.ts'))) {
  await import('../dist/cli/bin.js');
} else {
  const built = await bundle();
  if (built) {
    await import(pathToFileURL(built).href);
  } else {
    const { register } = await import('tsx/esm/api');
    register();
    await import('../cli/bin.ts');
  }
}
