// Keeps the documentation honest: every complete policy in docs/*.md must compile (or fail with exactly the
// codes its `<!-- expect: … -->` comment names), every builtin's example must compile, and the generated
// tables in docs/reference.md must match compiler/check/builtins.ts and the diagnostic catalogue.
//
// After changing builtins.ts, regenerate the tables with:  DOCS_WRITE=1 npx vitest run test/docs.test.ts

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONSTANTS, FUNCTIONS, STANDARD_EVENTS, STATE, type BuiltinDoc } from '../compiler/check/builtins.ts';
import { compile } from '../compiler/compile.ts';
import { catalogue } from '../compiler/diagnostics/catalogue.ts';
import { messageFor } from '../compiler/diagnostics/diagnostic.ts';
import { positionOf } from '../compiler/source/source.ts';
import { runPolicyTests } from '../runtime/policy-tests.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const DOCS = ['docs/reference.md', 'docs/快速入门.md', 'README.md'];

interface Block {
  readonly doc: string;
  readonly line: number;
  readonly text: string;
  /** Codes from a `<!-- expect: L062, L030 -->` comment right before the block; undefined when there is none. */
  readonly expect?: readonly string[];
}

/** Every ```yaml fenced block of a markdown text, with the expect comment that precedes it (blank lines allowed). */
export function yamlBlocks(doc: string, markdown: string): Block[] {
  const blocks: Block[] = [];
  const fence = /^```yaml[^\n]*\n([\s\S]*?)^```[ \t]*$/gm;
  for (let m = fence.exec(markdown); m; m = fence.exec(markdown)) {
    const before = markdown.slice(0, m.index);
    const line = before.split('\n').length;
    const comment = /<!--\s*expect:\s*([^>]*?)\s*-->\s*$/.exec(before);
    const expect = comment ? comment[1]!.split(/[,，\s]+/).filter(Boolean) : undefined;
    blocks.push({ doc, line, text: m[1]!, ...(expect ? { expect } : {}) });
  }
  return blocks;
}

/** A complete policy: its first line that is not blank or a comment starts with `policy:`. */
function isPolicy(text: string): boolean {
  const first = text.split('\n').find((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  return first !== undefined && first.startsWith('policy:');
}

function describeDiagnostics(name: string, text: string): { codes: string[]; report: string } {
  const result = compile({ name, text });
  const codes = result.diagnostics.map((d) => d.code);
  const report = result.diagnostics.map((d) => {
    const p = positionOf(result.file, d.span.start);
    return `  ${p.line}:${p.column} ${d.severity} ${d.code} ${messageFor(d, 'en')}`;
  }).join('\n');
  return { codes, report };
}

const docTexts = new Map(DOCS.map((d) => [d, readFileSync(join(root, d), 'utf8')]));

describe('YAML examples in the docs', () => {
  for (const [doc, text] of docTexts) {
    const blocks = yamlBlocks(doc, text);
    it(`${doc} has complete policy examples`, () => {
      expect(blocks.filter((b) => isPolicy(b.text)).length).toBeGreaterThan(0);
    });
    for (const b of blocks) {
      if (b.expect) {
        it(`${doc}:${b.line} fails with exactly ${b.expect.join(', ')}`, () => {
          expect(isPolicy(b.text), `${doc}:${b.line}: an expect comment must precede a complete policy`).toBe(true);
          const { codes, report } = describeDiagnostics(`${doc}:${b.line}`, b.text);
          const got = [...new Set(codes)].sort();
          const want = [...new Set(b.expect)].sort();
          expect(got, `${doc}:${b.line} expected ${want.join(', ')}; got:\n${report}`).toEqual(want);
        });
      } else if (isPolicy(b.text)) {
        it(`${doc}:${b.line} compiles cleanly`, () => {
          const result = compile({ name: `${doc}:${b.line}`, text: b.text });
          const { report } = describeDiagnostics(`${doc}:${b.line}`, b.text);
          expect(result.ok, `${doc}:${b.line} does not compile:\n${report}`).toBe(true);
          expect(result.diagnostics.length, `${doc}:${b.line} compiles with warnings:\n${report}`).toBe(0);
          // Its worked examples hold too (a skipped one reads past months or other people).
          const failed = runPolicyTests(result).filter((t) => t.status === 'fail');
          const why = failed.map((t) => `  ${t.name}: ${t.differences.map((d) => `${d.what} expected ${d.expected}, got ${d.actual}`).join('; ')}`).join('\n');
          expect(failed.length, `${doc}:${b.line} has failing tests:\n${why}`).toBe(0);
        });
      }
    }
  }
});

// ---- builtins ------------------------------------------------------------------------------------------------

/** Declarations every builtin example may use: the inputs, events, tiers, tables and classes they name. */
const CONTEXT = `policy: { name: builtin example }
inputs:
  score: number
  tickets: count
  sick_leave_days: days
  personal_leave_days: days
  role: { type: enum, values: [客服代表, 客服领班] }
events:
  旷工: {}
ladder:
  tracks:
    技能: [初级客服, 中级客服, 高级客服]
stars: { levels: [0, 5], initial: 0 }
tables:
  星级绩效: { by: star, unit: money, rows: { 0: 0, 1: 600, 2: 900, 3: 1200, 4: 1500, 5: 1800 } }
deductions:
  违规:
    classes: { 中度: {} }
    items:
      上班看视频: { points: 10, class: 中度 }
pay:
  绩效工资: 1000元
`;

function examplePolicy(example: string): string {
  return `${CONTEXT}values:\n  例子: ${JSON.stringify(example)}\n`;
}

describe('builtin examples compile', () => {
  const all: (BuiltinDoc & { group: string })[] = [
    ...FUNCTIONS.map((f) => ({ ...f, group: 'function' })),
    ...STATE.map((s) => ({ ...s, group: 'state' })),
    ...CONSTANTS.map((c) => ({ ...c, group: 'constant' })),
  ];
  for (const b of all) {
    it(`${b.group} ${b.name}: ${b.example}`, () => {
      const text = examplePolicy(b.example);
      const result = compile({ name: `${b.name}.yaml`, text });
      // The context declares more inputs than any one example reads.
      const relevant = result.diagnostics.filter((d) => d.code !== 'L091');
      const { report } = describeDiagnostics(`${b.name}.yaml`, text);
      expect(relevant.length, `example of ${b.name} does not compile:\n${report}`).toBe(0);
    });
  }
});

// ---- generated tables ------------------------------------------------------------------------------------------

const cell = (s: string) => s.replace(/\|/g, '\\|');
const code = (s: string) => '`' + cell(s) + '`';

const KIND: Record<string, string> = { pure: 'pure', history: 'history', events: 'events', population: 'population' };

function generated(): Record<string, string> {
  return {
    functions: [
      '| Function | 中文 | Kind | Signature | Meaning | 说明 | Example |',
      '|---|---|---|---|---|---|---|',
      ...FUNCTIONS.map((f) => `| ${code(f.name)} | ${f.aliases.map(code).join(' ')} | ${KIND[f.kind]} | ${code(f.signature)} | ${cell(f.en)} | ${cell(f.zh)} | ${code(f.example)} |`),
    ].join('\n'),
    state: [
      '| Name | 中文 | Meaning | 说明 | Example |',
      '|---|---|---|---|---|',
      ...STATE.map((s) => `| ${code(s.name)} | ${s.aliases.map(code).join(' ')} | ${cell(s.en)} | ${cell(s.zh)} | ${code(s.example)} |`),
    ].join('\n'),
    constants: [
      '| Name | 中文 | What | Meaning | 说明 | Example |',
      '|---|---|---|---|---|---|',
      ...CONSTANTS.map((c) => `| ${code(c.name)} | ${c.aliases.map(code).join(' ')} | ${c.scope ? 'scope' : 'period'} | ${cell(c.en)} | ${cell(c.zh)} | ${code(c.example)} |`),
    ].join('\n'),
    events: [
      '| Event kind | 含义 |',
      '|---|---|',
      ...STANDARD_EVENTS.map(([name, zh]) => `| ${code(name)} | ${cell(zh)} |`),
    ].join('\n'),
  };
}

function region(name: string): RegExp {
  return new RegExp(`(<!-- generated:${name} -->\\n)([\\s\\S]*?)\\n?(<!-- /generated:${name} -->)`);
}

describe('docs/reference.md is in sync with the compiler', () => {
  const path = join(root, 'docs/reference.md');
  if (process.env.DOCS_WRITE) {
    let text = readFileSync(path, 'utf8');
    for (const [name, table] of Object.entries(generated())) text = text.replace(region(name), (_, a: string, _b: string, c: string) => `${a}${table}\n${c}`);
    writeFileSync(path, text);
  }
  const text = readFileSync(path, 'utf8');
  for (const [name, table] of Object.entries(generated())) {
    it(`the ${name} table matches builtins.ts`, () => {
      const m = region(name).exec(text);
      expect(m, `docs/reference.md has no <!-- generated:${name} --> region`).not.toBeNull();
      expect(m![2]).toBe(table);
    });
  }
  it('the diagnostics table lists every code of the catalogue, once, with its severity', () => {
    const rows = [...text.matchAll(/^\| (L\d{3}) \| (error|warning) \|/gm)].map((m) => [m[1]!, m[2]!] as const);
    expect(rows.map((r) => r[0]).sort()).toEqual(Object.keys(catalogue).sort());
    for (const [c, severity] of rows) expect(severity, c).toBe(catalogue[c as keyof typeof catalogue].severity);
  });
});
