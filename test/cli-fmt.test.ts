// `ladder fmt`: rewrites in place, --check lists and writes nothing, broken YAML is reported and left alone; and the
// bundled policies are formatted (this is the CI check `ladder fmt --check policies/`).

import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const root = join(import.meta.dirname, '..');
const messy = '# yaml-language-server: $schema=../schema/policy.json\npay:\n    底薪: 1000元   # A1\npolicy:\n    name: t\n';
const tidy = '# yaml-language-server: $schema=../schema/policy.json\n\npolicy:\n  name: t\n\npay:\n  底薪: 1000元 # A1\n';

describe('ladder fmt', () => {
  it('bundled policies are formatted: ladder fmt --check policies/ exits 0', async () => {
    const r = await run(['fmt', '--check', join(root, 'policies'), '--lang', 'en']);
    expect(r.err).toBe('');
    expect(r.out).toBe('');
    expect(r.code).toBe(0);
  });

  it('--check lists the files that would change, exits 1 and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ladder-fmt-'));
    writeFileSync(join(dir, 'a.yaml'), messy);
    writeFileSync(join(dir, 'b.yaml'), tidy);
    const r = await run(['fmt', '--check', dir, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.out).toBe(join(dir, 'a.yaml'));
    expect(r.err).toMatch(/1 file\(s\) not formatted/);
    expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toBe(messy);
  });

  it('rewrites in place, whole, leaving nothing beside the file; a second run changes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ladder-fmt-'));
    const file = join(dir, 'a.yaml');
    writeFileSync(file, messy);
    const r = await run(['fmt', file, '--lang', 'zh']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`已格式化 ${file}`);
    expect(readFileSync(file, 'utf8')).toBe(tidy);
    expect(readdirSync(dir)).toEqual(['a.yaml']);
    expect(await run(['fmt', '--check', file])).toMatchObject({ code: 0, out: '' });
  });

  it('does not rewrite a file whose YAML is broken: the error at file:line:col, exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ladder-fmt-'));
    const file = join(dir, 'bad.yaml');
    const text = 'policy:\n    name: [unclosed\n';
    writeFileSync(file, text);
    const r = await run(['fmt', file, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+ error L004 `));
    expect(r.err).toMatch(/not formatted: the YAML has errors/);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('a file that cannot be read is exit 2; an unknown option is a usage error', async () => {
    const r = await run(['fmt', join(tmpdir(), 'no-such-ladder-policy.yaml'), '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^cannot read .*no-such-ladder-policy\.yaml: ENOENT$/);
    const u = await run(['fmt', '--chek', 'x.yaml', '--lang', 'en']);
    expect(u.code).toBe(2);
    expect(u.err).toMatch(/did you mean '--check'/);
  });
});
