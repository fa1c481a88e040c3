// What changed between two versions of a policy, said in HR's terms ("3★ 星级绩效 1200 → 1300", "new pay line
// 工龄补贴", "5★ quota 5% → 8%") rather than as a text diff. Each change names the policy names it touches, so a
// person's pay movement can be traced to the changes behind it.

import type { CheckedPolicy } from '../../compiler/check/check.ts';
import { printExpression } from '../../compiler/expr/print.ts';
import type * as P from '../../compiler/model/policy.ts';
import { type Amount, writtenText } from '../../compiler/model/quantity.ts';

export interface PolicyChange {
  /** The section of the policy: pay, values, tables, bands, stars, promotions, deductions, score_sheets … */
  readonly section: string;
  /** The name changed (a pay line, a table, a value …): what pay lines depending on it are traced to. */
  readonly name: string;
  readonly what: 'added' | 'removed' | 'changed';
  readonly before?: string;
  readonly after?: string;
  /** One line, in Chinese and English. */
  readonly zh: string;
  readonly en: string;
}

// A blank is said as such here: a change list names what was left to fill in.
const amountText = (a: Amount | undefined): string | undefined => (!a ? undefined : a.kind === 'blank' ? '(空 blank)' : writtenText(a));

const formulaText = (f: P.Formula | undefined): string | undefined =>
  f ? (f.parsed ? printExpression(f.parsed.tree) : f.source.text.trim()) : undefined;

interface Diffable {
  readonly name: string;
  readonly text: string;
  /** The policy name a change of this item is traced to, when not the item's own (a value's dated change). */
  readonly trace?: string;
}

/** Compares two named lists; `label` says each in zh/en. A change is traced to `traceTo` (e.g. the table a row
 * belongs to, `star` for star rules), or else to the item's own name. */
function diffNamed(section: string, labelZh: string, labelEn: string, before: readonly Diffable[], after: readonly Diffable[], out: PolicyChange[], traceTo?: string): void {
  const old = new Map(before.map((x) => [x.name, x.text]));
  const now = new Map(after.map((x) => [x.name, x.text]));
  const traces = new Map([...before, ...after].filter((x) => x.trace !== undefined).map((x) => [x.name, x.trace!]));
  for (const [item, text] of now) {
    const name = traces.get(item) ?? traceTo ?? item;
    const prior = old.get(item);
    if (prior === undefined) out.push({ section, name, what: 'added', after: text, zh: `新增${labelZh}“${item}”：${text}`, en: `new ${labelEn} '${item}': ${text}` });
    else if (prior !== text) out.push({ section, name, what: 'changed', before: prior, after: text, zh: `${labelZh}“${item}”：${prior} → ${text}`, en: `${labelEn} '${item}': ${prior} → ${text}` });
  }
  for (const [item, text] of old) {
    if (!now.has(item)) out.push({ section, name: traces.get(item) ?? traceTo ?? item, what: 'removed', before: text, zh: `删除${labelZh}“${item}”（原为 ${text}）`, en: `${labelEn} '${item}' removed (was ${text})` });
  }
}

function payLineText(l: P.PayLineDecl): string {
  const parts = [formulaText(l.formula) ?? ''];
  if (l.when) parts.push(`when ${formulaText(l.when)}`);
  if (l.min) parts.push(`min ${amountText(l.min)}`);
  if (l.max) parts.push(`max ${amountText(l.max)}`);
  if (l.afterMonths !== undefined) parts.push(`after ${l.afterMonths} months`);
  return parts.join(', ');
}

export function policyChanges(before: CheckedPolicy, after: CheckedPolicy): PolicyChange[] {
  const a = before.policy;
  const b = after.policy;
  const out: PolicyChange[] = [];
  const period = (p: P.ParsedPolicy) => `${p.meta.effectiveFrom?.name ?? '…'} – ${p.meta.effectiveTo?.name ?? '…'}`;
  if (period(a) !== period(b)) out.push({ section: 'policy', name: 'effective', what: 'changed', before: period(a), after: period(b), zh: `生效期：${period(a)} → ${period(b)}`, en: `effective period: ${period(a)} → ${period(b)}` });

  diffNamed('pay', '计薪项', 'pay line', a.pay.map((l) => ({ name: l.name, text: payLineText(l) })), b.pay.map((l) => ({ name: l.name, text: payLineText(l) })), out);
  // A value's formula, and each of its dated changes ("及格线 @2026-07: 65分 → 70分").
  const valueText = (v: P.ValueDecl): Diffable[] => [{ name: v.name, text: formulaText(v.formula) ?? '' }, ...v.changes.map((c) => ({ name: `${v.name} @${c.month.name}`, text: amountText(c.amount) ?? '', trace: v.name }))];
  diffNamed('values', '公式', 'value', a.values.flatMap(valueText), b.values.flatMap(valueText), out);

  // Tables row by row: "3★ 星级绩效 1200 → 1300".
  for (const t of b.tables) {
    const old = a.tables.find((x) => x.name === t.name);
    if (!old) { out.push({ section: 'tables', name: t.name, what: 'added', zh: `新增表“${t.name}”`, en: `new table '${t.name}'` }); continue; }
    const rowName = (k: string) => (t.by.name === 'star' || t.by.name === '星级' ? `${k}★` : k);
    diffNamed('tables', `${t.name} `, `${t.name} row`, old.rows.map((r) => ({ name: rowName(r.key.name), text: amountText(r.value) ?? '' })), t.rows.map((r) => ({ name: rowName(r.key.name), text: amountText(r.value) ?? '' })), out, t.name);
    // Dated changes row by row, each named by its month: "星级绩效 3★ 自 2026-07 起 1300 → 1350".
    const dated = (x: P.TableDecl) => x.changes.flatMap((c) => c.rows.map((r) => ({ name: `${rowName(r.key.name)} @${c.month.name}`, text: amountText(r.value) ?? '' })));
    diffNamed('tables', `${t.name} `, `${t.name} row`, dated(old), dated(t), out, t.name);
  }
  for (const t of a.tables) if (!b.tables.some((x) => x.name === t.name)) out.push({ section: 'tables', name: t.name, what: 'removed', zh: `删除表“${t.name}”`, en: `table '${t.name}' removed` });

  const bandText = (t: P.BandTableDecl) => `${formulaText(t.of)}: ${t.bands.map((x) => `${x.rangeText} → ${amountText(x.value)}`).join('; ')}${t.otherwise ? `; otherwise ${amountText(t.otherwise)}` : ''}`;
  diffNamed('bands', '分档', 'bands', a.bands.map((t) => ({ name: t.name, text: bandText(t) })), b.bands.map((t) => ({ name: t.name, text: bandText(t) })), out);

  const adjText = (t: P.AdjustmentTableDecl) => t.items.map((i) => `${i.name} ${amountText(i.points) ?? (i.dismiss ? '辞退' : '')}`).join('; ') + (t.escalation.length ? ` | ${t.escalation.map((e) => `${formulaText(e.when)} → ${amountText(e.points)}`).join('; ')}` : '') + (t.cap ? ` | cap ${amountText(t.cap)}` : '');
  diffNamed('deductions', '扣分/加分表', 'deduction/bonus table', a.adjustments.map((t) => ({ name: t.name, text: adjText(t) })), b.adjustments.map((t) => ({ name: t.name, text: adjText(t) })), out);

  const sheetText = (s: P.ScoreSheetDecl) => s.sections.map((x) => `${x.name} ${amountText(x.weight) ?? ''} [${x.items.map((i) => `${i.name} ${amountText(i.points) ?? amountText(i.weight) ?? ''}`).join(', ')}]`).join('; ') + (s.raters.length ? ` | raters ${s.raters.map((r) => `${r.name} ${amountText(r.weight)}`).join(', ')}` : '');
  diffNamed('score_sheets', '评分表', 'score sheet', a.scoreSheets.map((s) => ({ name: s.name, text: sheetText(s) })), b.scoreSheets.map((s) => ({ name: s.name, text: sheetText(s) })), out);

  // Stars: quotas ("5★ quota 5% → 8%"), thresholds, gates, overrides.
  if (a.stars || b.stars) {
    const quota = (s: P.StarsDecl | undefined) => (s?.quota ?? []).map((q) => ({ name: `${q.star}★ quota`, text: `${amountText(q.max)} by ${formulaText(q.rankBy) ?? '—'}` }));
    diffNamed('stars', '星级名额', 'star', quota(a.stars), quota(b.stars), out, 'star');
    const thresholds = (s: P.StarsDecl | undefined) => (s?.thresholdRows ?? []).map((r) => ({ name: `${r.star}★ threshold`, text: r.values.map((v) => `${v.name} ≥ ${amountText(v.amount)}`).join(', ') }));
    diffNamed('stars', '星级门槛', 'star', thresholds(a.stars), thresholds(b.stars), out, 'star');
    const gates = (s: P.StarsDecl | undefined) => (s?.gates ?? []).map((g, k) => ({ name: `gate ${k + 1}`, text: `unless ${formulaText(g.unless)} at most ${g.max}★` }));
    diffNamed('stars', '星级限制', 'star', gates(a.stars), gates(b.stars), out, 'star');
    const overrides = (s: P.StarsDecl | undefined) => (s?.overrides ?? []).map((o, k) => ({ name: `override ${k + 1}`, text: `${formulaText(o.when)} → ${o.set !== undefined ? `set ${o.set}★` : o.raise !== undefined ? `+${o.raise}★` : `-${o.lower}★`} for ${o.months === 'quarter' ? 'the rest of the quarter' : `${o.months} month(s)`}` }));
    diffNamed('stars', '星级调整', 'star', overrides(a.stars), overrides(b.stars), out, 'star');
  }

  const moveText = (t: P.TransitionDecl) => `${t.when ? formulaText(t.when) : 'manual'}${t.manual ? ' (manual)' : ''}, ${t.evaluate}, ${t.takesEffect}`;
  const moves = (p: P.ParsedPolicy) => p.transitions.map((t) => ({ name: `${t.direction === 'promotion' ? '晋升' : '降级'} ${t.from.name} → ${t.to.name}`, text: moveText(t) }));
  diffNamed('promotions', '', 'move', moves(a), moves(b), out, 'tier');

  const awardText = (w: P.AwardDecl) => `${amountText(w.amount) ?? ''} top ${amountText(w.top) ?? '1'} by ${formulaText(w.by)}${w.among ? ` among ${formulaText(w.among)}` : ''} (${w.period})`;
  diffNamed('awards', '奖项', 'award', a.awards.map((w) => ({ name: w.name, text: awardText(w) })), b.awards.map((w) => ({ name: w.name, text: awardText(w) })), out);
  diffNamed('flags', '标记', 'flag', a.flags.map((f) => ({ name: f.name, text: `${formulaText(f.when)} (${f.level})` })), b.flags.map((f) => ({ name: f.name, text: `${formulaText(f.when)} (${f.level})` })), out);
  return out;
}

/** The policy names each pay line reads, directly or through values, tables, bands and sheets; `star`/`tier` when
 * it reads the star or tier (so star and ladder changes are traced to it). */
export function payLineInputs(checked: CheckedPolicy): Map<string, Set<string>> {
  const byFormula = new Map<P.Formula, Set<string>>();
  const direct = (f: P.Formula | undefined): Set<string> => {
    const names = new Set<string>();
    const cf = f ? checked.formulas.get(f) : undefined;
    if (!cf) return names;
    for (const ref of cf.refs.values()) {
      if ('decl' in ref) names.add(ref.decl.name);
      else if (ref.kind === 'state') names.add(ref.name);
    }
    return names;
  };
  const formulasOfName = new Map<string, P.Formula[]>();
  const p = checked.policy;
  for (const v of p.values) formulasOfName.set(v.name, [v.formula]);
  for (const l of p.pay) formulasOfName.set(l.name, [l.formula, ...(l.when ? [l.when] : [])]);
  for (const b of p.bands) formulasOfName.set(b.name, [b.of]);
  for (const f of p.flags) formulasOfName.set(f.name, [f.when]);
  for (const w of p.awards) formulasOfName.set(w.name, [w.by, ...(w.among ? [w.among] : [])]);
  for (const t of p.adjustments) formulasOfName.set(t.name, t.escalation.map((e) => e.when));
  const closure = (name: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(name)) return seen;
    seen.add(name);
    for (const f of formulasOfName.get(name) ?? []) {
      let names = byFormula.get(f);
      if (!names) { names = direct(f); byFormula.set(f, names); }
      for (const n of names) closure(n, seen);
    }
    return seen;
  };
  return new Map(p.pay.map((l) => [l.name, closure(l.name)]));
}
