// "Did you mean": the distance behind suggestions, with swapped neighbours counted as one edit.

import { describe, expect, it } from 'vitest';
import { editDistance, suggestName } from '../../compiler/diagnostics/suggest.ts';

describe('suggestions', () => {
  it('counts edits, a swap of neighbours as one', () => {
    expect(editDistance('score', 'score')).toBe(0);
    expect(editDistance('scroe', 'score')).toBe(1);
    expect(editDistance('考核分', '核考分')).toBe(1);
    expect(editDistance('abc', 'ca')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests the name a transposition came from, and nothing for an unrelated name', () => {
    expect(suggestName('scroe', ['score', 'swaps', 'late'])).toBe('score');
    expect(suggestName('星级级效', ['星级绩效', '全勤'])).toBe('星级绩效');
    expect(suggestName('bonus', ['score', 'late'])).toBeUndefined();
  });
});
