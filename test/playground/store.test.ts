// What the playground keeps and shares: edits survive a new bundled version; a share link round-trips and anything
// malformed in one is refused whole.

import { describe, expect, it } from 'vitest';
import { mergePolicies, readShareFragment, shareFragment } from '../../playground/src/store.ts';

const file = (name: string, text: string, original = text) => ({ name, text, original });

describe('playground workspace', () => {
  it('keeps an edited policy, takes a new bundled version of an unedited one, and keeps the user’s own files', () => {
    const bundled = [file('a.yaml', 'A2'), file('b.yaml', 'B2')];
    const kept = [file('a.yaml', 'A1', 'A1'), file('b.yaml', 'B-edited', 'B1'), file('mine.yaml', 'M')];
    expect(mergePolicies(bundled, kept)).toEqual([file('a.yaml', 'A2'), file('b.yaml', 'B-edited', 'B2'), file('mine.yaml', 'M')]);
  });

  it('round-trips a policy through a share link, Chinese and all, and names it by its file name only', async () => {
    const text = 'pay:\n  岗位工资: post_wage   # “引号” <script>\n';
    const frag = await shareFragment({ name: 'policies/x/我的策略.yaml', text, lang: 'en', view: 'diff' });
    expect(frag).toMatch(/^#share=[A-Za-z0-9_-]+$/);
    expect(await readShareFragment(frag)).toEqual({ name: '我的策略.yaml', text, lang: 'en', view: 'diff' });
  });

  it('refuses a malformed or hostile link whole', async () => {
    expect(await readShareFragment('#share=not-deflate')).toBeUndefined();
    expect(await readShareFragment('#other=1')).toBeUndefined();
    const bad = await shareFragment({ name: 'x', text: 'y', view: 'nonsense' as never, lang: 'fr' as never });
    expect(await readShareFragment(bad)).toEqual({ name: 'x', text: 'y' });
  });
});
