// Reading a YAML node tree with spans: map entries, scalars, and the relative source of an embedded expression,
// which maps each character of a scalar's value back to its offset in the file (quotes, escapes, folded lines).

import { type Node, type Pair, isMap, isScalar, isSeq, Scalar, isAlias } from 'yaml';
import { type Span, span } from '../source/source.ts';

export type YNode = Node;

export interface Entry {
  /** The key as written, NFKC-normalised so full-width names match their half-width spelling. */
  readonly key: string;
  readonly keySpan: Span;
  readonly value: YNode | null;
  /** Span of the value, or of the key when the value is missing. */
  readonly valueSpan: Span;
}

export function nodeSpan(file: string, node: YNode | null | undefined, fallback?: Span): Span {
  const r = node?.range;
  if (!r) return fallback ?? span(file, 0, 0);
  return span(file, r[0], r[1]);
}

export function normalizeName(name: string): string {
  return name.normalize('NFKC').trim();
}

export function entriesOf(file: string, node: YNode | null | undefined): Entry[] {
  if (!node || !isMap(node)) return [];
  return (node.items as Pair<unknown, unknown>[]).map((pair) => {
    const keyNode = pair.key as YNode | null;
    const raw = isScalar(keyNode) ? String(keyNode.value ?? '') : '';
    const keySpan = nodeSpan(file, keyNode);
    const value = (pair.value as YNode | null) ?? null;
    const valueSpan = value && value.range ? nodeSpan(file, value) : keySpan;
    return { key: normalizeName(raw), keySpan, value: isAlias(value) ? null : value, valueSpan };
  });
}

export function itemsOf(node: YNode | null | undefined): YNode[] {
  if (!node || !isSeq(node)) return [];
  return node.items as YNode[];
}

export function get(file: string, node: YNode | null | undefined, key: string): Entry | undefined {
  return entriesOf(file, node).find((e) => e.key === key);
}

export function isBlank(node: YNode | null | undefined): boolean {
  if (!node) return true;
  if (isScalar(node)) return node.value === null || (typeof node.value === 'string' && node.value.trim() === '');
  return false;
}

export function scalarValue(node: YNode | null | undefined): unknown {
  return node && isScalar(node) ? node.value : undefined;
}

export function scalarString(node: YNode | null | undefined): string | undefined {
  const v = scalarValue(node);
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** The text of a scalar as written in the file (for numbers: `1,200`, `５` … before YAML's interpretation). */
export function rawText(text: string, node: YNode | null | undefined): string | undefined {
  if (!node || !isScalar(node) || !node.range) return undefined;
  return text.slice(node.range[0], node.range[1]);
}

/** An embedded expression's text and, for each of its characters, the file offset it came from. */
export interface RelativeSource {
  readonly text: string;
  /** The file offset of character i of `text` (i = text.length: just past its end). */
  readonly offsetOf: (i: number) => number;
  readonly file: string;
  /** The span of the whole scalar, for messages about the expression as a whole. */
  readonly span: Span;
}

export function relativeSource(file: string, fileText: string, node: YNode): RelativeSource | undefined {
  if (!isScalar(node) || !node.range) return undefined;
  const value = String(node.value ?? '');
  const [start, end] = node.range;
  let j = start;
  const type = (node as Scalar).type;
  if (type === Scalar.BLOCK_LITERAL || type === Scalar.BLOCK_FOLDED) {
    const nl = fileText.indexOf('\n', start);
    j = nl < 0 ? end : nl + 1;
  } else if (type === Scalar.QUOTE_DOUBLE || type === Scalar.QUOTE_SINGLE) {
    j = start + 1;
  }
  // Usually the value stands in the file as it is (a plain or simply quoted formula): offsets are a shift.
  if (fileText.startsWith(value, j) && j + value.length <= end) {
    const base = j;
    return { text: value, offsetOf: (i) => base + i, file, span: span(file, start, end) };
  }
  const offsets: number[] = new Array(value.length + 1);
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    let k = j;
    let found = -1;
    while (k < end && k - j < 256) {
      const r = fileText[k]!;
      if (r === c) { found = k; break; }
      if ((c === ' ' || c === '\n') && (r === '\n' || r === '\r')) { found = k; break; }
      k++;
    }
    if (found >= 0) {
      offsets[i] = found;
      j = found + 1;
    } else {
      offsets[i] = Math.min(j, end);
    }
  }
  offsets[value.length] = Math.min(j, end);
  return { text: value, offsetOf: (i) => offsets[i]!, file, span: span(file, start, end) };
}

/** A relative source for text that does not come from a scalar (generated or synthetic), pointing at one span. */
export function syntheticSource(text: string, at: Span): RelativeSource {
  return { text, offsetOf: () => at.start, file: at.file, span: at };
}

export function relativeSpan(src: RelativeSource, from: number, to: number): Span {
  const a = src.offsetOf(Math.max(0, Math.min(from, src.text.length)));
  const lastChar = Math.max(from, to - 1);
  const b = to > from ? src.offsetOf(Math.min(lastChar, src.text.length)) + 1 : a;
  return span(src.file, a, Math.max(a, b));
}
