#!/usr/bin/env node
// The `ladder` process: guards its output streams, then runs the command line. bin/ladder.js runs this module — from
// the sources in a checkout, from dist/cli/bin.js in an installed package.

import { writeSync } from 'node:fs';
import { main } from './main.ts';

// A closed pipe (ladder check … | head) ends output quietly, as other command-line tools do. Any other failure to
// write the output (a full disk under `ladder run … > payroll.csv`, a device error) is said in one line, in the
// user's language and without a stack, and the exit code is 2: the output is incomplete (issue 20: it exited 0).
const zh = (() => {
  const i = process.argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const given = i < 0 ? undefined : process.argv[i]!.includes('=') ? process.argv[i]!.slice(7) : process.argv[i + 1];
  return given ? given === 'zh' : /^zh/i.test(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '');
})();
for (const [stream, name] of [[process.stdout, ['标准输出', 'standard output']], [process.stderr, ['标准错误输出', 'standard error']]] as const) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    const why = e.code ?? e.message;
    // Straight to the file descriptor: stderr's stream may be the one that failed.
    try { writeSync(2, zh ? `无法写入${name[0]}：${why}\n` : `cannot write to ${name[1]}: ${why}\n`); } catch { /* nowhere left to say it */ }
    process.exit(2);
  });
}

process.exitCode = await main(process.argv.slice(2));
