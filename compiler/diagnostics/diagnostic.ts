// Diagnostics are data: a code from the catalogue, the span it points at, the arguments of its message,
// related places and an optional suggestion. Nothing in the compiler throws for a user's mistake.

import type { Span } from '../source/source.ts';
import { type Args, type DiagnosticCode, type Lang, type Severity, messageOf, severityOf } from './catalogue.ts';

export interface RelatedNote {
  readonly span: Span;
  readonly zh: string;
  readonly en: string;
}

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly span: Span;
  readonly args: Args;
  readonly related: readonly RelatedNote[];
  /** A replacement the author probably meant, e.g. a known name close to an unknown one. */
  readonly suggestion?: string;
}

export interface DiagnosticExtras {
  readonly related?: readonly RelatedNote[];
  readonly suggestion?: string;
}

/** Collects diagnostics across stages; the stages append, the caller sorts and renders. */
export class DiagnosticBag {
  readonly items: Diagnostic[] = [];

  add(code: DiagnosticCode, span: Span, args: Args = {}, extras: DiagnosticExtras = {}): void {
    const d: Diagnostic = {
      code,
      severity: severityOf(code),
      span,
      args,
      related: extras.related ?? [],
      ...(extras.suggestion !== undefined ? { suggestion: extras.suggestion } : {}),
    };
    this.items.push(d);
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }

  /** Errors since a mark: lets a stage tell whether its own input was clean. */
  mark(): number {
    return this.items.length;
  }

  errorsSince(mark: number): boolean {
    for (let i = mark; i < this.items.length; i++) if (this.items[i]!.severity === 'error') return true;
    return false;
  }
}

export function messageFor(d: Diagnostic, lang: Lang): string {
  return messageOf(d.code, d.args, lang);
}

export function suggestionText(d: Diagnostic, lang: Lang): string | undefined {
  if (d.suggestion === undefined) return undefined;
  return lang === 'zh' ? `是否想写“${d.suggestion}”？` : `did you mean '${d.suggestion}'?`;
}

/** Sorted by file and position, duplicates (same code at the same place) removed. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const d of [...list].sort(
    (a, b) => a.span.file.localeCompare(b.span.file) || a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code),
  )) {
    const key = `${d.span.file}:${d.span.start}:${d.span.end}:${d.code}:${JSON.stringify(d.args)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}
