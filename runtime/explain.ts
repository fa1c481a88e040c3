// Explains one person's month: every pay line with the rule (policy file:line) that produced it, its formula and
// the values that formula read — inputs, the star or tier of the month, table rows, events, and the named values
// it used, each explained in turn.

import type { CheckedPolicy } from '../compiler/check/check.ts';
import type { CheckedFormula } from '../compiler/check/formulas.ts';
import type { RuleSet } from '../compiler/codegen/generate.ts';
import { type Expr, childrenOf } from '../compiler/expr/ast.ts';
import { printExpression } from '../compiler/expr/print.ts';
import type * as P from '../compiler/model/policy.ts';
import { type Span, positionOf } from '../compiler/source/source.ts';
import type { Lang } from '../compiler/diagnostics/catalogue.ts';
import { inLanguage } from './explain-words.ts';
import { formatFen, roundToFen } from './money.ts';
import type { Population } from './population.ts';
import { STATE } from '../compiler/check/builtins.ts';
import { type RunPhase, type RunResult, decode } from './run.ts';
import { personTrace, readBack } from './explain-values.ts';
import { percentText } from '../compiler/model/quantity.ts';
import { overrideUntil, ratesStars, ratingDue, thresholdRows } from './state.ts';
import { monthNumber } from './population.ts';
import { tableRowFor, tableRowsAt, valueChangeAt } from '../compiler/model/dated.ts';
import { writtenText } from '../compiler/model/quantity.ts';

export interface ExplainNode {
  readonly label: string;
  readonly value: string;
  /** file:line of the rule or declaration. */
  readonly where?: string;
  readonly formula?: string;
  /** The formula worked out with the values it read: 星级绩效[3] 1200 × score 85% = 1020.00. */
  readonly worked?: string;
  /** A pay line whose `when` does not hold for the person (or, on the root, a person none of whose lines applies:
   * not covered by the policy that month, rather than paid zero). */
  readonly notCovered?: boolean;
  readonly children: readonly ExplainNode[];
}

function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return String(Math.round(v * 1e6) / 1e6);
  if (typeof v === 'boolean') return v ? '是 true' : '否 false';
  return String(v);
}

export function explain(checked: CheckedPolicy, ruleSet: RuleSet, pop: Population, result: RunResult, person: number, m: number): ExplainNode {
  const file = checked.policy.file;
  const where = (s: Span) => `${s.file}:${positionOf(file, s.start).line}`;
  const month = result.months[m]!;
  const strings = pop.strings ?? ruleSet.strings;
  const slotByName = new Map(ruleSet.outputs.map((o, k) => [`${o.kind}:${o.name}`, k]));
  const outputValue = (kind: string, name: string): string => {
    const k = slotByName.get(`${kind}:${name}`);
    if (k === undefined) return '—';
    const slot = ruleSet.outputs[k]!;
    const x = month.O[k]![person]!;
    if (slot.coding.as === 'money') return Number.isNaN(x) ? '—' : formatFen(roundToFen(x, ruleSet.meta.precision, ruleSet.meta.rounding));
    if (slot.coding.as === 'percent') return Number.isNaN(x) ? '—' : percentText(x);
    return show(decode(slot.coding, x, ruleSet, strings));
  };
  const seen = new Set<string>();

  const valueOf = readBack(ruleSet, pop, result, person, m);

  /**
   * Where this month's star or tier came from: the latest change up to this month (a rating, an override, a
   * promotion, a demotion, a placement) with its month and the policy section that decides it, or the starting
   * state from the employees table when nothing changed it in the data.
   */
  const since = (what: 'star' | 'tier'): ExplainNode[] => {
    for (let j = m; j >= 0; j--) {
      const c = result.months[j]!.changes.find((x) => x.person === person && (what === 'star' ? x.kind === 'star' : x.kind !== 'star'));
      if (!c) continue;
      const how = { star: '评定/调整 rated', promoted: '晋升 promoted', demoted: '降级 demoted', placed: '定级 placed' }[c.kind];
      // The rule the run applied, as it recorded it: never a rule found again by its from and to tiers.
      const rule = c.rule;
      const policy = checked.policy;
      let decided: Span | undefined;
      let why: ExplainNode[] = [];
      if (rule.by === 'rating' || rule.by === 'override') {
        decided = policy.stars?.span;
        why = ratingWhy(j, Number(c.to));
      } else if (rule.by === 'transition') {
        const t = policy.transitions[rule.index]!;
        decided = t.span;
        const at = rule.decided >= 0 ? rule.decided : j;
        const label = `${t.direction === 'promotion' ? '晋升规则 promotion rule' : '降级规则 demotion rule'} ${t.from.name} → ${t.to.name}${at !== j ? `（${pop.months[at]} 决定 decided）` : ''}`;
        why = [{ label, value: t.when ? `${t.when.parsed ? printExpression(t.when.parsed.tree) : t.when.source.text} = ${show(valueOf(t.when.parsed!.tree, checked.formulas.get(t.when)!, at, 'moved'))}` : '', where: where(t.span), children: t.when ? refsOf(t.when, at, 'moved') : [] }];
      } else if (rule.by === 'placement') {
        const p = policy.placement[rule.index]!;
        decided = p.span;
        why = [{ label: `定级规则 placement rule → ${p.tier.name}`, value: `${p.when.parsed ? printExpression(p.when.parsed.tree) : p.when.source.text} = ${show(valueOf(p.when.parsed!.tree, checked.formulas.get(p.when)!, j, 'moved'))}`, where: where(p.span), children: refsOf(p.when, j, 'moved') }];
      } else if (rule.by === 'manual') {
        const at = rule.decided >= 0 ? pop.months[rule.decided] : undefined;
        const e = rule.event;
        const place = e?.place ? `${e.place.file}${e.place.sheet ? ` [${e.place.sheet}]` : ''}:${e.place.row}` : undefined;
        why = [{ label: '人工决定 manual decision', value: `${e ? `${e.kind} → ${e.source ?? ''}` : 'promote.manual / demote.manual'}${at ? ` ${at}` : ''}`, ...(place ? { where: place } : {}), children: [] }];
      } else {
        why = [{ label: '入职职级 entry tier', value: c.to, children: [] }];
      }
      return [{ label: `${how} ${pop.months[j]}`, value: `${c.from || '—'} → ${c.to}`, ...(decided ? { where: where(decided) } : {}), children: why }];
    }
    return [{ label: '数据开始时 at the start of the data', value: 'employees', children: [] }];
  };

  /**
   * How a rating in month j came to its star, read back as the run rated: each threshold key's value and the row it
   * met (or the rule that held), each gate that capped it, each quota that held it back (the person's place among
   * those rated that high, and the places the quota gave), each override running that month.
   */
  const ratingWhy = (j: number, star: number): ExplainNode[] => {
    const stars = checked.policy.stars;
    if (!stars || !ratesStars(stars) || !ratingDue(stars.evaluate, j, monthNumber(pop.months[j]!))) return [];
    // What the rating read, as it was when the run rated (after the month's first pass).
    const read = (f: P.Formula) => { const cf = checked.formulas.get(f); return cf ? valueOf(cf.parsed.tree, cf, j, 'rated') : undefined; };
    const text = (f: P.Formula) => (f.parsed ? printExpression(f.parsed.tree) : f.source.text);
    const out: ExplainNode[] = [];
    // The decision as the run recorded it (runtime/state.ts RatingDecision): the row met or rule that held, the gates
    // that capped, the quotas that held back; the values shown beside them are those the rating read.
    const decision = result.months[j]!.rating;
    const basis = decision ? decision.basis[person]! : -1;
    const gated = decision ? decision.gated[person]! : 0;
    let rated = stars.min;
    if (stars.thresholdRows.length) {
      for (const k of stars.thresholdKeys) out.push({ label: k.name, value: show(read(k.formula)), where: where(k.span), formula: text(k.formula), children: [] });
      const met = basis >= 0 ? thresholdRows(stars)[basis]?.row : undefined;
      if (met) rated = met.star;
      out.push({ label: '达到档次 row met', value: met ? `${met.star}★` : `— → ${stars.min}★`, ...(met ? { where: where(met.span) } : {}), children: [] });
    } else {
      const rule = basis >= 0 ? stars.rules[basis] : undefined;
      const v = rule ? read(rule.star) : undefined;
      if (typeof v === 'number') rated = v;
      out.push({ label: '适用规则 rule', value: typeof v === 'number' ? `${v}★` : `— → ${stars.min}★`, ...(rule ? { where: where(rule.span), formula: text(rule.when) } : {}), children: [] });
    }
    stars.gates.forEach((g, k) => {
      if (!(gated & (1 << k))) return;
      rated = Math.min(rated, g.max);
      out.push({ label: `门槛 gate unless ${text(g.unless)}`, value: `${show(read(g.unless))} → ≤ ${g.max}★`, where: where(g.span), children: [] });
    });
    rated = Math.max(stars.min, Math.min(stars.max, rated));
    // Quotas that held this person back, as the run recorded them (highest star first).
    for (const o of result.months[j]!.quotas) {
      const held = o.heldBack.find((h) => h.person === person);
      if (!held) continue;
      const q = stars.quota[o.quota]!;
      const b = { ...o, ...held };
      out.push({
        label: `名额 quota ${b.star}★ ${writtenText(q.max)}`,
        value: `第 ${b.place} 名，名额 ${b.places} 个（${b.qualifiers} 人达到，${b.base} 人计入） place ${b.place}, ${b.places} places (${b.qualifiers} rated ${b.star}★ or more of ${b.base}) → ${b.star - 1}★`,
        where: where(q.span), ...(q.rankBy ? { formula: `${text(q.rankBy)} = ${show(b.key)}` } : {}), children: [],
      });
      rated = Math.min(rated, b.star - 1);
    }
    // Overrides running in month j: those the run recorded firing in month f ≤ j for long enough.
    let delta = 0;
    let set = Infinity;
    stars.overrides.forEach((o, index) => {
      const span = o.months === 'quarter' ? 3 : o.months;
      for (let f = Math.max(0, j - span + 1); f <= j; f++) {
        const until = overrideUntil(o, f, monthNumber(pop.months[f]!));
        const fired = result.months[f]!.overridesFired?.some((x) => x.person === person && x.override === index) ?? false;
        if (until < j || !fired) continue;
        // A re-rating stands for the rating from its month on: the star it gave, as the run read it then.
        const rate = o.rate ? (() => { const cf = checked.formulas.get(o.rate); return cf ? valueOf(cf.parsed.tree, cf, f, 'rated') : undefined; })() : undefined;
        if (typeof rate === 'number') rated = Math.max(stars.min, Math.min(stars.max, Math.round(rate)));
        const change = o.set !== undefined ? `= ${o.set}★` : o.rate ? `→ ${text(o.rate)} = ${show(rate)}★` : `${o.raise !== undefined ? '+' + o.raise : '-' + (o.lower ?? 0)}★`;
        out.push({ label: `调整 override ${pop.months[f]}`, value: change, where: where(o.span), formula: text(o.when), children: [] });
        if (o.set !== undefined) set = Math.min(set, o.set);
        delta += (o.raise ?? 0) - (o.lower ?? 0);
      }
    });
    // Anything still unexplained (it should not be: the run rated with these same rows, gates, quotas and overrides)
    // is said, not hidden.
    const withOverrides = (base: number) => Math.max(stars.min, Math.min(stars.max, Math.min(set, base + delta)));
    if (withOverrides(rated) !== star) {
      out.push({ label: '未能说明 not explained', value: `${withOverrides(rated)}★ ≠ ${star}★`, children: [] });
    }
    return out;
  };

  const refsOf = (f: P.Formula, mm = m, phase: RunPhase = 'end'): ExplainNode[] => {
    const cf = checked.formulas.get(f);
    const at = (e: Expr) => valueOf(e, cf!, mm, phase);
    if (!cf) return [];
    const out: ExplainNode[] = [];
    const shown = new Set<string>();
    const walk = (e: Expr) => {
      if (e.kind === 'if') {
        // Only the branch this month took, once its condition is known; the condition's own reads stay.
        const c = at(e.cond);
        if (typeof c === 'boolean') { walk(e.cond); walk(c ? e.then : e.else); return; }
      }
      const node = refNode(e, cf, mm, phase);
      if (node) {
        // The same read twice in one formula (score … score) is listed once.
        const key = `${node.label}\u0000${node.value}`;
        if (!shown.has(key)) { shown.add(key); out.push(node); }
        return;
      }
      for (const c of childrenOf(e)) walk(c);
    };
    walk(cf.parsed.tree);
    return out;
  };

  const refNode = (e: Expr, cf: CheckedFormula, mm = m, phase: RunPhase = 'end'): ExplainNode | undefined => {
    const valueAt = (x: Expr) => valueOf(x, cf, mm, phase);
    if (e.kind === 'index') {
      const ref = cf.refs.get(e.object.id);
      if (ref?.kind !== 'table') return undefined;
      const keyNodes = refNode(e.key, cf, mm, phase);
      // A literal key (3星) is looked up by its value (3), as the rows are keyed.
      const literal = e.key.kind === 'number' ? valueAt(e.key) : undefined;
      const key = literal !== undefined ? String(literal) : keyNodes?.value ?? printExpression(e.key);
      // The rows in force this month (a table may change from a month on).
      const { row, text: value } = tableRowFor(ref.decl, tableRowsAt(ref.decl, pop.months[mm]!), key);
      return { label: `${ref.decl.name}[${key}]`, value, where: where(row?.key.span ?? ref.decl.span), children: keyNodes ? [keyNodes] : [] };
    }
    if (e.kind === 'call') {
      const f = cf.calls.get(e.id);
      if (f && f.kind !== 'pure') {
        // History, event and population reads: shown with their value where it can be read back, and what they read.
        // A read over other months (prev(star), avg(score, 上季度), count(旷工, 12个月)) lists what it reads without
        // this month's values, which are not the ones it read.
        const v = valueAt(e);
        const overMonths = f.kind === 'history' || (f.kind === 'events' && e.args.length > 1);
        const reads = e.args.flatMap((a) => { const n = refNode(a, cf, mm, phase); return n ? [n] : []; });
        return {
          label: printExpression(e), value: v === undefined ? '' : show(v),
          children: overMonths ? reads.map((n) => ({ label: n.label, value: '', ...(n.where ? { where: n.where } : {}), children: [] })) : reads,
        };
      }
      return undefined;
    }
    const ref = cf.refs.get(e.id);
    if (!ref) return undefined;
    switch (ref.kind) {
      case 'input': {
        const k = ruleSet.inputs.findIndex((i) => i.name === ref.decl.name);
        const x = pop.inputs[mm]![k]![person]!;
        // Inputs by the label HR wrote (岗位工资) beside the name the formula uses (post_wage).
        const label = ref.decl.label && ref.decl.label !== ref.decl.name ? `${ref.decl.label} ${ref.decl.name}` : ref.decl.name;
        const t = ruleSet.inputs[k]!.type;
        const value = t.k === 'num' && t.unit === 'percent' && !Number.isNaN(x) ? percentText(x) : show(decode(ruleSet.inputCoding[k]!, x, ruleSet, strings));
        return { label, value, where: `${where(ref.decl.span)} (input)`, children: [] };
      }
      case 'state': {
        // Another month or decision point (a move's condition): the state as the run had it then.
        const now = mm === m && phase === 'end';
        if (ref.name === 'star') return { label: 'star 星级', value: show(now ? month.star[person] : valueAt(e)), children: now ? since('star') : [] };
        if (ref.name === 'tier') return { label: 'tier 职级', value: show(ruleSet.tiers[(now ? month.tier[person] : valueAt(e)) as number]), children: now ? since('tier') : [] };
        if (ref.name === 'track') return { label: 'track 序列', value: show(ruleSet.tracks[month.track[person]!]), children: [] };
        // Calendar state as the run filled it that month (read from the plan's trace, not counted again).
        const v = valueAt(e);
        const doc = STATE.find((d) => d.name === ref.name);
        return { label: `${ref.name}${doc ? ' ' + doc.aliases[0] : ''}`, value: v === undefined ? '' : show(v), children: [] };
      }
      case 'event': return { label: ref.name, value: '', children: [] };
      case 'value': {
        // A value that changes by month: the amount in force this month, at the line of its change.
        const change = ref.decl.changes.length ? valueChangeAt(ref.decl, pop.months[m]!) : undefined;
        if (change) {
          return { label: ref.decl.name, value: outputValue('value', ref.decl.name), where: where(change.month.span), formula: `${writtenText(change.amount)}（${change.month.name} 起 from ${change.month.name}）`, children: [] };
        }
        return computed('value', ref.decl.name, ref.decl.span, ref.decl.formula);
      }
      case 'band': return computed('band', ref.decl.name, ref.decl.span, ref.decl.of);
      case 'flag': return computed('flag', ref.decl.name, ref.decl.span, ref.decl.when);
      case 'payLine': return computed('payLine', ref.decl.name, ref.decl.span, ref.decl.formula);
      case 'adjustments': return { label: ref.decl.name, value: outputValue('adjustments', ref.decl.name), where: where(ref.decl.span), children: [] };
      case 'sheet': return { label: ref.decl.name, value: outputValue('sheet', ref.decl.name), where: where(ref.decl.span), children: [] };
      case 'award': return { label: ref.decl.name, value: outputValue('award', ref.decl.name), where: where(ref.decl.span), children: [] };
      default: return undefined;
    }
  };

  const computed = (kind: string, name: string, span: Span, f: P.Formula): ExplainNode => {
    const key = `${kind}:${name}`;
    // A name already explained higher up is not unfolded again.
    const children = seen.has(key) ? [] : (seen.add(key), refsOf(f));
    const formula = f.parsed ? printExpression(f.parsed.tree) : f.source.text;
    const value = outputValue(kind, name);
    const cf = checked.formulas.get(f);
    const w = cf ? workedOut(cf.parsed.tree, cf) : undefined;
    // The formula's own value (before a pay line's min, max or rounding), so the arithmetic shown is the arithmetic done.
    const result = cf ? valueOf(cf.parsed.tree, cf, m) : undefined;
    return { label: name, value, where: where(span), formula, ...(w && (typeof result === 'number' || typeof result === 'string') ? { worked: `${w} = ${show(result)}` } : {}), children };
  };

  /** The arithmetic of a formula with each operand's value beside its name, as the run computed them; undefined
   * where the formula is not arithmetic or a value cannot be shown. */
  const workedOut = (e: Expr, cf: CheckedFormula): string | undefined => {
    const v = (x: Expr) => valueOf(x, cf, m);
    const SYMBOL: Record<string, string> = { '+': '+', '-': '−', '*': '×', '/': '÷' };
    const operand = (x: Expr): string | undefined => {
      if (x.kind === 'number') return printExpression(x);
      if (x.kind === 'binary' && SYMBOL[x.op]) { const inner = workedOut(x, cf); return inner && `(${inner})`; }
      if (x.kind === 'percentOf') {
        const y = v(x.operand);
        return typeof y === 'number' ? `${x.operand.kind === 'number' ? '' : printExpression(x.operand) + ' '}${show(y)}%` : undefined;
      }
      const y = v(x);
      if (typeof y === 'string' && y.endsWith('%')) return `${printExpression(x)} ${y}`;
      if (typeof y !== 'number') return undefined;
      let text = printExpression(x);
      if (x.kind === 'index') {
        // The key as the month read it: 星级绩效[3], 基本工资表[初级客服].
        const k = v(x.key);
        const kt = cf.types.get(x.key.id);
        const keyText = typeof k !== 'number' ? printExpression(x.key) : kt?.k === 'tier' ? ruleSet.tiers[k] ?? String(k) : kt?.k === 'track' ? ruleSet.tracks[k] ?? String(k) : kt?.k === 'enum' ? kt.values[k] ?? String(k) : String(k);
        text = `${printExpression(x.object)}[${keyText}]`;
      }
      return `${text} ${show(y)}`;
    };
    if (e.kind === 'if') { const c = v(e.cond); return typeof c === 'boolean' ? workedOut(c ? e.then : e.else, cf) : undefined; }
    if (e.kind === 'binary' && SYMBOL[e.op]) {
      const a = operand(e.left);
      const b = operand(e.right);
      return a && b ? `${a} ${SYMBOL[e.op]} ${b}` : undefined;
    }
    // A single name or number is its own value: nothing to work out.
    return undefined;
  };

  const lines = checked.policy.pay.map((line) => {
    // A line paid only `when` something holds: when it does not, that is why the line is 0, whatever its formula reads.
    if (line.when) {
      const cf = checked.formulas.get(line.when);
      const holds = cf ? valueOf(cf.parsed.tree, cf) : undefined;
      const whenText = line.when.parsed ? printExpression(line.when.parsed.tree) : line.when.source.text;
      if (holds === false) {
        return {
          label: line.name, value: outputValue('payLine', line.name), where: where(line.span), formula: `when ${whenText} = ${show(holds)}`,
          children: refsOf(line.when), notCovered: true,
        };
      }
    }
    const node = computed('payLine', line.name, line.span, line.formula);
    const notes = [
      ...(line.when ? [`when ${line.when.parsed ? printExpression(line.when.parsed.tree) : line.when.source.text}`] : []),
      ...(line.min ? [`min ${line.min.kind === 'quantity' ? line.min.q.text : ''}`] : []),
      ...(line.max ? [`max ${line.max.kind === 'quantity' ? line.max.q.text : ''}`] : []),
      ...(line.afterMonths !== undefined ? [`from month ${line.afterMonths + 1} of employment`] : []),
    ];
    return notes.length ? { ...node, formula: `${node.formula}  [${notes.join(', ')}]` } : node;
  });
  // The total from the pay lines as the plan computes them for this person (the same lines the run ran).
  const traced = personTrace(ruleSet, pop, result, person)[m]?.end?.outputs;
  const totalFen = ruleSet.outputs.reduce((a, o, k) => (o.kind === 'payLine' ? a + roundToFen(traced?.get(k) ?? month.O[k]![person]!, ruleSet.meta.precision, ruleSet.meta.rounding) : a), 0);
  const p = pop.people[person]!;
  const who = `${p.id}${p.name ? ' ' + p.name : ''} ${pop.months[m]}`;
  // Not one line applies (a team lead under the representatives' policy): not covered, not a row of zeros. The first
  // line says why (its condition and what it read).
  if (lines.length && lines.every((l) => l.notCovered)) {
    return { label: `${who} 不适用本政策 not covered`, value: '', notCovered: true, children: [{ ...lines[0]!, label: '各工资项的条件均不成立 no pay line applies', value: '' }] };
  }
  return { label: `${who} 应发合计 total`, value: formatFen(totalFen), children: lines };
}

/** An explanation as a tree of lines, in one language when `lang` is given (else both, as built). */
export function renderExplain(node: ExplainNode, lang?: Lang): string {
  const out: string[] = [];
  const w = (t: string) => inLanguage(t, lang);
  const line = (n: ExplainNode) => `${w(n.label)}${n.value ? ' = ' + w(n.value) : ''}${n.where ? `  (${w(n.where)})` : ''}${n.formula ? `  ← ${w(n.formula)}` : ''}${n.worked ? `  ＝ ${w(n.worked)}` : ''}`;
  out.push(line(node));
  const walk = (children: readonly ExplainNode[], prefix: string) => {
    children.forEach((c, k) => {
      const last = k === children.length - 1;
      out.push(`${prefix}${last ? '└─ ' : '├─ '}${line(c)}`);
      walk(c.children, prefix + (last ? '   ' : '│  '));
    });
  };
  walk(node.children, '');
  return out.join('\n');
}
