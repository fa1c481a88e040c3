// Bad files through compile() and through `ladder check`: empty, huge, not UTF-8, alias bombs, runaway nesting.
// Each must end quickly with an ordinary diagnostic; the CLI must exit 1 with `file:line:col` lines and no stack trace.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { compile, type CompileResult } from '../../compiler/compile.ts';

const dir = mkdtempSync(join(tmpdir(), 'ladder-bad-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const enc = new TextEncoder();

function aliasBomb(levels: number, width: number): string {
  const lines = [`l0: &l0 [${Array.from({ length: width }, () => '"lol"').join(', ')}]`];
  for (let i = 1; i < levels; i++) lines.push(`l${i}: &l${i} [${Array.from({ length: width }, () => `*l${i - 1}`).join(', ')}]`);
  return lines.join('\n') + '\n';
}

const TEN_MB = 10 * 1024 * 1024;

interface Case {
  readonly name: string;
  readonly content: () => string | Uint8Array;
  /** Acceptable codes: at least one must be reported. */
  readonly codes: readonly string[];
  /** Milliseconds compile() may take. */
  readonly budget: number;
  /** Expected 1-based line:column of the first diagnostic, when it is known. */
  readonly at?: string;
}

const CASES: readonly Case[] = [
  { name: 'empty', content: () => '', codes: ['L001'], budget: 500, at: '1:1' },
  { name: 'whitespace', content: () => '   \n\t\n  \n', codes: ['L001'], budget: 500, at: '1:1' },
  { name: 'comments', content: () => '# 只有注释\n# only comments\n   # indented comment\n\n', codes: ['L001'], budget: 500, at: '1:1' },
  { name: 'bom-and-comments', content: () => '\uFEFF# comment\n', codes: ['L001'], budget: 500 },
  { name: 'ten-megabytes', content: () => 'policy:\n  name: big\n' + '#'.repeat(TEN_MB), codes: ['L002'], budget: 1500, at: '1:1' },
  { name: 'ten-megabytes-one-line', content: () => 'a'.repeat(TEN_MB), codes: ['L002'], budget: 1500 },
  // `policy:\n  name: x` then the bytes FF FE on line 3, column 9.
  { name: 'invalid-utf8', content: () => new Uint8Array([...enc.encode('policy:\n  name: x\ninputs: '), 0xff, 0xfe, 0x0a]), codes: ['L003'], budget: 500, at: '3:9' },
  { name: 'invalid-utf8-overlong', content: () => new Uint8Array([...enc.encode('policy:\n  name: '), 0xc0, 0xaf, 0x0a]), codes: ['L003'], budget: 500, at: '2:9' },
  { name: 'invalid-utf8-truncated-sequence', content: () => new Uint8Array([...enc.encode('a: 中'), 0xe4, 0xb8]), codes: ['L003'], budget: 500, at: '1:5' },
  { name: 'billion-laughs', content: () => aliasBomb(10, 10), codes: ['L005', 'L004'], budget: 2000 },
  { name: 'billion-laughs-inside-policy', content: () => 'policy:\n  name: x\ntests:\n  - name: t\n    expect: &e9 [*e8, *e8]\n' + aliasBomb(9, 10), codes: ['L005', 'L004'], budget: 2000 },
  { name: 'alias-bomb-in-a-section', content: () => `policy:\n  name: x\n${aliasBomb(12, 5).replace(/^l0:/m, 'values:\n  l0:').replace(/^l(\d+):/gm, '  l$1:')}`, codes: ['L005', 'L004'], budget: 2000 },
  { name: 'deep-flow-sequence', content: () => 'a: ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\n', codes: ['L005', 'L004'], budget: 3000 },
  { name: 'deep-flow-sequence-unclosed', content: () => 'policy: ' + '['.repeat(10_000) + '\n', codes: ['L005', 'L004'], budget: 3000 },
  { name: 'deep-flow-map', content: () => 'a: ' + '{a: '.repeat(10_000) + '1' + '}'.repeat(10_000) + '\n', codes: ['L005', 'L004'], budget: 3000 },
  // 10,000 levels of block maps need 50 MB of indentation: refused by size before any parsing.
  { name: 'deep-block-map', content: () => Array.from({ length: 10_000 }, (_, i) => ' '.repeat(i) + 'a:').join('\n') + ' 1\n', codes: ['L002'], budget: 3000 },
  // 2,000 levels fit under the 2 MB limit and reach the YAML reader.
  { name: 'deep-block-map-2000', content: () => 'policy:\n' + Array.from({ length: 2_000 }, (_, i) => ' '.repeat(i + 1) + 'a:').join('\n') + ' 1\n', codes: ['L005', 'L004', 'L011', 'L012'], budget: 3000 },
  { name: 'deep-compact-sequence', content: () => 'policy:\n  ' + '- '.repeat(10_000) + '1\n', codes: ['L005', 'L004', 'L012'], budget: 3000 },
  { name: 'deep-expression', content: () => 'policy:\n  name: x\npay:\n  a: ' + '('.repeat(5_000) + '1元' + ')'.repeat(5_000) + '\n', codes: ['L022'], budget: 2000, at: '4:6' },
  { name: 'deep-expression-unclosed', content: () => 'policy:\n  name: x\npay:\n  a: ' + '('.repeat(5_000) + '\n', codes: ['L022', 'L020'], budget: 2000 },
  { name: 'deep-expression-brackets', content: () => 'policy:\n  name: x\npay:\n  a: x' + '[x'.repeat(5_000) + ']'.repeat(5_000) + '\n', codes: ['L022'], budget: 2000 },
  { name: 'long-prefix-chain', content: () => 'policy:\n  name: x\nvalues:\n  a: ' + 'not '.repeat(5_000) + 'true\n  b: ' + '-'.repeat(5_000) + '1\n', codes: ['L022'], budget: 2000 },
  { name: 'many-tokens', content: () => 'policy:\n  name: x\npay:\n  a: ' + Array.from({ length: 20_000 }, () => '1元').join(' + ') + '\n', codes: ['L022'], budget: 2000 },
];

const files = new Map<string, { path: string; content: string | Uint8Array }>();
function fileFor(c: Case): { path: string; content: string | Uint8Array } {
  let f = files.get(c.name);
  if (!f) {
    const content = c.content();
    const path = join(dir, `${c.name}.yaml`);
    writeFileSync(path, content);
    f = { path, content };
    files.set(c.name, f);
  }
  return f;
}

/**
 * These limits catch a hang or a runaway (an alias bomb expanding, quadratic work), not slowness: speed is measured
 * by `npm run bench`. Each budget is widened tenfold so a loaded CI machine does not fail a correct compiler.
 */
function hangGuard(budget: number): number {
  return Math.max(budget * 10, 10_000);
}

function timed<T>(fn: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t0 };
}

function expectOrdinary(r: CompileResult, c: Case): void {
  const codes = r.diagnostics.map((d) => d.code);
  expect(codes).not.toContain('L099');
  expect(r.ok).toBe(false);
  expect(codes.some((x) => c.codes.includes(x)), `codes ${codes.join(',')} should include one of ${c.codes.join(',')}`).toBe(true);
  for (const d of r.diagnostics) {
    expect(d.span.start).toBeGreaterThanOrEqual(0);
    expect(d.span.end).toBeGreaterThanOrEqual(d.span.start);
  }
}

describe('compile() on bad input', () => {
  for (const c of CASES) {
    it(`${c.name}: ${c.codes.join(' or ')}, quickly, without throwing`, () => {
      const { content } = fileFor(c);
      const input = typeof content === 'string' ? { name: `${c.name}.yaml`, text: content } : { name: `${c.name}.yaml`, bytes: content };
      const { value: r, ms } = timed(() => compile(input));
      expectOrdinary(r, c);
      expect(ms).toBeLessThan(hangGuard(c.budget));
      // The same through the bytes path (what the CLI uses).
      const bytes = typeof content === 'string' ? enc.encode(content) : content;
      const { value: rb, ms: msb } = timed(() => compile({ name: `${c.name}.yaml`, bytes }));
      expectOrdinary(rb, c);
      expect(msb).toBeLessThan(hangGuard(c.budget));
    });
  }

  it('L003 points at the first invalid byte with a line and column', () => {
    const r = compile({ name: 'u.yaml', bytes: new Uint8Array([...enc.encode('policy:\n  name: x\ninputs: '), 0xff]) });
    const d = r.diagnostics.find((x) => x.code === 'L003')!;
    expect(d).toBeDefined();
    expect(r.file.text.slice(d.span.start, d.span.end)).toBe('\uFFFD');
  });
});

describe('ladder check on bad input', () => {
  const STACK_FRAME = /^\s+at .+(\(|:\d+)/m;

  async function check(path: string): Promise<{ code: number; out: string; err: string; ms: number }> {
    const out: string[] = [];
    const err: string[] = [];
    const t0 = performance.now();
    const code = await main(['check', path, '--lang', 'en'], { out: (s) => out.push(s), err: (s) => err.push(s) });
    return { code, out: out.join('\n'), err: err.join('\n'), ms: performance.now() - t0 };
  }

  for (const c of CASES) {
    it(`${c.name}: exit 1, file:line:col diagnostics, no stack trace`, async () => {
      const { path } = fileFor(c);
      const r = await check(path);
      expect(r.code).toBe(1);
      expect(r.ms).toBeLessThan(hangGuard(c.budget + 2000));
      const both = r.out + '\n' + r.err;
      expect(both).not.toMatch(STACK_FRAME);
      expect(both).not.toContain('Error:');
      expect(both).not.toContain('L099');
      const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const located = new RegExp(`^${escaped}:(\\d+):(\\d+) error (L\\d{3})`, 'gm');
      const found = [...r.out.matchAll(located)];
      expect(found.length, r.out.slice(0, 500)).toBeGreaterThan(0);
      expect(found.some((m) => c.codes.includes(m[3]!))).toBe(true);
      if (c.at) expect(`${found[0]![1]}:${found[0]![2]}`).toBe(c.at);
      expect(r.out).toMatch(/1 file\(s\): [1-9]\d* error\(s\)/);
    });
  }

  it('a missing file exits 2 with a message, no stack trace', async () => {
    const r = await check(join(dir, 'does-not-exist.yaml'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('does-not-exist.yaml');
    expect(r.err + r.out).not.toMatch(STACK_FRAME);
    expect(r.err + r.out).not.toContain('Error:');
  });

  it('a directory given to check is checked file by file: exit 1 for its bad files, no stack trace', async () => {
    const r = await check(dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/file\(s\): [1-9]\d* error\(s\)/);
    expect(r.err + r.out).not.toMatch(STACK_FRAME);
  });

  it('--format json on a bad file gives parseable JSON with line and column', async () => {
    const { path } = fileFor(CASES.find((c) => c.name === 'invalid-utf8')!);
    const out: string[] = [];
    const code = await main(['check', path, '--format', 'json'], { out: (s) => out.push(s), err: () => {} });
    expect(code).toBe(1);
    const json = JSON.parse(out.join('\n')) as { diagnostics: { code: string; line: number; column: number }[] };
    expect(json.diagnostics.find((d) => d.code === 'L003')).toMatchObject({ line: 3, column: 9 });
  });
});
