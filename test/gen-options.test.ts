// Generator options: defaults, coercion from text, every bad option reported at once.

import { describe, expect, it } from 'vitest';
import { parseGenOptions } from '../runtime/gen/options.ts';

describe('generator options', () => {
  it('takes defaults and reads numbers given as text', () => {
    expect(parseGenOptions({})).toEqual({ ok: true, options: { people: 200, months: 12, seed: 1, from: '2026-01' } });
    expect(parseGenOptions({ people: '2000', months: '6', seed: '0', from: '2025-07' })).toEqual({ ok: true, options: { people: 2000, months: 6, seed: 0, from: '2025-07' } });
    expect(parseGenOptions({ people: '' })).toMatchObject({ ok: true, options: { people: 200 } });
  });

  it('reports every bad option at once, in both languages', () => {
    const r = parseGenOptions({ people: '0', months: '1.5', seed: '-1', from: '2026-13' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.option)).toEqual(['people', 'months', 'seed', 'from']);
    expect(r.problems[0]).toMatchObject({ zh: expect.stringContaining('1 至 1,000,000'), en: expect.stringContaining('from 1 to 1,000,000') });
    expect(parseGenOptions({ people: 'many' })).toMatchObject({ ok: false, problems: [{ option: 'people' }] });
    expect(parseGenOptions({ people: '2000000' })).toMatchObject({ ok: false, problems: [{ option: 'people' }] });
  });
});
