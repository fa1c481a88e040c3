// Behaviour goldens: test/cases/behaviour/<feature>/<name>/ holds a small policy, its data and what `ladder run`
// must print — expected.csv, every value worked out by hand in the policy's comments — or, for a run that must stop,
// expected-errors.txt with the lines stderr must contain. Never rewritten by a flag: a hand-computed value changes
// only by hand.

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';

const root = join(import.meta.dirname, 'cases/behaviour');
const cases = readdirSync(root).flatMap((feature) => readdirSync(join(root, feature)).map((name) => join(root, feature, name)));

async function ladder(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('behaviour goldens: hand-computed runs', () => {
  it('has a case for history, population, stars, moves, dated parameters and run problems', () => {
    expect(readdirSync(root).sort()).toEqual(expect.arrayContaining(['dated', 'history', 'moves', 'population', 'problems', 'stars']));
  });
  for (const dir of cases) {
    it(relative(root, dir), async () => {
      const r = await ladder(['run', join(dir, 'policy.yaml'), '--data', join(dir, 'data'), '--format', 'csv', '--lang', 'en']);
      const errors = join(dir, 'expected-errors.txt');
      if (existsSync(errors)) {
        expect(r.code).toBe(1);
        expect(r.out).toBe('');
        for (const line of readFileSync(errors, 'utf8').split('\n').filter(Boolean)) expect(r.err).toContain(line);
        return;
      }
      expect(r.code).toBe(0);
      // The CSV starts with a byte-order mark for Excel; the expectation is compared without it.
      expect(r.out.replace(/^\uFEFF/, '').trim()).toBe(readFileSync(join(dir, 'expected.csv'), 'utf8').replace(/^\uFEFF/, '').trim());
    });
  }
});
