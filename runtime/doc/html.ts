// The published policy document as one self-contained HTML page with print CSS: each clause has an anchor and a
// link to its policy line (`data-line` on the link lets the playground jump its editor there). Everything escaped.

import { escapeHtml } from '../simulate/html.ts';
import type { DocBlock, PolicyDocument } from './build.ts';
import { docWords } from './catalogue.ts';
import { sectionNumber } from './markdown.ts';

const STYLE = `body{font-family:"Noto Serif CJK SC","Noto Sans CJK SC","Songti SC","SimSun","PingFang SC","Microsoft YaHei",serif;max-width:52rem;margin:2rem auto;padding:0 1.5rem;color:#1d1d1f;line-height:1.7}
h1{text-align:center;font-size:1.6rem;margin-bottom:.3rem}.meta{text-align:center;color:#555;margin:0 0 1.5rem}.meta span+span::before{content:" · "}
h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}h3{font-size:1rem;margin:1.2rem 0 .4rem}
.purpose p{text-indent:2em;margin:.3rem 0}.clause{margin:.45rem 0}.no{font-weight:bold;color:inherit;text-decoration:none;margin-right:.4em}
.rule{display:inline-block;font-size:.8em;border:1px solid #b9c4d6;border-radius:3px;padding:0 .3em;margin-right:.4em;color:#34527d}
.src{font-size:.75em;color:#888;margin-left:.5em;text-decoration:none;white-space:nowrap}.src:hover{text-decoration:underline}
table{border-collapse:collapse;margin:.4rem 0 .6rem;font-size:.92rem}td,th{border:1px solid #bbb;padding:.2rem .6rem;text-align:left;vertical-align:top}th{background:#f2f4f7}
.caption{margin:.8rem 0 .2rem}.note{color:#444;font-size:.9rem;margin:.2rem 0}nav ol{columns:2;font-size:.9rem}footer{margin-top:2.5rem;color:#777;font-size:.85rem;border-top:1px solid #ddd;padding-top:.5rem}
@media print{body{margin:0;max-width:none}nav,.src{display:none}h2{break-after:avoid}table,.clause{break-inside:avoid}a{color:inherit}@page{size:A4;margin:2cm}}`;

export function policyDocHtml(doc: PolicyDocument): string {
  const w = docWords(doc.lang);
  const e = escapeHtml;
  const parts: string[] = [
    `<!doctype html><html lang="${doc.lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`,
    `<title>${e(doc.title)}</title><style>${STYLE}</style></head><body><article class="policy-doc">`,
    `<h1>${e(doc.title)}</h1>`,
  ];
  if (doc.meta.length) parts.push(`<p class="meta">${doc.meta.map((m) => `<span>${e(m.label)}${e(w.colon)}${e(m.value)}</span>`).join('')}</p>`);
  parts.push(`<nav><ol>${doc.sections.map((s) => `<li><a href="#${s.id}">${e(s.title)}</a></li>`).join('')}</ol></nav>`);
  if (doc.purpose.length) parts.push(`<section class="purpose"><h2>${e(w.purpose)}</h2>${doc.purpose.map((p) => `<p>${e(p)}</p>`).join('')}</section>`);
  for (const s of doc.sections) {
    parts.push(`<section id="${s.id}"><h2>${e(sectionNumber(s.number, doc.lang) + s.title)}</h2>`);
    for (const b of s.blocks) parts.push(block(b, doc));
    parts.push('</section>');
  }
  parts.push(`<footer>${e(doc.footer)}</footer></article></body></html>\n`);
  return parts.join('\n');
}

function block(b: DocBlock, doc: PolicyDocument): string {
  const e = escapeHtml;
  const w = docWords(doc.lang);
  const src = (line: number) => line ? `<a class="src" href="${e(encodeURI(doc.file))}#L${line}" data-line="${line}">${e(w.lineRef(doc.file, line))}</a>` : '';
  const head = (x: { number: string; id: string; ruleId?: string }) =>
    `<a class="no" href="#${x.id}">${e(x.number)}</a>${x.ruleId ? `<span class="rule">${e(x.ruleId)}</span>` : ''}`;
  switch (b.kind) {
    case 'heading': return `<h3>${e(b.text)}</h3>`;
    case 'paragraph': return `<p>${e(b.text)}</p>`;
    case 'clause': return `<p class="clause" id="${b.id}">${head(b)}${e(b.text)}${src(b.source.line)}</p>`;
    case 'table':
      return `<div class="table" id="${b.id}"><p class="caption">${head(b)}<strong>${e(b.title)}</strong>${src(b.source.line)}</p>` +
        `<table><thead><tr>${b.columns.map((c) => `<th>${e(c)}</th>`).join('')}</tr></thead><tbody>` +
        b.rows.map((r) => `<tr>${r.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`).join('') + '</tbody></table>' +
        b.notes.map((n) => `<p class="note">${e(n)}</p>`).join('') + '</div>';
  }
}
