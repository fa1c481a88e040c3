// Golden cases: each broken policy under test/cases/bad shows one kind of diagnostic; its `.expected` file lists
// every diagnostic (severity, code, line:col) the compiler must report. LADDER_UPDATE_GOLDEN=1 rewrites the
// expectations for review with `git diff`. Every policy under policies/ and test/cases/good must check clean.

import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../compiler/compile.ts';
import { positionOf } from '../compiler/source/source.ts';
import { runPolicyTests } from '../runtime/policy-tests.ts';

const root = join(import.meta.dirname, '..');
const badDir = join(root, 'test/cases/bad');
const update = process.env.LADDER_UPDATE_GOLDEN === '1';

function summarize(path: string): string {
  const name = relative(root, path);
  const result = compile({ name, bytes: readFileSync(path) });
  return result.diagnostics.map((d) => {
    const p = positionOf(result.file, d.span.start);
    return `${d.severity} ${d.code} ${p.line}:${p.column}${d.suggestion ? ` suggest=${d.suggestion}` : ''}`;
  }).join('\n') + '\n';
}

describe('broken policies report exactly their golden diagnostics', () => {
  const cases = readdirSync(badDir).filter((f) => f.endsWith('.yaml')).sort();
  it('has at least 30 cases, one per diagnostic kind', () => {
    const codes = new Set(cases.map((c) => c.slice(0, 4)));
    expect(codes.size).toBeGreaterThanOrEqual(30);
  });
  for (const file of cases) {
    it(file, () => {
      const path = join(badDir, file);
      const expectedPath = path.replace(/\.yaml$/, '.expected');
      const actual = summarize(path);
      if (update || !existsSync(expectedPath)) writeFileSync(expectedPath, actual);
      expect(actual).toBe(readFileSync(expectedPath, 'utf8'));
      // The case is named after the diagnostic it exists to show.
      expect(actual).toContain(` ${file.slice(0, 4)} `);
      expect(actual).not.toContain('L099');
    });
  }
});

function policyFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml') && !f.endsWith('.template.yaml'))
    .map((f) => join(dir, f))
    .sort();
}

describe('bundled policies check clean and pass their own tests', () => {
  for (const path of [...policyFiles(join(root, 'policies')), ...policyFiles(join(root, 'test/cases/good'))]) {
    it(relative(root, path), () => {
      const result = compile({ name: relative(root, path), bytes: readFileSync(path) });
      expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual([]);
      for (const t of runPolicyTests(result)) {
        expect({ test: t.name, status: t.status, differences: t.differences.map((d) => `${d.what}: ${d.expected} ≠ ${d.actual}`) })
          .toEqual({ test: t.name, status: t.status === 'skip' ? 'skip' : 'pass', differences: [] });
      }
    });
  }
});
