#!/usr/bin/env node
// The `ladder` command. The TypeScript sources are bundled with esbuild into node_modules/.cache/ladder-cli the first
// time (and again whenever a source file changes), and the bundle is run: starting it takes about half the time of
// transpiling every module through tsx on each run, and the code runs without tsx's wrappers. Where esbuild is not
// installed (an install without dev tools) or the bundle cannot be written, the sources run through tsx as before.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// A closed pipe (ladder check … | head) ends output quietly, as other command-line tools do. Any other failure to
// write the output (a full disk under `ladder run … > payroll.csv`, a device error) is said in one line, in the
// user's language and without a stack, and the exit code is 2: the output is incomplete (issue 20: it exited 0).
const zh = (() => {
  const i = process.argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const given = i < 0 ? undefined : process.argv[i].includes('=') ? process.argv[i].slice(7) : process.argv[i + 1];
  return given ? given === 'zh' : /^zh/i.test(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '');
})();
for (const [stream, name] of [[process.stdout, ['标准输出', 'standard output']], [process.stderr, ['标准错误输出', 'standard error']]]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    const why = e.code ?? e.message;
    // Straight to the file descriptor: stderr's stream may be the one that failed.
    try { writeSync(2, zh ? `无法写入${name[0]}：${why}\n` : `cannot write to ${name[1]}: ${why}\n`); } catch { /* nowhere left to say it */ }
    process.exit(2);
  });
}

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
      entryPoints: [join(root, 'cli/main.ts')], bundle: true, platform: 'node', format: 'esm', outfile: tmp,
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

const built = await bundle();
let main;
if (built) {
  ({ main } = await import(pathToFileURL(built).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
