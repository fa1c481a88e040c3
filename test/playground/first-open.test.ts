// The policy the playground opens first (issue 18): small, readable, every line real on the bundled sample, and no
// comment in any bundled policy cites a file that is not in the repository.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tableFromCsv } from '../../runtime/data/csv.ts';
import { Session } from '../../playground/src/engine/session.ts';
import { numberAt, valuesAround } from '../../playground/src/views/reports.ts';

const root = join(import.meta.dirname, '../..');
const FIRST = 'policies/examples/star-pay.yaml';
const sample = (name: string) => tableFromCsv(`${name}.csv`, readFileSync(join(root, 'examples/sample', `${name}.csv`), 'utf8'));

describe('the first policy', () => {
  it('is short, and computes every pay line for everyone in the sample', () => {
    const text = readFileSync(join(root, FIRST), 'utf8');
    expect(text.split('\n').length).toBeLessThan(80);
    const s = new Session();
    s.setData({ label: 'sample', employees: sample('employees'), monthly: sample('monthly'), events: sample('events') });
    const out = s.run(FIRST, text, 'zh');
    expect(out.kind).toBe('ran');
    if (out.kind !== 'ran') return;
    expect(out.view.people.length).toBe(200);
    expect(out.view.rows.every((r) => Number.isFinite(r.total) && r.lines.every(Number.isFinite))).toBe(true);
    expect(out.view.rows.some((r) => r.lines[1]! > 0)).toBe(true);
  });

  it('no policy comment cites a path outside the repository', () => {
    const files: string[] = [];
    const walk = (dir: string) => { for (const e of readdirSync(dir, { withFileTypes: true })) e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.yaml') && files.push(join(dir, e.name)); };
    walk(join(root, 'policies'));
    const outside: string[] = [];
    for (const f of files) {
      for (const line of readFileSync(f, 'utf8').split('\n')) {
        const comment = /(?:^|\s)#(.*)$/.exec(line)?.[1];
        if (!comment) continue;
        for (const [path] of comment.matchAll(/(?:\.{0,2}\/)?(?:[\w.-]+\/)+[\w.-]+\.(?:md|json|ya?ml|csv|ts|js|xlsx|pdf|docx)\b/g)) {
          if (/^(\/|~)/.test(path) || (!existsSync(join(dirname(f), path)) && !existsSync(join(root, path)))) outside.push(`${f.slice(root.length + 1)}: ${path}`);
        }
        if (/(?:^|\s)(?:\/home|\/work|\/tmp|\/Users|[A-Z]:\\)/.test(comment)) outside.push(`${f.slice(root.length + 1)}: ${comment.trim()}`);
      }
    }
    expect(outside).toEqual([]);
  });
});

describe('取光标处的数', () => {
  it('fills five values around the number under the cursor, a round step apart, keeping its unit', () => {
    const text = 'rows: { 3: 1200, 4: 1500 }\nmax: 5%\nrate: 0.35\n';
    expect(valuesAround(numberAt(text, text.indexOf('1200') + 1))).toBe('1000,1100,1200,1300,1400');
    expect(valuesAround(numberAt(text, text.indexOf('5%') + 1))).toBe('4%,4.5%,5%,5.5%,6%');
    expect(valuesAround(numberAt(text, text.indexOf('0.35') + 2))).toBe('0.31,0.33,0.35,0.37,0.39');
    expect(numberAt(text, 1)).toBeUndefined();
  });
});
