// The seed schemes as policies: every rule id of the spec has a commented place, each template fails with one
// diagnostic per blank, and each defect of the originals is caught with the code its file names.

import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../compiler/compile.ts';

const root = join(import.meta.dirname, '..');
const policyFiles = readdirSync(join(root, 'policies'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml')).map((f) => join(root, 'policies', f));
const compileFile = (path: string) => compile({ name: relative(root, path), bytes: readFileSync(path) });

const RULE_IDS = [
  ...Array.from({ length: 10 }, (_, i) => `A${i + 1}`), ...Array.from({ length: 10 }, (_, i) => `B${i + 1}`),
  ...Array.from({ length: 19 }, (_, i) => `C${i + 1}`), ...Array.from({ length: 11 }, (_, i) => `D${i + 1}`),
  ...Array.from({ length: 4 }, (_, i) => `E${i + 1}`),
];

describe('seed rules', () => {
  const comments = policyFiles.filter((f) => !f.endsWith('.template.yaml'))
    .flatMap((f) => readFileSync(f, 'utf8').split('\n').filter((l) => l.includes('#')).map((l) => l.slice(l.indexOf('#'))));
  it.each(RULE_IDS)('%s has a commented place in a policy', (id) => {
    expect(comments.some((c) => new RegExp(`(^|[^A-Za-z0-9])${id}(?![0-9])`).test(c))).toBe(true);
  });
});

describe('templates keep their blanks', () => {
  for (const path of policyFiles.filter((f) => f.endsWith('.template.yaml'))) {
    it(`${relative(root, path)} fails with only blank-kind errors, one per blank`, () => {
      const r = compileFile(path);
      const errors = r.diagnostics.filter((d) => d.severity === 'error');
      expect(errors.length).toBeGreaterThanOrEqual(3);
      expect([...new Set(errors.map((d) => d.code))].every((c) => ['L014', 'L017', 'L086'].includes(c))).toBe(true);
      // One per blank: no two errors at the same place.
      expect(new Set(errors.map((d) => d.span.start)).size).toBe(errors.length);
      // The filled copy beside it checks clean.
      const filled = compileFile(path.replace('.template.yaml', '.yaml'));
      expect(filled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    });
  }
});

describe('defects in the originals are caught', () => {
  const dir = join(root, 'test/cases/defects');
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    it(name, () => {
      const text = readFileSync(join(dir, name), 'utf8');
      const header = text.slice(0, text.indexOf('\npolicy:'));
      const named = /L\d{3}/.exec(header)?.[0];
      expect(named).toBeDefined();
      const codes = compileFile(join(dir, name)).diagnostics.map((d) => d.code);
      expect(codes).toContain(named);
    });
  }
});
