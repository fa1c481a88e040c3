// Builds the parsed policy from the YAML tree. Tolerant by design: structure errors were already reported by the
// schema stage, so a part of the wrong shape is skipped here and the rest of the file is still checked.

import { type Document, visit } from 'yaml';
import { literalArgs, literalLimit } from '../expr/literals.ts';
import type { DiagnosticBag } from '../diagnostics/diagnostic.ts';
import { parseExpression } from '../expr/parse.ts';
import { type SourceFile, type Span, span } from '../source/source.ts';
import {
  type Entry, type YNode, entriesOf, get, itemsOf, nodeSpan, normalizeName, rawText, relativeSource, scalarString, scalarValue, syntheticSource,
} from '../yaml/nodes.ts';
import type * as P from './policy.ts';
import { type Amount, readAmount } from './quantity.ts';

interface Ctx {
  readonly file: SourceFile;
  readonly bag: DiagnosticBag;
}

// Keywords are looked up in Maps: the text is the user's, and `toString` or `__proto__` must find nothing (issue 20;
// a plain object found Object.prototype's members).
const keywords = <T>(table: Record<string, T>): ReadonlyMap<string, T> => new Map(Object.entries(table));
const PERIOD = keywords<P.Period>({ month: 'month', 月: 'month', quarter: 'quarter', 季度: 'quarter', year: 'year', 年: 'year' });
const EFFECT = keywords<P.TakesEffect>({
  immediately: 'immediately', 当月: 'immediately', next_month: 'next_month', 次月: 'next_month',
  next_quarter: 'next_quarter', 下季度: 'next_quarter', next_year: 'next_year', 次年: 'next_year',
});
const ROUNDING = keywords<P.PolicyMeta['rounding']>({
  四舍五入: 'half-up', 'half-up': 'half-up', 银行家舍入: 'half-even', 'half-even': 'half-even', 舍去: 'down', down: 'down', 进一: 'up', up: 'up',
});
const PRECISION = keywords<number>({ 分: 0.01, 角: 0.1, 元: 1, '0.01': 0.01, '0.1': 0.1, '1': 1 });

/** Numbers YAML reads as infinite or not a number (`1e400`, `.inf`, `.nan`): the schema takes Infinity for an
 * integer, so they are reported here, at the number (L038), before anything counts to them (issue 20). */
function reportNonFinite(c: Ctx, doc: Document.Parsed): void {
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'number' || Number.isFinite(node.value) || !node.range) return;
      const limit = literalLimit(null);
      c.bag.add('L038', span(c.file.name, node.range[0], node.range[1]), literalArgs(c.file.text.slice(node.range[0], node.range[1]), limit));
    },
  });
}

export function buildPolicy(file: SourceFile, doc: Document.Parsed, bag: DiagnosticBag): P.ParsedPolicy {
  const c: Ctx = { file, bag };
  reportNonFinite(c, doc);
  const root = doc.contents as YNode;
  const section = (key: string) => get(file.name, root, key)?.value ?? null;
  return {
    file,
    meta: buildMeta(c, section('policy')),
    inputs: entriesOf(file.name, section('inputs')).map((e) => buildInput(c, e)),
    events: entriesOf(file.name, section('events')).map((e) => ({
      name: e.key, span: e.keySpan,
      ...optional('label', str(c, e.value, 'label')),
      ...eventAmount(c, e.value),
      noteRequired: scalarValue(get(file.name, e.value, 'note_required')?.value) === true,
    })),
    ...optional('ladder', buildLadder(c, get(file.name, root, 'ladder'))),
    values: entriesOf(file.name, section('values')).map((e) => ({
      name: e.key, span: e.keySpan, formula: formulaOrObject(c, e), ...optional('label', str(c, e.value, 'label')),
      changes: entriesOf(file.name, get(file.name, e.value, 'changes')?.value).map((ch) => ({ month: { name: ch.key, span: ch.keySpan }, amount: amountOf(c, ch.value, ch.keySpan) })),
    })),
    tables: entriesOf(file.name, section('tables')).map((e) => buildTable(c, e)),
    scoreSheets: entriesOf(file.name, section('score_sheets')).map((e) => buildScoreSheet(c, e)),
    adjustments: [
      ...entriesOf(file.name, section('deductions')).map((e) => buildAdjustments(c, e, 'deduction')),
      ...entriesOf(file.name, section('bonuses')).map((e) => buildAdjustments(c, e, 'bonus')),
    ],
    bands: entriesOf(file.name, section('bands')).map((e) => buildBands(c, e)),
    ...optional('stars', buildStars(c, get(file.name, root, 'stars'))),
    transitions: [
      ...itemsOf(section('promotions')).map((n) => buildTransition(c, n, 'promotion')),
      ...itemsOf(section('demotions')).map((n) => buildTransition(c, n, 'demotion')),
    ].filter((t): t is P.TransitionDecl => t !== undefined),
    ...optional('probation', buildProbation(c, get(file.name, root, 'probation'))),
    placement: itemsOf(section('placement')).flatMap((n) => {
      const tier = named(c, n, 'tier');
      const when = formulaAt(c, n, 'when');
      return tier && when ? [{ span: nodeSpan(file.name, n), tier, when, ...optional('label', str(c, n, 'label')) }] : [];
    }),
    pay: entriesOf(file.name, section('pay')).map((e) => buildPayLine(c, e)),
    awards: entriesOf(file.name, section('awards')).flatMap((e) => {
      const by = formulaAt(c, e.value, 'by');
      if (!by) return [];
      return [{
        name: e.key, span: e.keySpan, by,
        ...optional('label', str(c, e.value, 'label')),
        ...optional('amount', amountAt(c, e.value, 'amount')),
        ...optional('among', formulaAt(c, e.value, 'among')),
        ...optional('top', amountAt(c, e.value, 'top')),
        tieBreak: formulaList(c, get(file.name, e.value, 'tie_break')),
        period: PERIOD.get(str(c, e.value, 'period') ?? 'month') ?? 'month',
      }];
    }),
    flags: entriesOf(file.name, section('flags')).flatMap((e) => {
      const when = formulaAt(c, e.value, 'when');
      if (!when) return [];
      const level = (str(c, e.value, 'level') ?? 'warning') as P.FlagDecl['level'];
      return [{ name: e.key, span: e.keySpan, when, level, ...optional('label', str(c, e.value, 'label')) }];
    }),
    outputs: {
      ...optional('score', named(c, section('outputs'), 'score')),
      ...optional('grade', named(c, section('outputs'), 'grade')),
    },
    tests: itemsOf(section('tests')).map((n) => buildTest(c, n)).filter((t): t is P.TestCase => t !== undefined),
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [k in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [k in K]: V });
}

function str(c: Ctx, node: YNode | null | undefined, key: string): string | undefined {
  return scalarString(get(c.file.name, node, key)?.value);
}

function named(c: Ctx, node: YNode | null | undefined, key: string): P.Named | undefined {
  const e = get(c.file.name, node, key);
  if (!e) return undefined;
  const v = scalarString(e.value);
  if (v === undefined) return undefined;
  return { name: normalizeName(v), span: e.valueSpan };
}

function namedScalar(c: Ctx, node: YNode): P.Named | undefined {
  const v = scalarString(node);
  return v === undefined ? undefined : { name: normalizeName(v), span: nodeSpan(c.file.name, node) };
}

function amountOf(c: Ctx, node: YNode | null, at: Span): Amount {
  return readAmount(scalarValue(node) ?? null, node?.range ? nodeSpan(c.file.name, node) : at);
}

function amountAt(c: Ctx, node: YNode | null | undefined, key: string): Amount | undefined {
  const e = get(c.file.name, node, key);
  return e ? amountOf(c, e.value, e.keySpan) : undefined;
}

function intAt(c: Ctx, node: YNode | null | undefined, key: string): number | undefined {
  const v = scalarValue(get(c.file.name, node, key)?.value);
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}

export function formulaFrom(c: Ctx, node: YNode | null, at: Span): P.Formula {
  const source = (node && relativeSource(c.file.name, c.file.text, node)) ?? syntheticSource('', at);
  return { source, parsed: parseExpression(source, c.bag) };
}

function formulaAt(c: Ctx, node: YNode | null | undefined, key: string): P.Formula | undefined {
  const e = get(c.file.name, node, key);
  return e ? formulaFrom(c, e.value, e.keySpan) : undefined;
}

function formulaList(c: Ctx, e: Entry | undefined): P.Formula[] {
  if (!e) return [];
  const items = itemsOf(e.value);
  if (items.length) return items.map((n) => formulaFrom(c, n, e.keySpan));
  return [formulaFrom(c, e.value, e.keySpan)];
}

/** A value that is either a formula or a mapping with `formula:`. A blank one is a template's blank (L014). */
function formulaOrObject(c: Ctx, e: Entry): P.Formula {
  const inner = get(c.file.name, e.value, 'formula');
  const node = inner ? inner.value : e.value;
  if (isBlankScalar(node)) {
    c.bag.add('L014', inner?.keySpan ?? e.keySpan, { field: e.key, what: 'a formula or an amount', whatZh: '公式或数值' });
    const source = syntheticSource('', inner?.keySpan ?? e.keySpan);
    return { source, parsed: undefined };
  }
  return inner ? formulaFrom(c, inner.value, inner.keySpan) : formulaFrom(c, e.value, e.keySpan);
}

function isBlankScalar(node: YNode | null | undefined): boolean {
  if (!node) return true;
  const v = scalarValue(node);
  return v === null || (typeof v === 'string' && /^\s*(?:|\?+|？+|_+|＿+|x+|X+|待定)\s*$/.test(v));
}

function buildMeta(c: Ctx, node: YNode | null): P.PolicyMeta {
  const eff = get(c.file.name, node, 'effective')?.value;
  return {
    name: str(c, node, 'name') ?? '',
    ...optional('company', str(c, node, 'company')),
    ...optional('description', str(c, node, 'description')),
    ...optional('version', str(c, node, 'version')),
    ...optional('effectiveFrom', named(c, eff, 'from')),
    ...optional('effectiveTo', named(c, eff, 'to')),
    rounding: ROUNDING.get(str(c, node, 'rounding') ?? '四舍五入') ?? 'half-up',
    precision: PRECISION.get(str(c, node, 'precision') ?? '分') ?? 0.01,
    currency: ['USD', '美元'].includes(str(c, node, 'currency') ?? '') ? 'USD' : 'CNY',
  };
}

function buildInput(c: Ctx, e: Entry): P.InputDecl {
  const typeText = scalarString(e.value) ?? str(c, e.value, 'type') ?? 'number';
  const valuesNode = get(c.file.name, e.value, 'values')?.value;
  const from = str(c, e.value, 'from');
  const format = str(c, e.value, 'format');
  return {
    name: e.key, span: e.keySpan, type: typeText as P.InputType,
    ...optional('label', str(c, e.value, 'label')),
    values: itemsOf(valuesNode).map((n) => namedScalar(c, n)).filter((x): x is P.Named => x !== undefined),
    ordered: scalarValue(get(c.file.name, e.value, 'ordered')?.value) === true,
    ...optional('from', from === 'employees' || from === 'monthly' ? (from as 'employees' | 'monthly') : undefined),
    ...optional('format', format === '98%' || format === '98' || format === '0.98' ? (format as P.PercentFormat) : undefined),
    valueAliases: entriesOf(c.file.name, get(c.file.name, e.value, 'value_aliases')?.value).flatMap((a) => {
      const to = a.value ? namedScalar(c, a.value) : undefined;
      return to ? [{ from: { name: a.key, span: a.keySpan }, to }] : [];
    }),
  };
}

function buildLadder(c: Ctx, e: Entry | undefined): P.LadderDecl | undefined {
  if (!e) return undefined;
  const node = e.value;
  const entryEntry = get(c.file.name, node, 'entry');
  const entry = entryEntry
    ? (itemsOf(entryEntry.value).length ? itemsOf(entryEntry.value) : [entryEntry.value!]).filter(Boolean).map((n) => namedScalar(c, n)).filter((x): x is P.Named => !!x)
    : [];
  const tracks = entriesOf(c.file.name, get(c.file.name, node, 'tracks')?.value).map((t): P.TrackDecl => {
    const list = (n: YNode | null | undefined) => itemsOf(n).map((x) => namedScalar(c, x)).filter((x): x is P.Named => !!x);
    const main = itemsOf(t.value).length ? list(t.value) : list(get(c.file.name, t.value, 'tiers')?.value);
    const branches = itemsOf(get(c.file.name, t.value, 'branches')?.value).map((b) => list(b));
    return { name: t.key, span: t.keySpan, paths: [main, ...branches] };
  });
  const equivalent = itemsOf(get(c.file.name, node, 'equivalent')?.value).map((g) =>
    itemsOf(g).map((x) => namedScalar(c, x)).filter((x): x is P.Named => !!x));
  return { span: e.keySpan, entry, tracks, equivalent, manualMoves: MANUAL_MOVES.get(str(c, node, 'manual_moves') ?? 'declared') ?? 'declared' };
}

/** The words `ladder.manual_moves` takes (the schema lists the same), English and Chinese. */
const MANUAL_MOVES = keywords<P.ManualMoves>({ declared: 'declared', 仅限声明: 'declared', one_step: 'one_step', 逐级: 'one_step', any: 'any', 任意: 'any' });

/** The words `from:` takes for "from every tier" (the checker and the schema accept the same). */
export const ANY_TIER: ReadonlySet<string> = new Set(['any', '任意', '任意职级']);

/** An event's amount: a number or range, or ranges by the tier held (`{ by: tier, rows: { tier: range } }`). */
function eventAmount(c: Ctx, node: YNode | null | undefined): Pick<P.EventDecl, 'amount' | 'amountByTier'> {
  const entry = get(c.file.name, node, 'amount');
  if (!entry) return {};
  const rows = get(c.file.name, entry.value, 'rows');
  if (str(c, entry.value, 'by') === 'tier' && rows) {
    return { amountByTier: entriesOf(c.file.name, rows.value).map((r) => ({ tier: { name: r.key, span: r.keySpan }, amount: amountOf(c, r.value, r.keySpan) })) };
  }
  return { amount: amountOf(c, entry.value, entry.keySpan) };
}

function buildTable(c: Ctx, e: Entry): P.TableDecl {
  const rowsNode = get(c.file.name, e.value, 'rows')?.value;
  return {
    name: e.key, span: e.keySpan,
    ...optional('label', str(c, e.value, 'label')),
    by: named(c, e.value, 'by') ?? { name: 'tier', span: e.keySpan },
    ...optional('unit', str(c, e.value, 'unit') as P.InputType | undefined),
    rows: entriesOf(c.file.name, rowsNode).map((r) => ({ key: { name: r.key, span: r.keySpan }, value: amountOf(c, r.value, r.keySpan) })),
    changes: entriesOf(c.file.name, get(c.file.name, e.value, 'changes')?.value).map((ch) => ({
      month: { name: ch.key, span: ch.keySpan },
      rows: entriesOf(c.file.name, ch.value).map((r) => ({ key: { name: r.key, span: r.keySpan }, value: amountOf(c, r.value, r.keySpan) })),
    })),
    ...optional('otherwise', amountAt(c, e.value, 'otherwise')),
    ...optional('capAtTop', scalarValue(get(c.file.name, e.value, 'cap_at_top')?.value) === true ? get(c.file.name, e.value, 'cap_at_top')!.keySpan : undefined),
  };
}

function rubricOf(c: Ctx, node: YNode | null | undefined, key: string): P.Rubric | undefined {
  const e = get(c.file.name, node, key);
  if (!e) return undefined;
  const list = itemsOf(e.value);
  const values = list.length
    ? list.map((n) => Number(scalarValue(n)))
    : entriesOf(c.file.name, e.value).map((x) => Number(x.key));
  return { values: values.filter((v) => Number.isFinite(v)), span: nodeSpan(c.file.name, e.value, e.keySpan) };
}

function buildScoreSheet(c: Ctx, e: Entry): P.ScoreSheetDecl {
  const sectionsEntry = get(c.file.name, e.value, 'sections');
  const ratersEntry = get(c.file.name, e.value, 'raters');
  return {
    name: e.key, span: e.keySpan,
    raters: entriesOf(c.file.name, ratersEntry?.value).map((r) => ({ name: r.key, span: r.keySpan, weight: amountOf(c, r.value, r.keySpan) })),
    ...optional('ratersSpan', ratersEntry?.keySpan),
    ...optional('base', amountAt(c, e.value, 'base')),
    ...optional('cap', amountAt(c, e.value, 'cap')),
    scale: str(c, e.value, 'scale') === 'weighted' ? 'weighted' : 'points',
    sectionsSpan: sectionsEntry?.keySpan ?? e.keySpan,
    sections: entriesOf(c.file.name, sectionsEntry?.value).map((s): P.ScoreSection => ({
      name: s.key, span: s.keySpan,
      ...optional('weight', amountAt(c, s.value, 'weight')),
      ...optional('rubric', rubricOf(c, s.value, 'rubric')),
      items: entriesOf(c.file.name, get(c.file.name, s.value, 'items')?.value).map((it): P.ScoreItem => {
        const isObject = get(c.file.name, it.value, 'points') || get(c.file.name, it.value, 'weight') || get(c.file.name, it.value, 'code');
        return {
          name: it.key, span: it.keySpan,
          ...(isObject
            ? {
              ...optional('code', str(c, it.value, 'code')),
              ...optional('points', amountAt(c, it.value, 'points')),
              ...optional('weight', amountAt(c, it.value, 'weight')),
              ...optional('rubric', rubricOf(c, it.value, 'rubric')),
            }
            : { points: amountOf(c, it.value, it.keySpan) }),
        };
      }),
    })),
  };
}

function buildAdjustments(c: Ctx, e: Entry, sign: 'deduction' | 'bonus'): P.AdjustmentTableDecl {
  return {
    name: e.key, span: e.keySpan, sign, ...optional('label', str(c, e.value, 'label')),
    classes: entriesOf(c.file.name, get(c.file.name, e.value, 'classes')?.value).map((k) => ({
      name: k.key, span: k.keySpan, dismiss: scalarValue(get(c.file.name, k.value, 'dismiss')?.value) === true,
    })),
    items: entriesOf(c.file.name, get(c.file.name, e.value, 'items')?.value).map((it): P.AdjustmentItem => {
      const isObject = entriesOf(c.file.name, it.value).length > 0;
      return {
        name: it.key, span: it.keySpan,
        ...(isObject ? optional('points', amountAt(c, it.value, 'points')) : { points: amountOf(c, it.value, it.keySpan) }),
        ...optional('maxPerMonth', typeof scalarValue(get(c.file.name, it.value, 'max_per_month')?.value) === 'number' ? scalarValue(get(c.file.name, it.value, 'max_per_month')?.value) as number : undefined),
        ...optional('cls', named(c, it.value, 'class')),
        dismiss: scalarValue(get(c.file.name, it.value, 'dismiss')?.value) === true,
        noteRequired: scalarValue(get(c.file.name, it.value, 'note_required')?.value) === true,
      };
    }),
    escalation: itemsOf(get(c.file.name, e.value, 'escalation')?.value).flatMap((n) => {
      const when = formulaAt(c, n, 'when');
      const points = amountAt(c, n, 'points');
      return when && points ? [{ span: nodeSpan(c.file.name, n), when, points }] : [];
    }),
    ...optional('cap', amountAt(c, e.value, 'cap')),
  };
}

/** Band ranges as HR writes them, rewritten to an interval with explicit closure, or reported. */
export function bandRangeText(text: string): { interval: string } | { unstated: string } | { mixed: [string, string] } | undefined {
  const t = text.normalize('NFKC').replace(/[−–]/g, '-').trim();
  // Seed C16 prints "3%~5" for a count of findings: a stray unit on one end only.
  const ends = /^[[(]?\s*-?\d+(?:\.\d+)?\s*(%|元|分|个月|次|天)?\s*(?:-|~|至|到|,)\s*-?\d+(?:\.\d+)?\s*(%|元|分|个月|次|天)?\s*[\])]?$/.exec(t);
  if (ends && (ends[1] ?? '') !== (ends[2] ?? '') && ends[1] !== undefined && ends[2] !== undefined) return { mixed: [ends[1], ends[2]] };
  if (ends && (ends[1] === undefined) !== (ends[2] === undefined)) return { mixed: [ends[1] ?? '(none)', ends[2] ?? '(none)'] };
  const num = '(-?\\d+(?:\\.\\d+)?\\s*(?:%|元|分|个月|次|天)?)';
  if (/^[[(]/.test(t)) return { interval: t };
  let m = new RegExp(`^(>=|≥|>|<=|≤|<)\\s*${num}$`).exec(t);
  if (m) {
    const v = m[2]!;
    switch (m[1]) {
      case '>=': case '≥': return { interval: `[${v}, ∞)` };
      case '>': return { interval: `(${v}, ∞)` };
      case '<=': case '≤': return { interval: `(-∞, ${v}]` };
      default: return { interval: `(-∞, ${v})` };
    }
  }
  m = new RegExp(`^${num}\\s*(?:及以上|以上\\(含\\)|以上（含）|或以上)$`).exec(t) ?? new RegExp(`^(?:不低于|不少于)\\s*${num}$`).exec(t);
  if (m) return { interval: `[${m[1]}, ∞)` };
  m = new RegExp(`^${num}\\s*(?:及以下|以下\\(含\\)|或以下)$`).exec(t) ?? new RegExp(`^(?:不高于|不超过)\\s*${num}$`).exec(t);
  if (m) return { interval: `(-∞, ${m[1]}]` };
  m = new RegExp(`^(?:低于|不足|少于)\\s*${num}$`).exec(t) ?? new RegExp(`^${num}\\s*以下\\(不含\\)$`).exec(t);
  if (m) return { interval: `(-∞, ${m[1]})` };
  m = new RegExp(`^(?:高于|超过|多于)\\s*${num}$`).exec(t) ?? new RegExp(`^${num}\\s*以上\\(不含\\)$`).exec(t);
  if (m) return { interval: `(${m[1]}, ∞)` };
  m = new RegExp(`^${num}$`).exec(t);
  if (m) return { interval: `[${m[1]}, ${m[1]}]` };
  m = new RegExp(`^${num}\\s*(?:-|~|至|到)\\s*${num}$`).exec(t);
  if (m) return { unstated: `[${m[1]}, ${m[2]})` };
  m = new RegExp(`^${num}\\s*(以上|以下)$`).exec(t);
  if (m) return { unstated: m[2] === '以上' ? `[${m[1]}, ∞)` : `(-∞, ${m[1]}]` };
  return undefined;
}

function buildBands(c: Ctx, e: Entry): P.BandTableDecl {
  const ofEntry = get(c.file.name, e.value, 'of');
  const domainEntry = get(c.file.name, e.value, 'domain');
  const bands = itemsOf(get(c.file.name, e.value, 'bands')?.value).map((n): P.Band => {
    const rangeEntry = get(c.file.name, n, 'range');
    const rangeText = scalarString(rangeEntry?.value) ?? '';
    const rangeSpan = rangeEntry ? nodeSpan(c.file.name, rangeEntry.value, rangeEntry.keySpan) : nodeSpan(c.file.name, n);
    const value = amountAt(c, n, 'value') ?? { kind: 'blank', span: nodeSpan(c.file.name, n), text: '' };
    let range: P.Formula | undefined;
    const read = bandRangeText(rangeText);
    if (!read) {
      c.bag.add('L015', rangeSpan, { value: rangeText, expected: 'an interval such as [80, 90) or >= 90', expectedZh: '区间，如 [80, 90) 或 >= 90' });
    } else if ('mixed' in read) {
      c.bag.add('L065', rangeSpan, { text: rangeText, a: read.mixed[0], b: read.mixed[1] });
    } else if ('unstated' in read) {
      c.bag.add('L062', rangeSpan, { text: rangeText, fix: read.unstated });
    } else if (/^[[(]/.test(rangeText.normalize('NFKC').trim()) && rangeEntry?.value) {
      range = formulaFrom(c, rangeEntry.value, rangeEntry.keySpan);
    } else {
      const source = syntheticSource(read.interval, rangeSpan);
      range = { source, parsed: parseExpression(source, c.bag) };
    }
    return { span: nodeSpan(c.file.name, n), range, rangeText, rangeSpan, value };
  });
  let domain: P.Formula | undefined;
  if (domainEntry) domain = formulaFrom(c, domainEntry.value, domainEntry.keySpan);
  return {
    name: e.key, span: e.keySpan, bands, ...optional('label', str(c, e.value, 'label')),
    of: ofEntry ? formulaFrom(c, ofEntry.value, ofEntry.keySpan) : formulaFrom(c, null, e.keySpan),
    ...optional('domain', domain),
    ...optional('otherwise', amountAt(c, e.value, 'otherwise')),
  };
}

/** The star levels a policy may declare (docs/reference.md §2.10). A table by star has a row for every level and the
 * checker lists the levels a table lacks, so the range is bounded (issue 20: `levels: [-1e12, 5]` ran out of memory). */
export const STAR_LEVELS = { min: 0, max: 20 } as const;

/** `levels: [lowest, highest]`, each within STAR_LEVELS and the lowest not above the highest (L037 at the value
 * otherwise, and the levels used from here on are brought within the bounds, so nothing downstream enumerates more). */
function starLevels(c: Ctx, nodes: readonly YNode[]): [number, number] {
  const values = nodes.map((x) => Number(scalarValue(x)));
  const inBounds = (v: number) => v >= STAR_LEVELS.min && v <= STAR_LEVELS.max;
  const clamp = (v: number) => Math.max(STAR_LEVELS.min, Math.min(STAR_LEVELS.max, v));
  // A value that is not a number (or not whole) is reported by the schema stage; the default stands in for it.
  const given = (i: number, fallback: number) => (Number.isFinite(values[i]) ? values[i]! : fallback);
  const bad = (i: number) => c.bag.add('L037', nodeSpan(c.file.name, nodes[i]!), { value: rawText(c.file.text, nodes[i]) ?? String(values[i]), min: STAR_LEVELS.min, max: STAR_LEVELS.max });
  let min = given(0, 0);
  let max = given(1, 5);
  if (!inBounds(min)) bad(0);
  if (!inBounds(max)) bad(1);
  min = clamp(min);
  max = clamp(max);
  // Written the wrong way round: reported, and read as meant, so the rows of star tables are not all reported too.
  if (min > max) {
    if (inBounds(given(0, 0)) && inBounds(given(1, 5))) bad(1);
    return [max, min];
  }
  return [min, max];
}

function buildStars(c: Ctx, e: Entry | undefined): P.StarsDecl | undefined {
  if (!e) return undefined;
  const n = e.value;
  const levelNodes = itemsOf(get(c.file.name, n, 'levels')?.value).slice(0, 2);
  const [min, max] = starLevels(c, levelNodes);
  const thresholds = get(c.file.name, n, 'thresholds')?.value;
  const thresholdKeys = entriesOf(c.file.name, get(c.file.name, thresholds, 'keys')?.value).map((k) => ({ name: k.key, span: k.keySpan, formula: formulaFrom(c, k.value, k.keySpan) }));
  const thresholdRows = entriesOf(c.file.name, get(c.file.name, thresholds, 'rows')?.value).map((r): P.ThresholdRow => ({
    star: Number(r.key), span: r.keySpan,
    values: entriesOf(c.file.name, r.value).map((v) => ({ name: v.key, span: v.keySpan, amount: amountOf(c, v.value, v.keySpan) })),
  }));
  return {
    span: e.keySpan,
    min,
    max,
    evaluate: PERIOD.get(str(c, n, 'evaluate') ?? 'quarter') ?? 'quarter',
    takesEffect: EFFECT.get(str(c, n, 'takes_effect') ?? 'next_quarter') ?? 'next_quarter',
    ...optional('initial', formulaAt(c, n, 'initial')),
    gates: itemsOf(get(c.file.name, n, 'gates')?.value).flatMap((g) => {
      const unless = formulaAt(c, g, 'unless');
      const max = intAt(c, g, 'max');
      return unless && max !== undefined ? [{ span: nodeSpan(c.file.name, g), unless, max }] : [];
    }),
    thresholdKeys,
    thresholdRows,
    rules: itemsOf(get(c.file.name, n, 'rules')?.value).flatMap((r) => {
      const when = formulaAt(c, r, 'when');
      const star = formulaAt(c, r, 'star');
      return when && star ? [{ span: nodeSpan(c.file.name, r), when, star }] : [];
    }),
    quota: itemsOf(get(c.file.name, n, 'quota')?.value).flatMap((q) => {
      const star = intAt(c, q, 'star');
      const max = amountAt(c, q, 'max');
      if (star === undefined || !max) return [];
      return [{
        span: nodeSpan(c.file.name, q), star, max,
        ...optional('label', str(c, q, 'label')),
        ...optional('scope', str(c, q, 'scope') === 'team' ? 'team' as const : undefined),
        ...optional('of', formulaAt(c, q, 'of')),
        ...optional('rankBy', formulaAt(c, q, 'rank_by')),
        tieBreak: formulaList(c, get(c.file.name, q, 'tie_break')),
      }];
    }),
    overrides: itemsOf(get(c.file.name, n, 'overrides')?.value).flatMap((o) => {
      const when = formulaAt(c, o, 'when');
      if (!when) return [];
      return [{
        span: nodeSpan(c.file.name, o), when,
        months: ['quarter', '本季度'].includes(str(c, o, 'months') ?? '') ? 'quarter' as const : intAt(c, o, 'months') ?? 1,
        ...optional('raise', intAt(c, o, 'raise')), ...optional('lower', intAt(c, o, 'lower')), ...optional('set', intAt(c, o, 'set')),
        ...optional('rate', formulaAt(c, o, 'rate')),
      }];
    }),
  };
}

function buildTransition(c: Ctx, n: YNode, direction: 'promotion' | 'demotion'): P.TransitionDecl | undefined {
  const from = named(c, n, 'from');
  const to = named(c, n, 'to');
  if (!from || !to) return undefined;
  return {
    span: nodeSpan(c.file.name, n), direction, from, to, fromAny: ANY_TIER.has(from.name),
    ...optional('label', str(c, n, 'label')),
    ...optional('when', formulaAt(c, n, 'when')),
    manual: scalarValue(get(c.file.name, n, 'manual')?.value) === true,
    evaluate: PERIOD.get(str(c, n, 'evaluate') ?? 'month') ?? 'month',
    takesEffect: EFFECT.get(str(c, n, 'takes_effect') ?? 'next_month') ?? 'next_month',
  };
}

function buildPayLine(c: Ctx, e: Entry): P.PayLineDecl {
  const months = scalarValue(get(c.file.name, e.value, 'after_months')?.value);
  return {
    name: e.key, span: e.keySpan, formula: formulaOrObject(c, e),
    ...optional('when', formulaAt(c, e.value, 'when')),
    ...optional('min', amountAt(c, e.value, 'min')),
    ...optional('max', amountAt(c, e.value, 'max')),
    ...optional('afterMonths', typeof months === 'number' ? months : undefined),
    ...optional('label', str(c, e.value, 'label')),
  };
}

function buildTest(c: Ctx, n: YNode): P.TestCase | undefined {
  const name = str(c, n, 'name');
  if (name === undefined) return undefined;
  const stateNode = get(c.file.name, n, 'state')?.value;
  const expectNode = get(c.file.name, n, 'expect')?.value;
  const kv = (node: YNode | null | undefined) => entriesOf(c.file.name, node).map((x) => ({ name: x.key, span: x.keySpan, value: x.value ? (x.value as { toJSON?: () => unknown }).toJSON?.() ?? scalarValue(x.value) : null, valueSpan: x.valueSpan }));
  const flags = get(c.file.name, expectNode, 'flags');
  const star = intAt(c, stateNode, 'star');
  const expectStar = intAt(c, expectNode, 'star');
  const num = (node: YNode | null | undefined, key: string) => {
    const v = scalarValue(get(c.file.name, node, key)?.value);
    return typeof v === 'number' ? v : undefined;
  };
  const regular = scalarValue(get(c.file.name, stateNode, 'regular')?.value);
  const leaves = scalarValue(get(c.file.name, stateNode, 'leaves_this_month')?.value);
  return {
    name, span: nodeSpan(c.file.name, n),
    ...optional('month', str(c, n, 'month')),
    state: {
      ...optional('tier', named(c, stateNode, 'tier')),
      ...optional('track', named(c, stateNode, 'track')),
      ...optional('star', star),
      ...optional('tenure', num(stateNode, 'tenure')),
      ...optional('monthsInTier', num(stateNode, 'months_in_tier')),
      ...optional('regular', typeof regular === 'boolean' ? regular : undefined),
      ...optional('leavesThisMonth', typeof leaves === 'boolean' ? leaves : undefined),
      ...optional('hireDate', str(c, stateNode, 'hire_date')),
      ...optional('leaveDate', str(c, stateNode, 'leave_date')),
    },
    inputs: kv(get(c.file.name, n, 'inputs')?.value),
    events: itemsOf(get(c.file.name, n, 'events')?.value).flatMap((ev) => {
      const kind = named(c, ev, 'kind');
      if (!kind) return [];
      const amount = scalarValue(get(c.file.name, ev, 'amount')?.value);
      return [{
        kind, count: intAt(c, ev, 'count') ?? 1,
        ...optional('amount', typeof amount === 'number' ? amount : undefined),
        ...optional('source', str(c, ev, 'source')),
        ...optional('note', str(c, ev, 'note')),
      }];
    }),
    expect: {
      ...optional('total', amountAt(c, expectNode, 'total')),
      pay: entriesOf(c.file.name, get(c.file.name, expectNode, 'pay')?.value).map((x) => ({ name: x.key, span: x.keySpan, amount: amountOf(c, x.value, x.keySpan) })),
      values: kv(get(c.file.name, expectNode, 'values')?.value),
      ...optional('grade', named(c, expectNode, 'grade')),
      ...optional('star', expectStar),
      ...optional('tier', named(c, expectNode, 'tier')),
      ...optional('flags', flags ? itemsOf(flags.value).map((x) => namedScalar(c, x)).filter((x): x is P.Named => !!x) : undefined),
    },
  };
}

export { span };

const PROBATION_EFFECT = keywords<P.ProbationDecl['takesEffect']>({ this_month: 'this_month', 当月: 'this_month', next_month: 'next_month', 次月: 'next_month' });

function buildProbation(c: Ctx, e: Entry | undefined): P.ProbationDecl | undefined {
  const n = e?.value;
  const endsWhen = formulaAt(c, n, 'ends_when');
  if (!e || !endsWhen) return undefined;
  return { span: e.keySpan, endsWhen, takesEffect: PROBATION_EFFECT.get(str(c, n, 'takes_effect') ?? 'this_month') ?? 'this_month' };
}
