// The formatter keeps meaning, comments and itself: every policy under policies/ and test/cases/ is formatted, and
// what it compiles to, its diagnostics, its comments and a second formatting are compared with the first.

import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, type CompileResult } from '../../compiler/compile.ts';
import { messageFor } from '../../compiler/diagnostics/diagnostic.ts';
import { commentsOf, formatPolicy } from '../../compiler/format/format.ts';

const root = join(import.meta.dirname, '../..');
const policyFiles = ['policies', 'test/cases'].flatMap((d) =>
  readdirSync(join(root, d), { recursive: true, encoding: 'utf8' }).filter((f) => /\.ya?ml$/.test(f)).map((f) => relative(root, join(root, d, f)))).sort();

/** What a compile means, without where things are in the file (formatting moves them). */
function meaning(c: CompileResult): unknown {
  const positionless = (key: string, value: unknown) =>
    ['span', 'spans', 'start', 'end', 'line', 'column', 'range', 'definedAt', 'at', 'file'].includes(key) || typeof value === 'function' ? undefined : value;
  return {
    // Sorted by text: diagnostics come in file order, and sections may move.
    diagnostics: c.diagnostics.map((d) => `${d.severity} ${d.code} ${messageFor(d, 'en')} ${d.suggestion ?? ''}`).sort(),
    // The generated code numbers nothing by line, but say so here if it ever does.
    ruleSet: c.ruleSet ? JSON.parse(JSON.stringify(c.ruleSet, positionless)) : undefined,
  };
}

describe('ladder fmt keeps meaning, comments and itself', () => {
  it.each(policyFiles)('%s', (path) => {
    const text = readFileSync(join(root, path), 'utf8');
    const first = formatPolicy(path, text);
    if (!first.ok) {
      // Only files whose YAML itself is broken are refused.
      expect(first.diagnostics.some((d) => d.severity === 'error' && /^L00[4-7]$/.test(d.code))).toBe(true);
      return;
    }
    expect(meaning(compile({ name: path, text: first.text }))).toEqual(meaning(compile({ name: path, text })));
    const second = formatPolicy(path, first.text);
    expect(second.ok && second.text).toBe(first.text);
    expect(commentsOf(first.text)).toEqual(commentsOf(text));
  });
});

describe('formatPolicy', () => {
  const fmt = (text: string) => {
    const r = formatPolicy('t.yaml', text);
    if (!r.ok) throw new Error(r.diagnostics.map((d) => d.code).join());
    return r.text;
  };

  it('orders sections as the reference lists them and keeps the modeline first', () => {
    const out = fmt('# yaml-language-server: $schema=../schema/policy.json\n# about pay\npay:\n    a: 1元\n\nextra: 1\npolicy:\n    name: t\n');
    expect(out).toBe('# yaml-language-server: $schema=../schema/policy.json\n\npolicy:\n  name: t\n\n# about pay\npay:\n  a: 1元\n\nextra: 1\n');
  });

  it('keeps a value written over several lines as written, re-indented', () => {
    const text = 'policy:\n  name: t\nvalues:\n  x:\n        a > 1\n        or b < 2\n  y: >-\n      one\n        two\n      three\n';
    expect(fmt(text)).toBe('policy:\n  name: t\n\nvalues:\n  x: a > 1\n    or b < 2\n  y: >-\n    one\n      two\n    three\n');
  });

  it('pads flow mappings, not flow sequences, and keeps quoting', () => {
    expect(fmt(`policy: {name: "a # b", version: '20XX'}\ntests:\n  - { events: [ {kind: x} ], n: [1,2] }\n`))
      .toBe(`policy: { name: "a # b", version: '20XX' }\n\ntests:\n  - { events: [{ kind: x }], n: [1, 2] }\n`);
  });

  it('keeps a flow mapping on its line while the line fits in 120 columns, else writes it as a block', () => {
    const short = `policy: { name: t }\npay:\n  a: { formula: 1元, when: true }\n`;
    expect(fmt(short)).toBe(`policy: { name: t }\n\npay:\n  a: { formula: 1元, when: true }\n`);
    // "  a: { formula: " (16) + 45 two-column characters (90) + ", when: true }" (14) = 120 columns fits; one more does not.
    const fits = `policy: { name: t }\n\npay:\n  a: { formula: ${'甲'.repeat(45)}, when: true }\n`;
    expect(fmt(fits)).toBe(fits);
    const long = fits.replace('甲'.repeat(45), '甲'.repeat(46));
    expect(fmt(long)).toBe(`policy: { name: t }\n\npay:\n  a:\n    formula: ${'甲'.repeat(46)}\n    when: true\n`);
    // Inside a list it becomes a block too; inside `[…]` it cannot, and stays.
    const inList = `policy: { name: t }\n\nplacement:\n  - { tier: 初级, when: ${'x'.repeat(100)}, label: l }\n`;
    expect(fmt(inList)).toBe(`policy: { name: t }\n\nplacement:\n  - tier: 初级\n    when: ${'x'.repeat(100)}\n    label: l\n`);
    const inSeq = `policy: { name: t }\n\ntests:\n  - events: [{ kind: ${'x'.repeat(110)} }]\n`;
    expect(fmt(inSeq)).toBe(inSeq);
  });

  it('refuses YAML it cannot read, with the YAML diagnostic', () => {
    const r = formatPolicy('t.yaml', 'policy:\n  name: [unclosed\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics.map((d) => d.code)).toContain('L004');
  });

  it('leaves a comment-only file alone', () => {
    expect(formatPolicy('t.yaml', '# nothing yet\n')).toEqual({ ok: true, text: '# nothing yet\n', changed: false });
  });
});
