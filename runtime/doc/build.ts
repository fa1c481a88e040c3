// The published policy document (制度文本) as a format-neutral tree, built from the checked policy only — so the
// document employees read and the pay Ladder computes come from one source and cannot disagree (issue 18 item 6).
// Markdown, HTML and docx each render this tree (markdown.ts, html.ts, docx.ts).

import type { CheckedPolicy } from '../../compiler/check/check.ts';
import type { Lang } from '../../compiler/diagnostics/catalogue.ts';
import type { Formula, ParsedPolicy } from '../../compiler/model/policy.ts';
import { type Amount, writtenText } from '../../compiler/model/quantity.ts';
import { type SourceFile, type Span, lineText, positionOf } from '../../compiler/source/source.ts';
import { type DocWords, docWords } from './catalogue.ts';
import { ExpressionWords } from './words.ts';

export interface PolicyDocument {
  readonly lang: Lang;
  readonly title: string;
  /** The policy file's name as given: every clause's line is a line of it. */
  readonly file: string;
  /** Company, version, effective months: label and value. */
  readonly meta: readonly { readonly label: string; readonly value: string }[];
  /** The scheme's purpose: its description and the leading comment block of the file; empty when neither is there. */
  readonly purpose: readonly string[];
  readonly sections: readonly DocSection[];
  readonly footer: string;
}

export interface DocSection {
  readonly number: number;
  /** An anchor for links: `s3`. */
  readonly id: string;
  readonly title: string;
  readonly blocks: readonly DocBlock[];
}

/** Where a clause comes from: the policy line (1-based) its declaration starts on; 0 for a clause of the policy's
 * defaults (rounding when the file does not say). */
export interface DocSource {
  readonly line: number;
}

export type DocBlock =
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'clause'; readonly number: string; readonly id: string; readonly ruleId?: string; readonly text: string; readonly source: DocSource }
  | {
    readonly kind: 'table'; readonly number: string; readonly id: string; readonly ruleId?: string; readonly title: string;
    readonly notes: readonly string[]; readonly columns: readonly string[]; readonly rows: readonly (readonly string[])[]; readonly source: DocSource;
  };

/** Builds the document of a checked policy in one language. */
export function buildPolicyDocument(checked: CheckedPolicy, lang: Lang): PolicyDocument {
  return new DocumentBuilder(checked.policy, lang).build();
}

/** A seed rule id (A1…E4, C13) named in a label or comment. */
const RULE_ID = /(?<![A-Za-z0-9_])([A-E]\d{1,2})(?![A-Za-z0-9_])/g;

class DocumentBuilder {
  private readonly w: DocWords;
  private readonly words: ExpressionWords;
  private readonly file: SourceFile;
  private sections: DocSection[] = [];
  private blocks: DocBlock[] = [];

  constructor(private readonly policy: ParsedPolicy, private readonly lang: Lang) {
    this.w = docWords(lang);
    this.words = new ExpressionWords(policy, lang);
    this.file = policy.file;
  }

  build(): PolicyDocument {
    const p = this.policy;
    const w = this.w;
    const meta: { label: string; value: string }[] = [];
    if (p.meta.company) meta.push({ label: w.company, value: p.meta.company });
    if (p.meta.version) meta.push({ label: w.version, value: p.meta.version });
    if (p.meta.effectiveFrom) meta.push({ label: w.effective, value: `${p.meta.effectiveFrom.name}${p.meta.effectiveTo ? ` – ${p.meta.effectiveTo.name}` : ''}` });
    this.general();
    this.tiers();
    this.assessment();
    this.pay();
    this.awards();
    this.flags();
    return {
      lang: this.lang, title: p.meta.name || this.file.name, file: this.file.name, meta, purpose: this.purpose(),
      sections: this.sections, footer: w.generated(this.file.name),
    };
  }

  // ── Sections ──────────────────────────────────────────────────────────────────────────────────────────────

  private general(): void {
    const { meta } = this.policy;
    const w = this.w;
    if (meta.effectiveFrom) this.clause(w.effectiveClause(meta.effectiveFrom.name, meta.effectiveTo?.name), meta.effectiveFrom.span);
    this.clause(w.roundingClause(w.currency[meta.currency], w.rounding[meta.rounding], w.precision(meta.precision)), undefined);
    this.endSection(w.general);
  }

  private tiers(): void {
    const p = this.policy;
    const w = this.w;
    const ladder = p.ladder;
    if (ladder) {
      for (const t of ladder.tracks) {
        const [main, ...branches] = t.paths;
        this.clause([w.track(t.name, (main ?? []).map((x) => x.name).join(' → ')), ...branches.map((b) => w.branch(b.map((x) => x.name).join(' → ')))].join(' '), t.span);
      }
      if (ladder.entry.length) this.clause(w.entry(ladder.entry.map((x) => x.name).join(w.listSep)), ladder.entry[0]!.span);
      for (const eq of ladder.equivalent) if (eq.length) this.clause(w.equivalent(eq.map((x) => x.name).join(' = ')), eq[0]!.span);
    }
    if (p.placement.length) {
      this.blocks.push({ kind: 'paragraph', text: w.placementIntro });
      for (const pl of p.placement) {
        const cond = isTrue(pl.when) ? w.everyoneElse : this.cond(pl.when);
        this.clause(w.placement(pl.tier.name, cond) + (pl.label ? ` ${this.paren(pl.label)}` : ''), pl.span, pl.label);
      }
    }
    if (p.probation) this.clause(w.probation(this.cond(p.probation.endsWhen), w.probationEffect[p.probation.takesEffect]), p.probation.span);
    for (const direction of ['promotion', 'demotion'] as const) {
      const moves = p.transitions.filter((t) => t.direction === direction);
      if (!moves.length) continue;
      this.blocks.push({ kind: 'heading', text: direction === 'promotion' ? w.promotions : w.demotions });
      for (const t of moves) {
        const from = t.fromAny ? w.anyTier : t.from.name;
        const text = t.manual && !t.when ? w.manualMove(from, t.to.name)
          : w.move(from, t.to.name, t.when ? this.cond(t.when) : w.everyoneElse, `${w.evaluate[t.evaluate]}${this.lang === 'zh' ? '，' : ', '}${w.takesEffect[t.takesEffect]}`);
        this.clause(text + (t.label ? ` ${this.paren(t.label)}` : ''), t.span, t.label);
      }
    }
    this.endSection(w.tiers);
  }

  private assessment(): void {
    const p = this.policy;
    const w = this.w;
    for (const sheet of p.scoreSheets) {
      const notes: string[] = [];
      if (sheet.raters.length) notes.push(w.raters(sheet.raters.map((r) => `${r.name} ${this.amount(r.weight)}`).join(w.listSep)));
      const baseCap = w.sheetBaseCap(sheet.base && this.amount(sheet.base), sheet.cap && this.amount(sheet.cap));
      notes.push(w.sheetScale[sheet.scale] + (baseCap ? (this.lang === 'zh' ? '，' : '; ') + baseCap : '') + w.period_);
      const rows: string[][] = [];
      for (const s of sheet.sections) {
        for (const item of s.items) rows.push([s.name, s.weight ? this.amount(s.weight) : '', item.name, item.points ? this.amount(item.points) : item.weight ? this.amount(item.weight) : '']);
        if (!s.items.length) rows.push([s.name, s.weight ? this.amount(s.weight) : '', '', '']);
      }
      this.table(w.scoreSheet(sheet.name), [w.section, w.weight, w.item, w.points], rows, sheet.span, notes);
    }
    for (const adj of p.adjustments) {
      const rows = adj.items.map((i) => [i.name, i.cls?.name ?? '', i.points ? this.amount(i.points) : '', i.maxPerMonth !== undefined ? String(i.maxPerMonth) : '',
        i.dismiss || adj.classes.find((c) => c.name === i.cls?.name)?.dismiss ? w.yes : '']);
      const notes: string[] = [];
      if (adj.cap) notes.push(w.adjustmentCap(adj.name, this.amount(adj.cap)));
      this.table(adj.sign === 'deduction' ? w.deductions(adj.name) : w.bonuses(adj.name), [w.item, w.cls, w.points, w.maxPerMonth, w.dismiss], rows, adj.span, notes, adj.label);
      for (const e of adj.escalation) this.clause(w.escalation(adj.name, this.cond(e.when), this.amount(e.points)), e.span);
    }
    for (const ev of p.events) {
      if (!ev.amountByTier?.length) continue;
      this.table(w.eventAmounts(ev.label ?? ev.name), [w.tierColumn, w.amountRange], ev.amountByTier.map((r) => [r.tier.name, this.amount(r.amount)]), ev.span, [], ev.label);
    }
    for (const b of p.bands) {
      const rows = b.bands.map((x) => [x.rangeText, this.amount(x.value)]);
      if (b.otherwise) rows.push([w.otherwise, this.amount(b.otherwise)]);
      this.table(w.band(b.name, this.formula(b.of)), [w.range, w.value], rows, b.span, [], b.label);
    }
    const stars = p.stars;
    if (stars) {
      this.blocks.push({ kind: 'heading', text: w.stars });
      this.clause(w.starsEvaluate(w.evaluate[stars.evaluate], w.takesEffect[stars.takesEffect], stars.min, stars.max), stars.span);
      if (stars.initial) this.clause(w.starsInitial(this.formula(stars.initial)), stars.initial.source.span);
      if (stars.thresholdRows.length) {
        const keys = stars.thresholdKeys;
        const rows = stars.thresholdRows.map((r) => [String(r.star), ...keys.map((k) => { const v = r.values.find((x) => x.name === k.name); return v ? this.amount(v.amount) : '—'; })]);
        this.table(w.thresholds, [w.star, ...keys.map((k) => k.name)], rows, stars.thresholdRows[0]!.span, keys.map((k) => w.thresholdKey(k.name, this.formula(k.formula))));
      }
      for (const g of stars.gates) this.clause(w.gate(this.cond(g.unless), g.max), g.span);
      for (const r of stars.rules) this.clause(w.starRule(this.cond(r.when), this.formula(r.star)), r.span);
      for (const q of stars.quota) {
        this.clause(w.quota(q.star, this.amount(q.max), q.scope === 'team', q.of && this.cond(q.of), q.rankBy && this.formula(q.rankBy)) + (q.label ? ` ${this.paren(q.label)}` : ''), q.span, q.label);
      }
      for (const o of stars.overrides) {
        const what = o.rate ? w.rate(this.formula(o.rate)) : o.set !== undefined ? w.set(o.set) : o.raise !== undefined ? w.raise(o.raise) : w.lower(o.lower ?? 0);
        this.clause(w.override(this.cond(o.when), what, o.months === 'quarter' ? w.toQuarterEnd : w.forMonths(o.months)), o.span);
      }
    }
    this.endSection(w.assessment);
  }

  private pay(): void {
    const p = this.policy;
    const w = this.w;
    if (p.tables.length) this.blocks.push({ kind: 'heading', text: w.payTables });
    for (const t of p.tables) {
      const rows = t.rows.map((r) => [r.key.name, this.amount(r.value)]);
      if (t.otherwise) rows.push([w.tableOtherwise, this.amount(t.otherwise)]);
      const notes: string[] = [];
      if (t.capAtTop) notes.push(w.capAtTop);
      for (const ch of t.changes) notes.push(w.tableChange(ch.month.name, ch.rows.map((r) => `${r.key.name} → ${this.amount(r.value)}`).join(w.listSep)));
      const valueColumn = t.unit === 'money' ? w.moneyColumn(this.policy.meta.currency) : t.unit === 'percent' ? w.rateColumn : w.value;
      this.table(w.table(t.name), [this.column(this.words.name(t.by.name)), valueColumn], rows, t.span, notes, t.label);
    }
    if (p.values.length) this.blocks.push({ kind: 'heading', text: w.values });
    for (const v of p.values) {
      this.clause(this.definition(v.name, v.formula) + (v.label ? ` ${this.paren(v.label)}` : ''), v.span, v.label);
      for (const ch of v.changes) this.clause(w.valueChange(v.name, ch.month.name, this.amount(ch.amount)), ch.month.span);
    }
    if (p.pay.length) this.blocks.push({ kind: 'heading', text: w.payLines });
    for (const line of p.pay) {
      const extra: string[] = [];
      if (line.when) extra.push(w.payWhen(this.cond(line.when)));
      if (line.min) extra.push(w.payMin(this.amount(line.min)));
      if (line.max) extra.push(w.payMax(this.amount(line.max)));
      if (line.afterMonths !== undefined) extra.push(w.payAfter(line.afterMonths));
      const tail = extra.length ? (this.lang === 'zh' ? `（${extra.join('；')}）` : ` (${extra.join('; ')})`) : '';
      this.clause(`${line.name} = ${this.formula(line.formula)}${tail}` + (line.label ? ` ${this.paren(line.label)}` : ''), line.span, line.label);
    }
    this.endSection(w.pay);
  }

  private awards(): void {
    const p = this.policy;
    const w = this.w;
    if (!p.awards.length) return;
    const rows = p.awards.map((a) => [a.name, a.among ? this.cond(a.among) : w.everyone, this.formula(a.by), a.top ? this.amount(a.top) : '', a.amount ? this.amount(a.amount) : '', w.periodName[a.period]]);
    this.table(w.awards, [w.award, w.among, w.by, w.top, w.amount, w.period], rows, p.awards[0]!.span, [], p.awards.map((a) => a.label ?? '').join(' '));
    this.endSection(w.awards);
  }

  private flags(): void {
    const p = this.policy;
    const w = this.w;
    for (const f of p.flags) this.clause(w.flag(f.name, w.level[f.level], this.cond(f.when)) + (f.label ? ` ${this.paren(f.label)}` : ''), f.span, f.label);
    this.endSection(w.flags);
  }

  // ── Pieces ────────────────────────────────────────────────────────────────────────────────────────────────

  private endSection(title: string): void {
    if (!this.blocks.length) return;
    const number = this.sections.length + 1;
    this.sections.push({ number, id: `s${number}`, title, blocks: this.renumber(number, this.blocks) });
    this.blocks = [];
  }

  /** Clauses and tables are numbered within their section: 3.1, 3.2 … */
  private renumber(section: number, blocks: DocBlock[]): DocBlock[] {
    let n = 0;
    return blocks.map((b) => b.kind === 'clause' || b.kind === 'table' ? { ...b, number: `${section}.${++n}`, id: `c${section}-${n}` } : b);
  }

  private clause(text: string, span: Span | undefined, label?: string): void {
    const ruleId = span ? this.ruleIdOf(span, label) : undefined;
    this.blocks.push({ kind: 'clause', number: '', id: '', ...(ruleId ? { ruleId } : {}), text, source: { line: span ? positionOf(this.file, span.start).line : 0 } });
  }

  private table(title: string, columns: string[], rows: string[][], span: Span, notes: string[], label?: string): void {
    const ruleId = this.ruleIdOf(span, label);
    this.blocks.push({ kind: 'table', number: '', id: '', ...(ruleId ? { ruleId } : {}), title, notes, columns, rows, source: { line: positionOf(this.file, span.start).line } });
  }

  /** The rule ids the label names, else those of the comment lines just above the declaration and on its line. */
  private ruleIdOf(span: Span, label: string | undefined): string | undefined {
    // A label is the clause's own name: the ids it names, or none (the comment above a list is the list's, not its item's).
    if (label !== undefined) return idsIn(label).join('/') || undefined;
    const line = positionOf(this.file, span.start).line;
    const comments: string[] = [];
    const own = lineText(this.file, line);
    const hash = own.search(/\s#\s/);
    if (hash >= 0) comments.push(own.slice(hash));
    for (let l = line - 1; l >= 1; l--) {
      const text = lineText(this.file, l).trim();
      if (!text.startsWith('#')) break;
      comments.push(text);
    }
    const ids = idsIn(comments.join('\n'));
    return ids.length ? ids.slice(0, 3).join('/') : undefined;
  }

  /** policy.description and the first paragraph of the file's leading comment block (the editor's schema line left
   * out; the notes that follow a blank comment line are for the policy's authors). Lines in the document's language
   * are kept where the comment gives both. */
  private purpose(): string[] {
    const out: string[] = [];
    if (this.policy.meta.description) out.push(this.policy.meta.description);
    const lines: string[] = [];
    for (let l = 1; l <= this.file.lineStarts.length; l++) {
      const text = lineText(this.file, l).trim();
      if (!text.startsWith('#')) break;
      const body = text.replace(/^#+\s?/, '');
      if (/yaml-language-server/.test(body)) continue;
      if (!body.trim()) { if (lines.length) break; continue; }
      lines.push(body.trim());
    }
    const cjk = (s: string) => (s.match(/[\u3000-\u9fff\uff00-\uffef]/g)?.length ?? 0) >= s.replace(/\s/g, '').length * 0.3;
    const mine = lines.filter((s) => this.lang === 'zh' ? cjk(s) : !cjk(s));
    // One paragraph, as the comment's lines wrap it.
    const kept = mine.length ? mine : lines;
    if (kept.length) out.push(kept.reduce((a, b) => a + (cjk(a.slice(-1)) || cjk(b.slice(0, 1)) ? '' : ' ') + b));
    return out;
  }

  private formula(f: Formula): string {
    return f.parsed ? this.words.expr(f.parsed.tree) : f.source.text;
  }

  private cond(f: Formula): string {
    return f.parsed ? this.words.condition(f.parsed.tree) : f.source.text;
  }

  /** `name = formula`, or `name：condition` for a value that is a condition. */
  private definition(name: string, f: Formula): string {
    const tree = f.parsed?.tree;
    const isCondition = tree && ((tree.kind === 'binary' && ['and', 'or', '=', '!=', '<', '<=', '>', '>='].includes(tree.op)) || tree.kind === 'in' || (tree.kind === 'unary' && tree.op === 'not'));
    return isCondition ? `${name}${this.w.colon}${this.cond(f)}` : `${name} = ${this.formula(f)}`;
  }

  /** A column named by a built-in (tier, star): capitalised in English like the other headings. */
  private column(name: string): string {
    return this.lang === 'en' ? name.replace(/^[a-z]/, (c) => c.toUpperCase()) : name;
  }

  private amount(a: Amount): string {
    return writtenText(a);
  }

  private paren(label: string): string {
    return this.lang === 'zh' ? `〔${label}〕` : `[${label}]`;
  }
}

function idsIn(text: string): string[] {
  return [...new Set([...text.matchAll(RULE_ID)].map((m) => m[1]!))];
}

function isTrue(f: Formula): boolean {
  return f.parsed?.tree.kind === 'bool' && f.parsed.tree.value;
}
