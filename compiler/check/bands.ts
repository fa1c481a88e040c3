// Band checks: every value falls in exactly one band. Overlaps, gaps, empty bands and unstated edges (seed C16,
// D6: defects 3, 4, 8, 9, 11) are reported at the band that causes them. Star thresholds must rise with the star.

import type { DiagnosticBag } from '../diagnostics/diagnostic.ts';
import type { Expr, Interval } from '../expr/ast.ts';
import type * as P from '../model/policy.ts';
import { printExpression } from '../expr/print.ts';
import { checkAmount, measure } from './amounts.ts';
import { literalValue } from './types.ts';
import type { Scope } from './scope.ts';

interface Edge { readonly v: number; readonly closed: boolean }
interface Range { readonly lo: Edge; readonly hi: Edge; readonly band: P.Band; readonly text: string }

/** The constant value of a bound (literal, possibly negated), in base units; undefined if not constant. */
export function constantValue(e: Expr | null): number | undefined {
  if (!e) return undefined;
  if (e.kind === 'number') return literalValue(e.value, e.unit);
  if (e.kind === 'unary' && e.op === '-') {
    const v = constantValue(e.operand);
    return v === undefined ? undefined : -v;
  }
  return undefined;
}

export function intervalRange(iv: Interval): { lo: Edge; hi: Edge } | undefined {
  const lo = iv.lo ? constantValue(iv.lo) : -Infinity;
  const hi = iv.hi ? constantValue(iv.hi) : Infinity;
  if (lo === undefined || hi === undefined) return undefined;
  return { lo: { v: lo, closed: iv.loClosed && lo !== -Infinity }, hi: { v: hi, closed: iv.hiClosed && hi !== Infinity } };
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : String(Math.round(v * 1e9) / 1e9));

/** Whether an uncovered stretch between two edges holds a value: for whole-number values (counts, stars) [1, 1]
 * and [2, 2] leave nothing between them. */
function uncovered(a: Edge, b: Edge, integer: boolean): boolean {
  if (!integer) return a.v < b.v || (a.v === b.v && !a.closed && !b.closed);
  const first = a.closed ? Math.floor(a.v) + 1 : Math.ceil(a.v) === a.v ? a.v : Math.ceil(a.v);
  const last = b.closed ? Math.ceil(b.v) - 1 : Math.floor(b.v) === b.v ? b.v : Math.floor(b.v);
  return first <= last;
}

export function checkBands(policy: P.ParsedPolicy, bag: DiagnosticBag, wholeNumbers: (table: P.BandTableDecl) => boolean = () => false): void {
  for (const table of policy.bands) {
    const integer = wholeNumbers(table);
    const ranges: Range[] = [];
    for (const band of table.bands) {
      if (band.value.kind !== 'text') checkAmount(bag, band.value, 'value', { en: "the band's value", zh: '该档的取值' });
      const tree = band.range?.parsed?.tree;
      if (!tree || tree.kind !== 'interval') continue;
      const r = intervalRange(tree);
      if (!r) continue;
      const text = printExpression(tree);
      if (r.lo.v > r.hi.v || (r.lo.v === r.hi.v && !(r.lo.closed && r.hi.closed))) {
        bag.add('L064', band.rangeSpan, { text });
        continue;
      }
      ranges.push({ ...r, band, text });
    }
    // A band that could not be read would make every neighbour look like a gap: check coverage only when all are known.
    const complete = ranges.length === table.bands.length;
    ranges.sort((a, b) => a.lo.v - b.lo.v || Number(b.lo.closed) - Number(a.lo.closed) || a.hi.v - b.hi.v);
    // Sweep upwards keeping the band that reaches furthest: each next band must start exactly where it ends.
    let reach = ranges[0];
    for (let i = 1; i < ranges.length; i++) {
      const a = reach!;
      const b = ranges[i]!;
      const overlap = a.hi.v > b.lo.v || (a.hi.v === b.lo.v && a.hi.closed && b.lo.closed);
      // A value between the bands reads `otherwise` when the table has one: no gap (issue 19).
      const gap = complete && !table.otherwise && uncovered(a.hi, b.lo, integer);
      if (b.hi.v > a.hi.v || (b.hi.v === a.hi.v && b.hi.closed && !a.hi.closed)) reach = b;
      if (overlap) {
        bag.add('L060', b.band.rangeSpan, { a: a.text, b: b.text }, { related: [{ span: a.band.rangeSpan, zh: `与 ${a.text} 重叠`, en: `overlaps ${a.text}` }] });
      } else if (gap) {
        const g = a.hi.v === b.lo.v ? fmt(a.hi.v) : `${a.hi.closed ? '(' : '['}${fmt(a.hi.v)}, ${fmt(b.lo.v)}${b.lo.closed ? ')' : ']'}`;
        bag.add('L061', b.band.rangeSpan, { gap: g });
      }
    }
    const domainTree = table.domain?.parsed?.tree;
    const domain = domainTree && domainTree.kind === 'interval' ? intervalRange(domainTree) : undefined;
    const first = ranges[0];
    const last = ranges.reduce<Range | undefined>((m, r) => (!m || r.hi.v > m.hi.v || (r.hi.v === m.hi.v && r.hi.closed) ? r : m), undefined);
    // `otherwise` covers whatever of the domain the bands leave (issue 19: L061 reported a gap that otherwise fills).
    if (first && last && complete && !table.otherwise) {
      const gradeLike = table.bands.some((b) => b.value.kind === 'text');
      const lowEdge = domain?.lo ?? (gradeLike && table.otherwise === undefined ? { v: -Infinity, closed: false } : undefined);
      if (lowEdge && (first.lo.v > lowEdge.v || (first.lo.v === lowEdge.v && lowEdge.closed && !first.lo.closed))) {
        const g = lowEdge.v === -Infinity ? `(-∞, ${fmt(first.lo.v)}${first.lo.closed ? ')' : ']'}` : `${lowEdge.closed ? '[' : '('}${fmt(lowEdge.v)}, ${fmt(first.lo.v)}${first.lo.closed ? ')' : ']'}`;
        bag.add('L061', first.band.rangeSpan, { gap: g });
      }
      const highEdge = domain?.hi;
      if (highEdge && (last.hi.v < highEdge.v || (last.hi.v === highEdge.v && highEdge.closed && !last.hi.closed))) {
        bag.add('L061', last.band.rangeSpan, { gap: `${last.hi.closed ? '(' : '['}${fmt(last.hi.v)}, ${fmt(highEdge.v)}${highEdge.closed ? ']' : ')'}` });
      }
    }
  }
  checkThresholds(policy, bag);
}

/**
 * A value name two classifications share (a grade 金牌 and a tier 金牌, an enum's 本科 and a track 本科): a formula
 * reads it as the value of whatever it is compared with, and as the tier or track anywhere else — the reader cannot
 * tell which without looking. Warned at the later declaration (issue 19). Grades of two bands or two enums that share
 * names (A, B, C) are left alone: they are only ever read compared with their own classification.
 */
export function checkSharedValueNames(policy: P.ParsedPolicy, scope: Scope, bag: DiagnosticBag): void {
  const classOf = (name: string): { en: string; zh: string } | undefined => {
    const ref = scope.lookup(name);
    if (ref?.kind === 'tier') return { en: 'a tier', zh: '职级' };
    if (ref?.kind === 'track') return { en: 'a track', zh: '序列' };
    return undefined;
  };
  const warn = (value: string, span: P.Named['span'], of: string) => {
    const other = classOf(value);
    if (other) bag.add('L067', span, { value, of, other: other.en, otherZh: other.zh });
  };
  for (const input of policy.inputs) if (input.type === 'enum') for (const v of input.values) warn(v.name, v.span, input.name);
  for (const table of policy.bands) {
    for (const band of table.bands) if (band.value.kind === 'text') warn(band.value.text, band.value.span, table.name);
    if (table.otherwise?.kind === 'text') warn(table.otherwise.text, table.otherwise.span, table.name);
  }
}

function checkThresholds(policy: P.ParsedPolicy, bag: DiagnosticBag): void {
  const stars = policy.stars;
  if (!stars) return;
  const rows = [...stars.thresholdRows].sort((a, b) => a.star - b.star);
  for (const row of rows) {
    if (!Number.isInteger(row.star) || row.star < stars.min || row.star > stars.max) {
      bag.add('L036', row.span, { star: String(row.star), min: stars.min, max: stars.max });
    }
    for (const v of row.values) {
      checkAmount(bag, v.amount, v.name, { en: 'a threshold', zh: '门槛值' });
      if (!stars.thresholdKeys.some((k) => k.name === v.name)) {
        bag.add('L030', v.span, { name: v.name });
      }
    }
  }
  for (const key of stars.thresholdKeys) {
    let prev: { star: number; value: number; text: string } | undefined;
    for (const row of rows) {
      const cell = row.values.find((v) => v.name === key.name);
      if (!cell || cell.amount.kind !== 'quantity') continue;
      const value = measure(cell.amount.q).value;
      if (prev && value < prev.value) {
        bag.add('L063', cell.span, { key: key.name, higher: `${row.star}★`, hv: cell.amount.q.text, lower: `${prev.star}★`, lv: prev.text });
      }
      prev = { star: row.star, value, text: cell.amount.q.text };
    }
  }
}
