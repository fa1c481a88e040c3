// The published policy document as Markdown: numbered clauses, each carrying its rule id and its policy file:line.

import type { DocBlock, PolicyDocument } from './build.ts';
import { docWords } from './catalogue.ts';

export function policyDocMarkdown(doc: PolicyDocument): string {
  const w = docWords(doc.lang);
  const out: string[] = [`# ${inline(doc.title)}`, ''];
  for (const m of doc.meta) out.push(`- ${inline(m.label)}${w.colon}${inline(m.value)}`);
  if (doc.meta.length) out.push('');
  if (doc.purpose.length) {
    out.push(`## ${w.purpose}`, '');
    for (const p of doc.purpose) out.push(inline(p), '');
  }
  for (const s of doc.sections) {
    out.push(`## ${sectionNumber(s.number, doc.lang)}${inline(s.title)}`, '');
    for (const b of s.blocks) out.push(...block(b, doc), '');
  }
  out.push('---', '', `*${inline(doc.footer)}*`, '');
  return out.join('\n');
}

export function sectionNumber(n: number, lang: 'zh' | 'en'): string {
  if (lang === 'en') return `${n}. `;
  const digits = '〇一二三四五六七八九十';
  const zh = n <= 10 ? digits[n]! : n < 20 ? `十${digits[n - 10]}` : String(n);
  return `${zh}、`;
}

function block(b: DocBlock, doc: PolicyDocument): string[] {
  const w = docWords(doc.lang);
  const ref = (line: number) => line ? (doc.lang === 'zh' ? ` （${w.lineRef(doc.file, line)}）` : ` (${w.lineRef(doc.file, line)})`) : '';
  switch (b.kind) {
    case 'heading': return [`### ${inline(b.text)}`];
    case 'paragraph': return [inline(b.text)];
    case 'clause': return [`**${b.number}**${b.ruleId ? ` [${b.ruleId}]` : ''} ${inline(b.text)}${ref(b.source.line)}`];
    case 'table': {
      const lines = [`**${b.number}**${b.ruleId ? ` [${b.ruleId}]` : ''} **${inline(b.title)}**${ref(b.source.line)}`, ''];
      lines.push(`| ${b.columns.map(cell).join(' | ')} |`, `|${b.columns.map(() => '---').join('|')}|`);
      for (const r of b.rows) lines.push(`| ${r.map(cell).join(' | ')} |`);
      for (const n of b.notes) lines.push('', inline(n));
      return lines;
    }
  }
}

/** Text that Markdown would otherwise read as markup (a `*`, `_`, `[`, `<` in a formula or a name). */
function inline(text: string): string {
  return text.replace(/([\\`*_[\]<|])/g, '\\$1').replace(/^([#>+-])/, '\\$1');
}

function cell(text: string): string {
  return inline(text).replace(/\n/g, ' ');
}
