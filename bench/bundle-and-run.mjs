// Bundles the benchmark with esbuild (as the playground and a release CLI ship the compiler) and runs it.
// tsx, which runs the sources directly, wraps every closure with a naming helper that roughly doubles the
// parser's cost, so timing through tsx would measure tsx, not Ladder.
import { build } from 'esbuild';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

// Inside node_modules so the bundle's external imports (yaml, chevrotain, ajv) resolve as from the repository.
const dir = join(process.cwd(), 'node_modules', '.cache', `ladder-bench-${process.pid}`);
mkdirSync(dir, { recursive: true });
const outfile = join(dir, 'bench.mjs');
try {
  await build({ entryPoints: ['bench/run.ts'], bundle: true, platform: 'node', format: 'esm', outfile, packages: 'external', logLevel: 'warning' });
  await import(pathToFileURL(outfile).href);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
