// Amounts written in policy files: 1200, "1200元", "5%", "3个月", ranges "2~5" / "2-5" / "[2, 5]", and blanks
// ("", "?", "XX", "____") that a template leaves for the author to fill.

import type { Unit } from '../expr/ast.ts';
import { parseNumberToken } from '../expr/lexer.ts';
import { normalizeExpressionText } from '../expr/normalize.ts';
import type { Span } from '../source/source.ts';

export interface Quantity {
  readonly value: number;
  readonly unit: Unit | null;
  readonly span: Span;
  /** As written in the file, for messages. */
  readonly text: string;
  /** The author typed full-width digits (５): understood, and reported so the file can be cleaned. */
  readonly fullWidth: boolean;
}

export interface QuantityRange {
  readonly min: Quantity;
  readonly max: Quantity;
  readonly span: Span;
  readonly text: string;
}

export type Amount =
  | { readonly kind: 'quantity'; readonly q: Quantity }
  | { readonly kind: 'range'; readonly r: QuantityRange }
  | { readonly kind: 'blank'; readonly span: Span; readonly text: string }
  | { readonly kind: 'text'; readonly text: string; readonly span: Span }
  | { readonly kind: 'malformed'; readonly text: string; readonly span: Span };

/** An amount as written in the file (a blank as the placeholder the template left). */
export function writtenText(a: Amount): string {
  return a.kind === 'quantity' ? a.q.text : a.kind === 'range' ? a.r.text : a.text;
}

/** A fraction as a percent, to a hundredth of a percent at most: 0.96 → 96%, 0.0525 → 5.25%. */
export function percentText(x: number): string {
  return `${Math.round(x * 1e6) / 1e4}%`;
}

/** The numbers an amount allows, as written (data records an amount as the number written): a range's ends in
 * order, a single amount as both ends; undefined for a blank, text or malformed amount. */
export function amountRange(a: Amount): { readonly min: number; readonly max: number; readonly text: string } | undefined {
  if (a.kind === 'range') return { min: Math.min(a.r.min.value, a.r.max.value), max: Math.max(a.r.min.value, a.r.max.value), text: a.r.text };
  if (a.kind === 'quantity') return { min: a.q.value, max: a.q.value, text: a.q.text };
  return undefined;
}

const BLANK = /^(?:|\?+|？+|_+|＿+|x+|X+|待定|空|—+|-|TBD|tbd)$/;
const SINGLE = /^(-?)\s*([¥$]?\s*\d+(?:\.\d+)?\s*[^\d\s~\-,[\]()]*)$/;

function parseSingle(text: string, span: Span, fullWidth: boolean): Quantity | undefined {
  const m = SINGLE.exec(text.trim());
  if (!m) return undefined;
  const { value, unit } = parseNumberToken(m[2]!.replace(/\s+/g, ''));
  const rest = m[2]!.replace(/^[¥$]?\s*\d+(?:\.\d+)?\s*/, '');
  if (rest && !unit) return undefined;
  if (!Number.isFinite(value)) return undefined;
  return { value: m[1] ? -value : value, unit, span, text, fullWidth };
}

/** Reads one YAML scalar as an amount. `raw` is the value YAML produced (number, string or null). */
export function readAmount(raw: unknown, span: Span): Amount {
  if (raw === null || raw === undefined) return { kind: 'blank', span, text: '' };
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return { kind: 'malformed', text: String(raw), span };
    return { kind: 'quantity', q: { value: raw, unit: null, span, text: String(raw), fullWidth: false } };
  }
  if (typeof raw !== 'string') return { kind: 'malformed', text: String(raw), span };
  const original = raw.trim();
  const text = normalizeExpressionText(original).text.trim();
  const fullWidth = /[\uff10-\uff19]/.test(original);
  if (BLANK.test(text)) return { kind: 'blank', span, text: original };
  const single = parseSingle(text, span, fullWidth);
  if (single) return { kind: 'quantity', q: { ...single, text: original } };
  // 2~5, 2-5, 2至5, [2, 5], and negative ends: -5~5, [-5, 5], -5至5.
  const range = /^\[?\s*(-?\d+(?:\.\d+)?[^\d\s~\-,\]]*)\s*(?:~|-|～|至|到|,)\s*(-?\d+(?:\.\d+)?[^\d\s\]]*)\s*\]?$/.exec(text);
  if (range) {
    const lo = parseSingle(range[1]!, span, fullWidth);
    const hi = parseSingle(range[2]!, span, fullWidth);
    if (lo && hi) {
      const unit = lo.unit ?? hi.unit;
      return { kind: 'range', r: { min: { ...lo, unit }, max: { ...hi, unit }, span, text: original } };
    }
  }
  if (/\d/.test(text)) return { kind: 'malformed', text: original, span };
  return { kind: 'text', text: original, span };
}
