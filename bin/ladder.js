#!/usr/bin/env node
// The `ladder` command: loads the TypeScript CLI through tsx so the repository runs without a build step.
import { register } from 'tsx/esm/api';
register();
// A closed pipe (ladder check … | head) ends output quietly, as other command-line tools do.
for (const stream of [process.stdout, process.stderr]) stream.on('error', (e) => { if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0); });
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
