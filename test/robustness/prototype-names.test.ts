// Every Object.prototype property name (toString, __proto__, constructor …) put into every name and keyword of a
// valid policy — each YAML key and value, and each word inside an expression — must give a proper diagnostic or a
// clean compile: never an internal error (L099) and never an exception. Issue 20: an award's `period: toString`
// found Object.prototype.toString in a keyword table and crashed the checker.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDocument, visit } from 'yaml';
import { compile } from '../../compiler/compile.ts';

const POLICY = readFileSync(fileURLToPath(new URL('./policies/every-keyword.yaml', import.meta.url)), 'utf8');
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype).sort();
const WORD = /[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_\u4e00-\u9fff]*/g;

/** Every place a name can be put: each scalar (key or value) whole, and each word inside a longer scalar. */
function places(text: string): [number, number][] {
  const out: [number, number][] = [];
  visit(parseDocument(text), {
    Scalar(_key, node) {
      if (!node.range) return;
      const [start, end] = node.range;
      out.push([start, end]);
      const s = text.slice(start, end);
      for (const m of s.matchAll(WORD)) if (m[0].length < s.length) out.push([start + m.index, start + m.index + m[0].length]);
    },
  });
  return out;
}

describe('Object.prototype names in every name and keyword field', () => {
  it('the policy compiles cleanly as written (control)', () => {
    const r = compile({ name: 'every-keyword.yaml', text: POLICY });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(places(POLICY).length).toBeGreaterThan(200);
  });

  // Every name at every place: 12 names × about 250 places, one test per name (about a second each).
  for (const name of PROTOTYPE_NAMES) {
    it(`${name} at every place: no internal error, no exception — a diagnostic or a clean compile`, () => {
      const failures: string[] = [];
      for (const [start, end] of places(POLICY)) {
        const text = POLICY.slice(0, start) + name + POLICY.slice(end);
        const where = `${POLICY.slice(start, end)} → ${name} (line ${POLICY.slice(0, start).split('\n').length})`;
        try {
          const r = compile({ name: 'every-keyword.yaml', text });
          for (const d of r.diagnostics.filter((x) => x.code === 'L099')) failures.push(`${where}: L099 ${JSON.stringify(d.args)}`);
          if (!r.ok && !r.diagnostics.some((d) => d.severity === 'error')) failures.push(`${where}: not ok without an error`);
        } catch (e) {
          failures.push(`${where}: threw ${String(e)}`);
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it('was a crash: an award period, a star evaluation or a rounding rule named constructor, __proto__ … is a diagnostic', () => {
    for (const [from, to] of [['period: month', 'period: constructor'], ['evaluate: quarter', 'evaluate: __proto__'], ['rounding: 四舍五入', 'rounding: constructor'], ['precision: 分', 'precision: valueOf']]) {
      expect(POLICY).toContain(from);
      const r = compile({ name: 'x.yaml', text: POLICY.replace(from, to!) });
      expect(r.diagnostics.map((d) => d.code)).not.toContain('L099');
      expect(r.diagnostics.map((d) => d.code)).toContain('L013');
    }
  });
});

describe('Object.prototype names as tiers in the reports', () => {
  it('compare and sweep count a tier called __proto__ like any other (a plain object dropped it)', async () => {
    const { cpSync, mkdtempSync, readFileSync: read, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { main } = await import('../../cli/main.ts');
    const root = join(import.meta.dirname, '../..');
    const dir = mkdtempSync(join(tmpdir(), 'ladder-proto-'));
    const rename = (s: string) => s.replace(/初级/g, '__proto__').replace(/中级/g, 'toString').replace(/高级/g, 'constructor');
    cpSync(join(root, 'examples/demo'), join(dir, 'data'), { recursive: true });
    writeFileSync(join(dir, 'data/employees.csv'), rename(read(join(dir, 'data/employees.csv'), 'utf8')));
    writeFileSync(join(dir, 'policy.yaml'), rename(read(join(root, 'policies/examples/star-pay.yaml'), 'utf8')));
    const out: string[] = [];
    const cli = async (argv: string[]) => { out.length = 0; expect(await main(argv, { out: (t) => out.push(t), err: () => {} })).toBe(0); return JSON.parse(out.join('\n')); };
    const compared = await cli(['compare', join(dir, 'policy.yaml'), '--data', join(dir, 'data'), '--format', 'json']) as { schemes: { byTier: Record<string, number> }[] };
    expect(Object.keys(compared.schemes[0]!.byTier).sort()).toEqual(['__proto__', 'constructor', 'toString']);
    const swept = await cli(['sweep', join(dir, 'policy.yaml'), '--data', join(dir, 'data'), '--vary', 'tables.星级绩效.rows.3=1200', '--format', 'json']) as { points: { tiers: Record<string, number> }[] };
    expect(Object.keys(swept.points[0]!.tiers).sort()).toEqual(['__proto__', 'constructor', 'toString']);
  }, 30_000);
});
