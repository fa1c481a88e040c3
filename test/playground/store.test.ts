// What the playground keeps and shares: edits survive a new bundled version; a share link round-trips and anything
// malformed in one is refused whole.

import { describe, expect, it } from 'vitest';
import { MAX_SHARE_BYTES, inflateWithin, mergePolicies, readShareFragment, shareFragment } from '../../playground/src/store.ts';

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

describe('share links are inflated only up to their limit (issue 20)', () => {
  /** A share fragment whose JSON inflates to `size` bytes: deflate packs a run of one letter about a thousandfold. */
  async function bomb(size: number): Promise<string> {
    return shareFragment({ name: 'x.yaml', text: 'a'.repeat(size) });
  }

  it('a link that inflates past the limit is refused after reading at most one chunk beyond it (it inflated everything first)', async () => {
    const frag = await bomb(16 * 1024 * 1024);
    expect(frag.length).toBeLessThan(50_000);
    const bytes = Uint8Array.from(atob(frag.slice('#share='.length).replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    const r = await inflateWithin(bytes);
    expect(r.bytes).toBeUndefined();
    expect(r.inflated).toBeGreaterThan(MAX_SHARE_BYTES);
    expect(r.inflated).toBeLessThan(MAX_SHARE_BYTES + 1024 * 1024);
    expect(await readShareFragment(frag)).toBeUndefined();
  });

  it('a link within the limit inflates whole, and a 2 MiB policy still travels', async () => {
    const text = 'pay:\n  底薪: 1500元\n'.repeat(1000);
    const frag = await shareFragment({ name: 'x.yaml', text });
    expect(await readShareFragment(frag)).toEqual({ name: 'x.yaml', text });
    const big = 'a'.repeat(2 * 1024 * 1024);
    expect((await readShareFragment(await shareFragment({ name: 'x.yaml', text: big })))?.text).toBe(big);
    expect(await readShareFragment(await bomb(MAX_SHARE_BYTES + 10))).toBeUndefined();
  });
});
