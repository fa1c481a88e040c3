// Renders diagnostics like a compiler: `file:line:col error L012 message`, the source line, a caret under the span.

import { type SourceFile, lineText, positionOf } from '../source/source.ts';
import { displayWidth } from '../source/width.ts';
import type { Lang } from './catalogue.ts';
import { type Diagnostic, messageFor, suggestionText } from './diagnostic.ts';

export interface RenderOptions {
  readonly lang: Lang;
  /** Print the source line and caret (off for one-line-per-diagnostic output). */
  readonly snippet?: boolean;
}

export function renderDiagnostic(d: Diagnostic, files: ReadonlyMap<string, SourceFile>, opts: RenderOptions): string {
  const file = files.get(d.span.file);
  const severityWord = opts.lang === 'zh' ? (d.severity === 'error' ? '错误' : '警告') : d.severity;
  const where = file ? positionOf(file, d.span.start) : { line: 1, column: 1 };
  const lines = [`${d.span.file}:${where.line}:${where.column} ${severityWord} ${d.code} ${messageFor(d, opts.lang)}`];
  if (file && opts.snippet !== false) lines.push(...snippet(file, d.span.start, d.span.end));
  const hint = suggestionText(d, opts.lang);
  if (hint) lines.push(`  = ${opts.lang === 'zh' ? '提示' : 'help'}: ${hint}`);
  for (const note of d.related) {
    const f = files.get(note.span.file);
    const p = f ? positionOf(f, note.span.start) : { line: 1, column: 1 };
    lines.push(`  = ${opts.lang === 'zh' ? '参见' : 'note'}: ${note.span.file}:${p.line}:${p.column} ${note[opts.lang]}`);
  }
  return lines.join('\n');
}

function snippet(file: SourceFile, start: number, end: number): string[] {
  const { line } = positionOf(file, start);
  const text = lineText(file, line);
  const lineStart = file.lineStarts[line - 1]!;
  const lineEnd = lineStart + text.length;
  const from = Math.max(0, start - lineStart);
  const to = Math.max(from + 1, Math.min(end, lineEnd) - lineStart);
  const gutter = String(line);
  const pad = ' '.repeat(displayWidth(text.slice(0, from)));
  const carets = '^'.repeat(Math.max(1, displayWidth(text.slice(from, to))));
  return [`${gutter} | ${text}`, `${' '.repeat(gutter.length)} | ${pad}${carets}`];
}

export function renderDiagnostics(list: readonly Diagnostic[], files: ReadonlyMap<string, SourceFile>, opts: RenderOptions): string {
  return list.map((d) => renderDiagnostic(d, files, opts)).join('\n\n');
}
