// Quick fixes that make the policy better (issue 18): the compiler's "did you mean" and the next closest names,
// each tried on the text, kept only when applying it removes the error and leaves fewer errors than before. Pure:
// the page checks candidates in its checker worker, the tests with compile().

import { suggestNames } from '../../../compiler/diagnostics/suggest.ts';

export interface FixableMarker {
  readonly code: string;
  readonly severity: string;
  readonly start: number;
  readonly end: number;
  readonly replacement?: string;
}

export interface ProblemAt { readonly code: string; readonly severity: string; readonly start: number; readonly end: number }

const QUOTES: readonly (readonly [string, string])[] = [['「', '」'], ['【', '】'], ['`', '`']];

/** The text that replaces a marked span with `name`: a quoted name (「当月…之首」) stays quoted. */
export function replacementText(spanText: string, name: string): string {
  for (const [open, close] of QUOTES) if (spanText.startsWith(open) && spanText.endsWith(close) && spanText.length > 1) return `${open}${name}${close}`;
  return name;
}

/** The name the author typed at a marked span, without its quotes. */
export function typedName(spanText: string): string {
  for (const [open, close] of QUOTES) if (spanText.startsWith(open) && spanText.endsWith(close) && spanText.length > 1) return spanText.slice(open.length, -close.length);
  return spanText;
}

/** The text with the span replaced. */
export function applyFix(text: string, m: FixableMarker, name: string): string {
  return text.slice(0, m.start) + replacementText(text.slice(m.start, m.end), name) + text.slice(m.end);
}

const errorCount = (ps: readonly ProblemAt[]) => ps.filter((p) => p.severity === 'error').length;

/**
 * The names to offer for a marker, best first, each checked: the compiler's suggestion, then the closest of the
 * policy's names. A candidate stays only when the fixed text has fewer errors and none of the same code where the
 * fix was written. The first that passes is returned; at most `tries` candidates are checked (each is a compile).
 */
export async function rankedFixes(text: string, m: FixableMarker, names: readonly string[], problemsOf: (text: string) => Promise<readonly ProblemAt[]> | readonly ProblemAt[], before: readonly ProblemAt[], tries = 4): Promise<string[]> {
  const typed = typedName(text.slice(m.start, m.end));
  const candidates = [...new Set([...(m.replacement ? [m.replacement] : []), ...suggestNames(typed, names, tries)])].slice(0, tries);
  const good: string[] = [];
  for (const name of candidates) {
    const fixed = applyFix(text, m, name);
    const after = await problemsOf(fixed);
    const end = m.start + replacementText(text.slice(m.start, m.end), name).length;
    const still = after.some((p) => p.severity === 'error' && p.code === m.code && p.start < end && Math.max(p.end, p.start + 1) > m.start);
    if (!still && errorCount(after) < errorCount(before)) { good.push(name); break; }
  }
  return good;
}
