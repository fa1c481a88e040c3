// `npm run bench`: compile speed of a 1,000-line policy after warm-up. Printed beside the time it takes just to
// parse the same text as YAML (the floor any YAML-based compiler pays), as a ratio.

import { parseDocument } from 'yaml';
import { compile } from '../compiler/compile.ts';
import { largePolicy } from './large-policy.ts';
import { compareBench, csvLoadBench, diffBench, runtimeBench } from './runtime.ts';
import { xlsxLoadBench } from './xlsx-load.ts';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(fn: () => void, runs: number): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

const text = largePolicy(1000);
const lines = text.split('\n').length - 1;
const first = compile({ name: 'large.yaml', text });
if (!first.ok) {
  console.error(first.diagnostics.slice(0, 5));
  throw new Error('the benchmark policy does not compile');
}
for (let i = 0; i < 20; i++) { compile({ name: 'large.yaml', text }); parseDocument(text); }
const compileMs = time(() => compile({ name: 'large.yaml', text }), 30);
const yamlMs = time(() => parseDocument(text), 30);
const target = 50;
console.log(`compile ${lines}-line policy: ${compileMs.toFixed(1)} ms (median of 30, after warm-up; target < ${target} ms) ${compileMs < target ? 'OK' : 'OVER TARGET'}`);
console.log(`  baseline, YAML parse only: ${yamlMs.toFixed(1)} ms; compile / YAML parse = ${(compileMs / yamlMs).toFixed(1)}×`);

runtimeBench(Number(process.env.LADDER_BENCH_PEOPLE ?? 100_000));
await csvLoadBench(Math.min(100_000, Number(process.env.LADDER_BENCH_PEOPLE ?? 100_000)));
await xlsxLoadBench(Math.min(20_000, Number(process.env.LADDER_BENCH_PEOPLE ?? 20_000)));
await diffBench();
await compareBench();
const { playgroundBench } = await import('./playground.ts');
playgroundBench();
