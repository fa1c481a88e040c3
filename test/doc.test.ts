// `ladder doc`: every bundled policy as its published document (制度文本) in each format and language names every pay
// line, table and move of the policy (found by walking the model); the docx is a well-formed OOXML package; one
// small policy's Markdown is checked word for word; exit codes and --out as every command has them.

import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { compile } from '../compiler/compile.ts';
import { buildPolicyDocument } from '../runtime/doc/build.ts';
import { policyDocMarkdown } from '../runtime/doc/markdown.ts';
import { bundledPolicies, namesOf, wellFormedProblem } from './doc-helpers.ts';

const root = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'ladder-doc-'));

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The text of a Markdown document as read (escapes removed). */
const mdText = (md: string) => md.replace(/\\([\\`*_[\]<>#|+-])/g, '$1');

/** The text of document.xml: its w:t runs, unescaped. */
function docxText(xml: string): string {
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&')).join('');
}

const policies = bundledPolicies();
const cases = policies.flatMap((file) => (['md', 'html', 'docx'] as const).flatMap((format) => (['zh', 'en'] as const).map((lang) => ({ name: relative(root, file), file, format, lang }))));

describe('ladder doc on every bundled policy', () => {
  it('finds the bundled policies', () => {
    expect(policies.length).toBeGreaterThanOrEqual(15);
  });

  it.each(cases)('$name as $format in $lang names every pay line, table and move', async ({ file, format, lang }) => {
    const name = relative(root, file);
    const out = join(dir, `${name.replace(/[/\\]/g, '_')}.${lang}.${format}`);
    const r = await run(['doc', file, '--format', format, '--lang', lang, '--out', out]);
    if (/\.template\.ya?ml$/.test(file)) {
      // A template leaves blanks to fill: it has errors, said as `ladder check` says them, and no document.
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/ L01[47] /);
      expect(existsSync(out)).toBe(false);
      return;
    }
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    let text: string;
    if (format === 'docx') {
      const zip = unzipSync(readFileSync(out));
      expect(Object.keys(zip).sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'docProps/core.xml', 'word/_rels/document.xml.rels', 'word/document.xml', 'word/styles.xml']);
      for (const part of Object.values(zip)) expect(wellFormedProblem(strFromU8(part))).toBeUndefined();
      text = docxText(strFromU8(zip['word/document.xml']!));
    } else {
      const raw = readFileSync(out, 'utf8');
      text = format === 'md' ? mdText(raw) : raw.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    }
    const checked = compile({ name: file, text: readFileSync(file, 'utf8') }).checked!;
    for (const n of namesOf(checked, lang)) expect(text, `${n} in ${name}`).toContain(n);
    expect(text).toContain(checked.policy.meta.name);
  });
});

describe('the document of a small policy, word for word', () => {
  const text = readFileSync(join(root, 'policies/examples/star-pay.yaml'), 'utf8');
  const checked = compile({ name: 'star-pay.yaml', text }).checked!;

  it('in Chinese', () => {
    expect(policyDocMarkdown(buildPolicyDocument(checked, 'zh'))).toBe(`# 示例：客服代表星级绩效

- 公司：示例公司
- 版本：2026.1
- 有效期：2026-01 – 2026-12

## 目的

示例：客服代表星级绩效工资（取自方案 C 的 C1–C3，用于快速上手）

## 一、总则

**1.1** 本制度自 2026-01 起施行，至 2026-12 止。 （star-pay.yaml:8）

**1.2** 薪酬以人民币（元）计发，各项金额按四舍五入保留到分；合计为各项之和。

## 二、职级与晋降

**2.1** 序列「客服」：初级 → 中级 → 高级。 （star-pay.yaml:23）

## 三、考核

### 星级评定

**3.1** 星级为 0–5 星，按季度评定，下季度生效。 （star-pay.yaml:36）

**3.2** [C3] 未评定星级者按 3 星计。 （star-pay.yaml:40）

## 四、薪酬

### 薪酬标准表

**4.1** [C3] **星级绩效** （star-pay.yaml:31）

| 星级 | 金额（元） |
|---|---|
| 0 | 0 |
| 1 | 600 |
| 2 | 900 |
| 3 | 1200 |
| 4 | 1500 |
| 5 | 1800 |

### 计算项

**4.2** [C2] 全勤：迟到次数 = 0，且早退次数 = 0，且病假天数 = 0，且事假天数 = 0，且调休次数 ≤ 3 （star-pay.yaml:27）

### 工资项目

**4.3** [C1] 岗位工资 = 岗位工资 （star-pay.yaml:43）

**4.4** [C3] 绩效工资 = 星级绩效\\[星级\\] × 考核分% （star-pay.yaml:44）

**4.5** [C2] 全勤奖 = 若 全勤 则 200元，否则 0元 （star-pay.yaml:45）

---

*本文由 Ladder 依策略文件 star-pay.yaml 生成，与薪酬计算同源。*
`);
  });

  it('in English, the policy\'s names as written', () => {
    const md = policyDocMarkdown(buildPolicyDocument(checked, 'en'));
    expect(md).toContain('**4.4** [C3] 绩效工资 = 星级绩效\\[star\\] × 考核分% (star-pay.yaml:44)');
    expect(md).toContain('**4.5** [C2] 全勤奖 = if 全勤 then 200 yuan, otherwise 0 yuan (star-pay.yaml:45)');
    expect(md).toContain('**4.2** [C2] 全勤: 迟到次数 = 0, and 早退次数 = 0, and 病假天数 = 0, and 事假天数 = 0, and 调休次数 ≤ 3 (star-pay.yaml:27)');
    expect(md).toContain('## 1. General provisions');
    expect(md).toContain("Example: a customer-service representative's star-rated pay");
    expect(md).not.toMatch(/[总则目的薪酬]/);
  });
});

describe('moves in plain words', () => {
  it('writes a promotion as its tiers, its conditions joined by 且, and when it is assessed', () => {
    const text = readFileSync(join(root, 'policies/scheme-a-tier-ladder.yaml'), 'utf8');
    const md = mdText(policyDocMarkdown(buildPolicyDocument(compile({ name: 'a.yaml', text }).checked!, 'zh')));
    expect(md).toMatch(/\[A6\] 初级客服 → 中级客服：月均前三，且近12个月「季初 且 季度考核 ≥ 91」的次数 ≥ 1，且入职满3个月（按季度评定，次月生效）。 〔A6 晋升中级客服〕 （a\.yaml:\d+）/);
    expect(md).toContain('由公司决定（人工晋降）');
  });
});

describe('ladder doc, its exit codes and --out', () => {
  const starPay = join(root, 'policies/examples/star-pay.yaml');

  it('prints Markdown by default', async () => {
    const r = await run(['doc', starPay, '--lang', 'zh']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^# 示例：客服代表星级绩效\n/);
  });

  it('takes the format from an --out file named .docx or .html', async () => {
    const docx = join(dir, 'named.docx');
    const html = join(dir, 'named.html');
    expect((await run(['doc', starPay, '--out', docx])).code).toBe(0);
    expect((await run(['doc', starPay, '--out', html])).code).toBe(0);
    expect(readFileSync(docx).subarray(0, 2).toString()).toBe('PK');
    expect(readFileSync(html, 'utf8')).toMatch(/^<!doctype html>/);
  });

  it('is exit 1 for a policy with errors, said as ladder check says them, and writes nothing', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'policy:\n  name: 坏\ninputs:\n  满意度: percent\nflags:\n  提醒: { when: 满意读 < 95% }\n');
    const out = join(dir, 'bad.md');
    const r = await run(['doc', bad, '--lang', 'en', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${bad}:6:15 error L030 unknown name '满意读'`);
    expect(existsSync(out)).toBe(false);
  });

  it('is exit 2 for a usage mistake, a missing file or an --out it cannot write', async () => {
    expect((await run(['doc', starPay, '--format', 'docx'])).code).toBe(2);
    expect((await run(['doc', starPay, '--format', 'pdf'])).code).toBe(2);
    expect((await run(['doc', join(dir, 'missing.yaml')])).code).toBe(2);
    const r = await run(['doc', starPay, '--out', join(dir, 'no/such/folder/x.md')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/ENOENT/);
    expect(readdirSync(dir).filter((f) => f.includes('.incomplete-'))).toEqual([]);
  });

  it('is listed by ladder --help', async () => {
    const r = await run(['--help', '--lang', 'en']);
    expect(r.out).toMatch(/\n\s+doc\s+the policy as the document HR publishes/);
  });
});

describe('the XML check itself', () => {
  it('finds what is not well-formed', () => {
    expect(wellFormedProblem('<a><b/></a>')).toBeUndefined();
    expect(wellFormedProblem('<a><b></a>')).toBeDefined();
    expect(wellFormedProblem('<a>x & y</a>')).toBeDefined();
    expect(wellFormedProblem('<a>1 < 2</a>')).toBeDefined();
    expect(wellFormedProblem('<a/><b/>')).toBeDefined();
  });
});

describe('text from the policy is only ever text', () => {
  it('escapes markup in labels and names in HTML, docx and Markdown', async () => {
    const hostile = join(dir, 'hostile.yaml');
    writeFileSync(hostile, [
      '# <script>alert(1)</script> & friends',
      'policy:\n  name: "<img src=x onerror=alert(1)> & 方案"',
      'inputs:\n  score: { type: number, label: "分<b>数</b>" }',
      'pay:\n  绩效: { formula: "score * 10元", label: "C3 <a href=javascript:alert(1)>x</a> & y" }',
      '',
    ].join('\n'));
    const html = join(dir, 'hostile.html');
    const docx = join(dir, 'hostile.docx');
    expect((await run(['doc', hostile, '--out', html])).code).toBe(0);
    expect((await run(['doc', hostile, '--out', docx])).code).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page).not.toMatch(/<(script|img|b|a href=javascript)[\s>]/);
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; 方案');
    const xml = strFromU8(unzipSync(readFileSync(docx))['word/document.xml']!);
    expect(wellFormedProblem(xml)).toBeUndefined();
    expect(xml).toContain('分&lt;b&gt;数&lt;/b&gt;');
    const md = (await run(['doc', hostile])).out;
    expect(md).toContain('\\<img src=x onerror=alert(1)> & 方案');
    expect(md).not.toMatch(/(^|[^\\])<(script|img|b|a)[\s>]/);
  });
});
