// Sweeps: one number of a policy (a threshold, a quota, a table amount) set to each of several values, the same
// people run under each, and the figures side by side — "what does the pay bill do as the 5★ quota goes from 3% to
// 8%, and which quota keeps it under budget?". The number is found by its place in the YAML (tables.星级绩效.rows.3)
// and replaced in the text as written (its unit and quotes kept), so each variant goes through the whole compiler:
// a value the policy does not allow (a 150% quota) is reported for that point, not run.

import { type Node, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { suggestName } from '../../compiler/diagnostics/suggest.ts';
import { normalizeName } from '../../compiler/yaml/nodes.ts';
import type { Bilingual } from '../data/messages.ts';
import { type Ran, type SchemeFigures, lastMonthCounts, yuan } from './report.ts';

/** The number a sweep varies: where it is in the text, and how it is written around it. */
export interface SweepTarget {
  readonly path: string;
  /** The scalar as written, without quotes ("5%", "1200", "60分"). */
  readonly written: string;
  readonly value: number;
  /** What follows the number in the scalar (a unit such as %, 元, 分, 个月), kept for every value. */
  readonly unit: string;
  /** Offsets in the text of the number itself. */
  readonly start: number;
  readonly end: number;
}

/** The most values a sweep runs (each is a full compile and run). */
export const MAX_SWEEP_POINTS = 50;

const PLAIN = /^(\s*)(-?\d+(?:\.\d+)?)(\s*[^\d\s,~[\]{}()+*/=<>-]*\s*)$/;

/** `a.b[2].c` or `a.b.2.c` as its steps. */
function steps(path: string): string[] {
  return path.replace(/\[(\d+)\]/g, '.$1').split('.').map((s) => s.trim()).filter((s) => s !== '');
}

/** Finds the number at `path` in a policy's text: a plain number, possibly with a unit (5%, 1200元), as a map value
 * or list item. */
export function sweepTarget(text: string, path: string): SweepTarget | { readonly problem: Bilingual } {
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length) return { problem: { zh: '策略文件不是有效的 YAML：先用 ladder check 检查', en: 'the policy is not valid YAML: run ladder check first' } };
  const path_ = steps(path);
  if (!path_.length) return { problem: { zh: '没有给出要变化的数（例如 tables.星级绩效.rows.3）', en: 'no number to vary was given (for example tables.星级绩效.rows.3)' } };
  let node = doc.contents as Node | null;
  const walked: string[] = [];
  for (const step of path_) {
    const at = walked.length ? walked.join('.') : '(top)';
    if (isMap(node)) {
      const keys = node.items.map((p) => (isScalar(p.key) ? String(p.key.value) : ''));
      const k = keys.findIndex((key) => normalizeName(key) === normalizeName(step));
      if (k < 0) {
        const near = suggestName(step, keys);
        return { problem: { zh: `${at} 下没有“${step}”${near ? `；是否想写“${near}”？` : ''}（有：${keys.join('、')}）`, en: `${at} has no '${step}'${near ? `; did you mean '${near}'?` : ''} (it has: ${keys.join(', ')})` } };
      }
      node = node.items[k]!.value as Node | null;
    } else if (isSeq(node)) {
      const k = Number(step);
      if (!Number.isInteger(k) || k < 0 || k >= node.items.length) {
        return { problem: { zh: `${at} 是一个列表，应写 0 到 ${node.items.length - 1} 的序号，而不是“${step}”`, en: `${at} is a list: expected an index 0 to ${node.items.length - 1}, not '${step}'` } };
      }
      node = node.items[k] as Node | null;
    } else {
      return { problem: { zh: `${at} 不是映射或列表，无法再取“${step}”`, en: `${at} is neither a map nor a list: cannot take '${step}' of it` } };
    }
    walked.push(step);
  }
  if (isMap(node)) {
    // One level short (values.及格线 written as { formula: 60分, … }): say which keys it has, and the likely one.
    const keys = node.items.map((p) => (isScalar(p.key) ? String(p.key.value) : '')).filter((k) => k);
    const next = ['formula', 'rows', 'max', 'amount', 'points'].find((k) => keys.includes(k)) ?? keys[0] ?? '';
    return { problem: { zh: `${path} 不是一个数，而是一组设置（${keys.join('、')}），请再写一层，如 ${path}.${next}`, en: `${path} is not a number but a map (${keys.join(', ')}): go one level further, e.g. ${path}.${next}` } };
  }
  if (!isScalar(node) || !node.range) return { problem: { zh: `${path} 不是一个数`, en: `${path} is not a number` } };
  const raw = text.slice(node.range[0], node.range[1]);
  const quoted = /^["']/.test(raw);
  const inner = quoted ? raw.slice(1, -1) : raw;
  const m = PLAIN.exec(inner);
  if (!m) return { problem: { zh: `${path} 是“${inner}”，不是一个数（可带单位，如 5%、1200元）`, en: `${path} is '${inner}', not a number (a unit such as 5% or 1200元 may follow)` } };
  const start = node.range[0] + (quoted ? 1 : 0) + m[1]!.length;
  return { path, written: inner.trim(), value: Number(m[2]), unit: m[3]!.trim(), start, end: start + m[2]!.length };
}

/** The path (as sweepTarget reads it) of the scalar at `offset` in the text — the number under the editor's cursor —
 * or undefined when the offset is in no map value or list item. Keys are written as in the file; list items as [n]. */
export function pathAt(text: string, offset: number): string | undefined {
  const doc = parseDocument(text);
  let node = doc.contents as Node | null;
  let path = '';
  for (;;) {
    if (isMap(node)) {
      const pair = node.items.find((p) => { const v = p.value as Node | null; return !!v?.range && offset >= v.range[0] && offset <= v.range[1]; });
      if (!pair || !isScalar(pair.key)) return undefined;
      path += `${path ? '.' : ''}${String(pair.key.value)}`;
      node = pair.value as Node | null;
    } else if (isSeq(node)) {
      const k = node.items.findIndex((v) => { const n = v as Node | null; return !!n?.range && offset >= n.range[0] && offset <= n.range[1]; });
      if (k < 0) return undefined;
      path += `[${k}]`;
      node = node.items[k] as Node | null;
    } else {
      return isScalar(node) && path ? path : undefined;
    }
  }
}

/** Decimal places written in a number's text. */
const placesIn = (t: string): number => (t.includes('.') ? t.length - t.indexOf('.') - 1 : 0);

/** `3,4,5`, `3..8` (step 1) or `3..8:0.5`, each value with or without a unit (`3%..8%:1%`): the values in order. */
export function sweepValues(spec: string): readonly number[] | { readonly problem: Bilingual } {
  const bad = { problem: { zh: `无法读取取值“${spec}”：应写 3,4,5 或 3..8 或 3..8:0.5（可带单位，如 3%..8%:1%）`, en: `cannot read the values '${spec}': expected 3,4,5 or 3..8 or 3..8:0.5 (units allowed, e.g. 3%..8%:1%)` } };
  const num = (t: string): string | undefined => /^\s*(-?\d+(?:\.\d+)?)\s*[^\d\s.,:-]*\s*$/.exec(t.normalize('NFKC'))?.[1];
  const range = /^(.+?)\.\.(.+?)(?::(.+))?$/.exec(spec.normalize('NFKC'));
  let values: number[];
  if (range) {
    const [from, to, step] = [num(range[1]!), num(range[2]!), range[3] !== undefined ? num(range[3]) : '1'];
    if (from === undefined || to === undefined || step === undefined || !(Number(step) > 0)) return bad;
    const places = Math.max(placesIn(from), placesIn(to), placesIn(step));
    const [a, b, s] = [Number(from), Number(to), Number(step)];
    const count = Math.floor(Math.abs(b - a) / s + 1e-9) + 1;
    if (count > MAX_SWEEP_POINTS) return tooMany(count);
    // Each value from the start, not by adding steps: 0.1 + 0.2 would drift.
    values = Array.from({ length: count }, (_, k) => Number((a + Math.sign(b - a || 1) * k * s).toFixed(places)));
  } else {
    const parts = spec.split(/[,，]/).map(num);
    if (!parts.length || parts.some((p) => p === undefined)) return bad;
    values = parts.map(Number);
    if (values.length > MAX_SWEEP_POINTS) return tooMany(values.length);
  }
  return values;
}

/** A budget in yuan as HR types it (12,000 / 12000元 / ¥12000 / full-width digits); NaN when it is not a number. */
export function parseBudget(text: string): number {
  return Number(text.normalize('NFKC').replace(/[,元¥\s]/g, ''));
}

function tooMany(count: number): { readonly problem: Bilingual } {
  return { problem: { zh: `取值有 ${count} 个，最多 ${MAX_SWEEP_POINTS} 个`, en: `${count} values: at most ${MAX_SWEEP_POINTS}` } };
}

/** The policy's text with the target number set to `value` (written without exponent, as few places as it needs). */
export function withValue(text: string, target: SweepTarget, value: number): string {
  return text.slice(0, target.start) + numberText(value) + text.slice(target.end);
}

function numberText(v: number): string {
  const t = v.toFixed(10).replace(/\.?0+$/, '');
  return t === '-0' ? '0' : t;
}

/** One value of a sweep and what the policy did with it: its figures, or why it was not run. */
export interface SweepPoint {
  readonly value: number;
  /** As it stands in the varied policy ("6%"). */
  readonly written: string;
  readonly figures?: SchemeFigures;
  /** Head counts in the last month, by tier and by star. */
  readonly tiers?: Readonly<Record<string, number>>;
  readonly stars?: Readonly<Record<string, number>>;
  /** The policy's errors with this value (the point is not run). */
  readonly errors?: readonly string[];
}

/** A point run: its figures and last-month head counts. */
export function sweepPoint(target: SweepTarget, value: number, figures: SchemeFigures, ran: Ran): SweepPoint {
  // Tiers in ladder order (then people without one), stars from the lowest.
  const tiers = lastMonthCounts(ran, 'tier');
  // Keyed by tier names: null prototypes, so a tier called __proto__ is counted like any other (issue 20).
  const ordered: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const t of [...ran.ruleSet.tiers, '—']) if (tiers[t] !== undefined) ordered[t] = tiers[t];
  const stars = lastMonthCounts(ran, 'star');
  const starsOrdered: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const k of Object.keys(stars).sort()) starsOrdered[k] = stars[k]!;
  return { value, written: `${numberText(value)}${target.unit}`, figures, tiers: ordered, stars: starsOrdered };
}

/** A point the compiler refused. */
export function sweepPointRefused(target: SweepTarget, value: number, errors: readonly string[]): SweepPoint {
  return { value, written: `${numberText(value)}${target.unit}`, errors };
}

/** Points within a budget (total cost over the period, fen), and which of them is the largest and smallest value. */
export function withinBudget(points: readonly SweepPoint[], budgetFen: number): { readonly within: readonly SweepPoint[]; readonly largest?: SweepPoint; readonly smallest?: SweepPoint } {
  const within = points.filter((p) => p.figures && p.figures.totalCost <= budgetFen);
  const byValue = [...within].sort((a, b) => a.value - b.value);
  return { within, ...(byValue.length ? { smallest: byValue[0]!, largest: byValue[byValue.length - 1]! } : {}) };
}

/** One row per value: cost, pay spread, moves, dismissal share, and the last month's head counts by tier and star. */
export function sweepTable(target: Pick<SweepTarget, 'path'>, points: readonly SweepPoint[], lang: 'zh' | 'en', budgetFen?: number): { header: string[]; rows: string[][] } {
  const zh = lang === 'zh';
  const tierNames = [...new Set(points.flatMap((p) => Object.keys(p.tiers ?? {})))];
  const starNames = [...new Set(points.flatMap((p) => Object.keys(p.stars ?? {})))].filter((s) => s !== '—').sort();
  const header = [
    target.path, zh ? '总成本' : 'total cost', zh ? '月均' : 'mean', zh ? '中位数' : 'median', 'p10', 'p90', zh ? '晋升' : 'promotions', zh ? '降级' : 'demotions', zh ? '可辞退占比' : 'dismissal share',
    ...(budgetFen !== undefined ? [zh ? '预算内' : 'within budget'] : []),
    ...tierNames.map((t) => (t === '—' ? (zh ? '无职级' : 'no tier') : t)), ...starNames,
  ];
  const rows = points.map((p) => {
    const f = p.figures;
    if (!f) return [p.written, ...(p.errors ?? []).slice(0, 1), ...new Array<string>(header.length - 2).fill('')];
    return [
      p.written, yuan(f.totalCost), yuan(f.mean), yuan(f.median), yuan(f.p10), yuan(f.p90), String(f.promotions), String(f.demotions),
      Number.isNaN(f.dismissalShare) ? '—' : `${(f.dismissalShare * 100).toFixed(1)}%`,
      ...(budgetFen !== undefined ? [f.totalCost <= budgetFen ? (zh ? '是' : 'yes') : (zh ? '否' : 'no')] : []),
      ...tierNames.map((t) => String(p.tiers?.[t] ?? 0)), ...starNames.map((s) => String(p.stars?.[s] ?? 0)),
    ];
  });
  return { header, rows };
}
