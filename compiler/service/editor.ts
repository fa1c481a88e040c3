// What any policy editor shows, without the editor: the compiler's diagnostics as markers with their quick fix, the
// names a policy can use, the name under the cursor, and the text of a hover. The playground's monaco editor and
// `ladder lsp` both turn these into their own types, so both say the same thing.

import type { CompileResult } from '../compile.ts';
import type { Lang } from '../diagnostics/catalogue.ts';
import { type Diagnostic, messageFor, suggestionText } from '../diagnostics/diagnostic.ts';
import { lineIndexOf } from '../source/source.ts';
import { type PolicyName, builtinNames, kindText, policyNames } from './symbols.ts';

export interface EditorMarker {
  readonly code: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly start: number;
  readonly end: number;
  /** 1-based line and column (UTF-16 code units, as editors count) of the start. */
  readonly line: number;
  readonly column: number;
  readonly message: string;
  /** "Did you mean …" in the chosen language, and the name it proposes (for a quick fix). */
  readonly suggestion?: string;
  readonly replacement?: string;
  readonly related: readonly { readonly start: number; readonly end: number; readonly message: string }[];
}

/** One diagnostic of a compile as an editor marker. */
export function markerOf(c: CompileResult, d: Diagnostic, lang: Lang): EditorMarker {
  const suggestion = suggestionText(d, lang);
  const line = lineIndexOf(c.file, d.span.start);
  return {
    code: d.code,
    severity: d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'info',
    start: d.span.start,
    end: Math.max(d.span.end, d.span.start),
    line: line + 1,
    column: d.span.start - c.file.lineStarts[line]! + 1,
    message: messageFor(d, lang),
    ...(suggestion ? { suggestion, replacement: d.suggestion } : {}),
    related: d.related.filter((r) => r.span.file === c.file.name).map((r) => ({ start: r.span.start, end: r.span.end, message: r[lang] })),
  };
}

/** The names a compiled policy can use: its own (none when its YAML does not parse) and the built-ins. */
export function namesOf(c: CompileResult): PolicyName[] {
  return [...(c.checked ? policyNames(c.checked) : []), ...builtinNames()];
}

/** A name as the editor sees one: letters of any script, digits after the first, dotted parts (praise.customer). */
export const NAME_PATTERN = '[\\p{L}_][\\p{L}\\p{N}_]*(?:\\.[\\p{L}_][\\p{L}\\p{N}_]*)*';
const NAME_RE = new RegExp(NAME_PATTERN, 'gu');

/** The name under (or just before) a column of a line, with its 1-based column range. */
export function nameAt(line: string, column: number): { name: string; start: number; end: number } | undefined {
  for (const m of line.matchAll(NAME_RE)) {
    const start = m.index + 1;
    const end = start + m[0].length;
    if (column >= start && column <= end) return { name: m[0], start, end };
  }
  return undefined;
}

/** The name a word refers to: `praise.customer` is one name; `方案.项目` may be a section.item or a name and a field. */
export function lookupName(names: readonly PolicyName[], word: string): PolicyName | undefined {
  return names.find((n) => n.name === word || n.aliases.includes(word))
    ?? (word.includes('.') ? lookupName(names, word.slice(0, word.lastIndexOf('.'))) : undefined);
}

/** A name's hover and completion documentation, in Markdown. */
export function describeName(n: PolicyName, lang: Lang): string {
  const kind = kindText(n.kind)[lang];
  const parts = [`**${n.name}**${n.aliases.length ? ` (${n.aliases.join(', ')})` : ''} — ${kind}${n.type ? ` · ${n.type[lang]}` : ''}`];
  if (n.signature && n.signature !== n.name) parts.push('`' + n.signature + '`');
  if (n.doc) parts.push(n.doc[lang]);
  if (n.example) parts.push((lang === 'zh' ? '例：`' : 'e.g. `') + n.example + '`');
  return parts.join('\n\n');
}

/** The schema's descriptions are written "中文 / English": the half in the given language. */
export function bilingual(description: string, lang: Lang): string {
  const [zh, en] = description.split(' / ');
  return (lang === 'zh' ? zh : en ?? zh) ?? description;
}

/** Where a completion of names makes sense: after `key: ` or a list's `- `, not in a comment. */
export function expressionContext(lineBefore: string): boolean {
  return !/(^|\s)#/.test(lineBefore) && /:\s|^\s*-\s/.test(lineBefore);
}

/** Completions are ordered: the policy's own names first, then state, functions, keywords. */
export function nameSortText(n: PolicyName, label: string): string {
  return `${n.definedAt ? 0 : n.kind === 'state' ? 1 : n.kind === 'function' ? 2 : 3}${label}`;
}
