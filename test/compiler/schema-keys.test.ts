// Section-key completion and key descriptions from the policy JSON Schema, on half-typed policies.

import { describe, expect, it } from 'vitest';
import { policySchema } from '../../compiler/schema/validate.ts';
import { keyCompletions, keyDescription } from '../../compiler/service/schema-keys.ts';

/** The text with `|` removed, and the offset where it was. */
function at(marked: string): [string, number] {
  const k = marked.indexOf('|');
  return [marked.slice(0, k) + marked.slice(k + 1), k];
}

const keys = (marked: string) => keyCompletions(policySchema, ...at(marked));

describe('schema keys for the editor', () => {
  it('offers the top-level sections not yet written', () => {
    const r = keys('policy:\n  name: x\n\n|');
    expect(r.kind).toBe('keys');
    const names = r.items.map((i) => i.key);
    expect(names).toContain('pay');
    expect(names).toContain('stars');
    expect(names).not.toContain('policy');
    expect(r.items.find((i) => i.key === 'stars')!.description).toMatch(/星级/);
  });

  it('offers the keys of a nested mapping, by indentation', () => {
    const r = keys('policy:\n  name: x\n  |\npay:\n  a: 1\n');
    const names = r.items.map((i) => i.key);
    expect(names).toContain('effective');
    expect(names).toContain('rounding');
    expect(names).not.toContain('name');
    expect(names).not.toContain('pay');
  });

  it('reaches into user-named entries and list items', () => {
    const input = keys('inputs:\n  score:\n    type: number\n    |\n');
    expect(input.items.map((i) => i.key)).toContain('label');
    expect(input.items.map((i) => i.key)).not.toContain('type');
    const test = keys('tests:\n  - name: 3星\n    |\n');
    expect(test.items.map((i) => i.key)).toEqual(expect.arrayContaining(['inputs', 'expect', 'state']));
    expect(test.items.map((i) => i.key)).not.toContain('name');
  });

  it('offers the values of an enum after the key', () => {
    const r = keys('stars:\n  levels: [0, 5]\n  takes_effect: |');
    expect(r.kind).toBe('values');
    expect(r.items.map((i) => i.key)).toEqual(expect.arrayContaining(['next_quarter', '下季度']));
    const types = keys('inputs:\n  score:\n    type: |');
    expect(types.items.map((i) => i.key)).toEqual(expect.arrayContaining(['money', 'percent', 'count']));
  });

  it('leaves a value that is an expression to name completion', () => {
    expect(keys('pay:\n  岗位工资: post_wage + |')).toEqual({ kind: 'expression', items: [] });
    expect(keys('pay:\n  岗位工资: |')).toEqual({ kind: 'expression', items: [] });
    expect(keys('pay:\n  全勤奖: if 全勤 then 200元 else 0元 + sco|')).toEqual({ kind: 'expression', items: [] });
  });

  it('describes the key under the cursor', () => {
    const [text] = at('stars:\n  levels: [0, 5]\n|');
    const d = keyDescription(policySchema, text, text.indexOf('levels') + 2)!;
    expect(d.key).toBe('levels');
    expect(d.description).toMatch(/最低和最高星级/);
    expect(keyDescription(policySchema, text, text.indexOf('[0')) ).toBeUndefined();
  });
});
