// The diff and compare views. Their figures are the library's (diffRuns, schemeFigures) — the numbers `ladder diff`
// and `ladder compare` print — shown as tables, with the same HTML report as the CLI's --format html in a sandboxed
// frame (no scripts, no same-origin access).

import { type DiffReport, type LineMovement, type SchemeFigures, compareTable, diffTables } from '../../../runtime/simulate/report.ts';
import { parseBudget, pathAt } from '../../../runtime/simulate/sweep.ts';
import type { FileFormat, NamedTable } from '../../../runtime/workbook.ts';
import { clear, h, yuanText } from '../dom.ts';
import { downloadButtons } from '../download.ts';
import { t } from '../i18n.ts';
import type { Lang, Reply, Request } from '../protocol.ts';
import type { PolicyFile } from '../store.ts';

export interface ReportContext {
  readonly lang: Lang;
  readonly policies: readonly PolicyFile[];
  readonly active: PolicyFile;
  readonly diffOld: string;
  readonly compare: readonly string[];
  request(r: Request): Promise<Reply>;
  /** Where the editor's cursor is in the active policy's text (UTF-16 offset), if anywhere. */
  cursorOffset(): number | undefined;
  remember(choice: { diffOld?: string; compare?: string[] }): void;
  /** Save tables the panel shows as a workbook or CSV; `what` names the file. */
  download(tables: readonly NamedTable[], what: 'diff' | 'compare' | 'sweep', format: FileFormat): void;
}

/** Saves the report the panel shows, as a workbook or as CSV (one table: the CLI's --format csv of the same report). */
type Save = (format: FileFormat) => void;

const ORIGINAL = '';
const PINNED = '\u0000pinned';
const text = (p: PolicyFile) => ({ name: p.name, text: p.text });

/** The diff panel: an old policy (the editor's as opened, or another) against the editor's. */
export function renderDiffPanel(root: HTMLElement, ctx: ReportContext): void {
  const L = ctx.lang;
  const out = h('div', { 'data-testid': 'diff-report' });
  const pinned = ctx.active.pinned;
  const old = h('select', { 'data-testid': 'diff-old', onchange: () => ctx.remember({ diffOld: old.value }) },
    h('option', { value: ORIGINAL }, `${ctx.active.name} ${t(L, 'original')}`),
    pinned ? h('option', { value: PINNED }, `${ctx.active.name} (${t(L, 'pinnedAt')} ${pinned.at})`) : null,
    ...ctx.policies.filter((p) => p !== ctx.active).map((p) => h('option', { value: p.name }, p.name)));
  old.value = ctx.policies.some((p) => p.name === ctx.diffOld) || (pinned && ctx.diffOld === PINNED) ? ctx.diffOld : pinned ? PINNED : ORIGINAL;
  const pin = h('button', { 'data-testid': 'diff-pin', title: t(L, 'pinHint'), onclick: () => {
    ctx.active.pinned = { text: ctx.active.text, at: new Date().toLocaleString(L === 'zh' ? 'zh-CN' : 'en', { hour12: false }) };
    ctx.remember({ diffOld: PINNED });
    renderDiffPanel(root, { ...ctx, diffOld: PINNED });
  } }, t(L, 'pin'));
  const who = h('input', { placeholder: t(L, 'employee'), 'data-testid': 'diff-employee', size: 8 });
  const go = async (person?: string) => {
    if (person !== undefined) who.value = person;
    const cur = ctx.active;
    const chosen = ctx.policies.find((p) => p.name === old.value);
    const before = chosen ? text(chosen) : { name: cur.name, text: old.value === PINNED && cur.pinned ? cur.pinned.text : cur.original };
    const employee = who.value.trim();
    clear(out, h('p', {}, t(L, 'computing')));
    const reply = await ctx.request({ type: 'diff', before, after: text(cur), lang: L, ...(employee ? { employee } : {}) });
    if (reply.type !== 'diff') return;
    if (reply.diff.ok) {
      const tables = diffTables(reply.diff.report);
      // The CSV is one table: each person's totals before and after (as `ladder diff --format csv`).
      const save: Save = (format) => ctx.download(format === 'csv' ? tables.filter((x) => x.name === 'people') : tables, 'diff', format);
      renderDiff(out, reply.diff.report, reply.diff.html, reply.diff.why, employee || undefined, L, save, (id) => void go(id));
    }
    else clear(out, h('p', { class: 'error' }, `${reply.diff.policy}${L === 'zh' ? '：' : ': '}${t(L, reply.diff.outcome.kind === 'data-problems' ? 'statusDataProblems' : reply.diff.outcome.kind === 'run-problems' ? 'statusRunProblems' : 'statusPolicyErrors')}`));
  };
  clear(root, h('div', { class: 'toolbar' }, t(L, 'oldPolicy'), old, pin, '→', h('strong', {}, ctx.active.name), who,
    h('button', { 'data-testid': 'diff-go', onclick: () => void go() }, t(L, 'runDiff'))), out);
}

/** The compare panel: any set of the open policies on the same people. */
export function renderComparePanel(root: HTMLElement, ctx: ReportContext): void {
  const L = ctx.lang;
  const out = h('div', { 'data-testid': 'compare-report' });
  const boxes = ctx.policies.map((p) => h('input', { type: 'checkbox', value: p.name, checked: ctx.compare.includes(p.name) }));
  const go = async () => {
    const chosen = boxes.filter((b) => b.checked).map((b) => b.value);
    ctx.remember({ compare: chosen });
    clear(out, h('p', {}, t(L, 'computing')));
    const reply = await ctx.request({ type: 'compare', policies: ctx.policies.filter((p) => chosen.includes(p.name)).map(text), lang: L });
    if (reply.type !== 'compare') return;
    const table = compareTable(reply.figures, L);
    renderCompare(out, reply.figures, reply.html, L, (format) => ctx.download([{ name: 'compare', rows: [table.header, ...table.rows] }], 'compare', format));
  };
  clear(root, h('div', { class: 'choices' }, ...boxes.map((b) => h('label', { class: 'choice' }, b, b.value))),
    h('div', { class: 'toolbar' }, h('button', { 'data-testid': 'compare-go', onclick: () => void go() }, t(L, 'runCompare'))), out);
}

/** The last sweep asked for, kept while the page is open (the panel is made again when the policy changes). */
const lastSweep = { path: 'stars.quota[0].max', values: '3%..8%:1%', budget: '' };

/** The sweep panel: one number of the editor's policy at each of several values, on the same people. */
export function renderSweepPanel(root: HTMLElement, ctx: ReportContext): void {
  const L = ctx.lang;
  const out = h('div', { 'data-testid': 'sweep-report' });
  const path = h('input', { 'data-testid': 'sweep-path', size: 28, value: lastSweep.path, 'aria-label': t(L, 'sweepPath'), title: t(L, 'sweepPath') });
  const values = h('input', { 'data-testid': 'sweep-values', size: 16, value: lastSweep.values, 'aria-label': t(L, 'sweepValues'), title: t(L, 'sweepValues') });
  const budget = h('input', { 'data-testid': 'sweep-budget', size: 12, value: lastSweep.budget, placeholder: t(L, 'sweepBudget'), 'aria-label': t(L, 'sweepBudget') });
  const go = async () => {
    Object.assign(lastSweep, { path: path.value, values: values.value, budget: budget.value });
    const b = budget.value.trim() ? parseBudget(budget.value) : undefined;
    if (b !== undefined && !Number.isFinite(b)) { clear(out, h('p', { class: 'error' }, t(L, 'sweepBudget'))); return; }
    clear(out, h('p', {}, t(L, 'computing')));
    const reply = await ctx.request({ type: 'sweep', policy: text(ctx.active), path: path.value.trim(), values: values.value.trim(), lang: L, ...(b !== undefined ? { budget: b } : {}) });
    if (reply.type !== 'sweep') return;
    const s = reply.sweep;
    if (!s.ok) { clear(out, h('p', { class: 'error', 'data-testid': 'sweep-error' }, s.message)); return; }
    const save: Save = (format) => ctx.download([{ name: 'sweep', rows: [s.table.header, ...s.table.rows] }], 'sweep', format);
    clear(out,
      h('div', { class: 'toolbar' }, downloadButtons(L, 'sweep', save)),
      h('table', { class: 'grid compact', 'data-testid': 'sweep-table' },
        h('thead', {}, h('tr', {}, ...s.table.header.map((x) => h('th', {}, x)))),
        h('tbody', {}, ...s.table.rows.map((r) => h('tr', {}, ...r.map((x, k) => h(k ? 'td' : 'th', { class: k ? 'num' : '' }, x)))))),
      s.within ? h('p', { 'data-testid': 'sweep-within' }, s.within.length ? `${t(L, 'withinBudget')}: ${s.within.join(L === 'zh' ? '、' : ', ')}` : t(L, 'noneWithinBudget')) : null,
      foldedReport(s.html, t(L, 'sweep'), L),
    );
  };
  // The number under the editor's cursor, as a path: put the cursor on 1200 in the policy, then press this.
  const fromCursor = h('button', { 'data-testid': 'sweep-from-cursor', title: t(L, 'sweepFromCursorHint'), onclick: () => {
    const at = ctx.cursorOffset();
    const p = at !== undefined ? pathAt(ctx.active.text, at) : undefined;
    if (!p) { clear(out, h('p', { class: 'error' }, t(L, 'sweepFromCursorHint'))); return; }
    path.value = p;
    // The values around the number as written: two round steps either side (1200 → 1000,1100,1200,1300,1400).
    const around = valuesAround(numberAt(ctx.active.text, at!));
    if (around) values.value = around;
    Object.assign(lastSweep, { path: path.value, values: values.value });
  } }, t(L, 'sweepFromCursor'));
  clear(root, h('p', { class: 'note' }, t(L, 'sweepHint')),
    h('div', { class: 'toolbar' }, fromCursor, path, '=', values, budget, h('button', { 'data-testid': 'sweep-go', onclick: () => void go() }, t(L, 'runSweep'))), out);
}

function reportFrame(html: string, title: string): HTMLIFrameElement {
  return h('iframe', { class: 'report', sandbox: '', title, srcdoc: html });
}

/** The CLI's HTML report, folded: the panel's tables already show its figures, so it is one click away, not a
 * second copy on the page (issue 18). */
function foldedReport(html: string, title: string, lang: Lang): HTMLElement {
  return h('details', { class: 'full-report', 'data-testid': 'full-report' }, h('summary', {}, t(lang, 'fullReport')), reportFrame(html, title));
}

/** The number written at an offset of the policy text (with its %, 元 or other unit), if the offset is on one. */
export function numberAt(text: string, offset: number): { value: number; unit: string; decimals: number } | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset) < 0 ? text.length : text.indexOf('\n', offset);
  const line = text.slice(lineStart, lineEnd);
  for (const m of line.matchAll(/-?\d+(?:\.(\d+))?(%|元|分|天|个月|月)?/g)) {
    const from = lineStart + m.index;
    if (offset >= from && offset <= from + m[0].length) return { value: Number.parseFloat(m[0]), unit: m[2] ?? '', decimals: m[1]?.length ?? 0 };
  }
  return undefined;
}

/** Five values centred on a number, a round step apart (about 10% of it: the nearest 1, 2 or 5 × a power of ten). */
export function valuesAround(n: { value: number; unit: string; decimals: number } | undefined): string | undefined {
  if (!n || !Number.isFinite(n.value)) return undefined;
  const raw = Math.abs(n.value) * 0.1 || 1;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * p).reduce((a, b) => (Math.abs(b - raw) < Math.abs(a - raw) ? b : a));
  const places = Math.max(n.decimals, step < 1 ? Math.ceil(-Math.log10(step)) : 0);
  const xs = [-2, -1, 0, 1, 2].map((k) => n.value + k * step).filter((x) => n.value < 0 || x >= 0);
  return xs.map((x) => `${x.toFixed(places).replace(/\.0+$/, '')}${n.unit}`).join(',');
}

export function renderDiff(root: HTMLElement, report: DiffReport, html: string, why: readonly LineMovement[] | undefined, employee: string | undefined, lang: Lang, save: Save, whyOf: (employee: string) => void = () => {}): void {
  const zh = lang === 'zh';
  const d = report.deltas;
  // Each name opens why that person's pay moved (the diff again, for that person).
  const who = (p: { employee: string; name?: string; delta: number }) => h('button', { class: 'link', 'data-testid': 'diff-person', 'data-employee': p.employee, title: t(lang, 'whyMoved'), onclick: () => whyOf(p.employee) },
    `${p.employee}${p.name ? ' ' + p.name : ''} ${p.delta > 0 ? '+' : ''}${yuanText(p.delta)}`);
  const list = (people: readonly { employee: string; name?: string; delta: number }[]) => people.flatMap((p, k) => [k ? (zh ? '；' : '; ') : '', who(p)]);
  clear(root,
    h('div', { class: 'toolbar' }, downloadButtons(lang, 'diff', save)),
    h('h3', {}, t(lang, 'whatChanged')),
    h('ul', { 'data-testid': 'diff-changes' }, ...(report.changes.length ? report.changes.map((c) => h('li', {}, zh ? c.zh : c.en)) : [h('li', {}, zh ? '（无）' : '(nothing)')])),
    h('table', { class: 'grid compact', 'data-testid': 'diff-payroll' },
      h('thead', {}, h('tr', {}, h('th', {}, t(lang, 'month')), h('th', { class: 'num' }, zh ? '旧' : 'old'), h('th', { class: 'num' }, zh ? '新' : 'new'), h('th', { class: 'num' }, zh ? '差额' : 'change'))),
      h('tbody', {},
        ...report.months.map((m) => h('tr', {}, h('td', {}, m.month), h('td', { class: 'num' }, yuanText(m.before)), h('td', { class: 'num' }, yuanText(m.after)), h('td', { class: 'num' }, yuanText(m.after - m.before)))),
        h('tr', { class: 'total' }, h('td', {}, t(lang, 'total')), h('td', { class: 'num', 'data-testid': 'diff-total-before' }, yuanText(report.total.before)), h('td', { class: 'num', 'data-testid': 'diff-total-after' }, yuanText(report.total.after)), h('td', { class: 'num', 'data-testid': 'diff-total-delta' }, yuanText(report.total.delta))))),
    h('p', { 'data-testid': 'diff-people' },
      zh ? `每人全期差额（元）：最小 ${yuanText(d.min)}，p10 ${yuanText(d.p10)}，中位数 ${yuanText(d.median)}，p90 ${yuanText(d.p90)}，最大 ${yuanText(d.max)}` : `Change per person (yuan): min ${yuanText(d.min)}, p10 ${yuanText(d.p10)}, median ${yuanText(d.median)}, p90 ${yuanText(d.p90)}, max ${yuanText(d.max)}`,
      h('br'), h('span', { 'data-testid': 'diff-counts' }, `${t(lang, 'gain')} ${report.gain} · ${t(lang, 'lose')} ${report.lose} · ${t(lang, 'unchanged')} ${report.unchanged}`)),
    report.largestGains.length ? h('p', { 'data-testid': 'diff-gains' }, t(lang, 'largestGains'), ...list(report.largestGains)) : null,
    report.largestLosses.length ? h('p', { 'data-testid': 'diff-losses' }, t(lang, 'largestLosses'), ...list(report.largestLosses)) : null,
    why && employee ? h('div', { 'data-testid': 'diff-why' }, h('h4', {}, `${employee} · ${t(lang, 'whyMoved')}`),
      h('ul', {}, ...why.map((l) => h('li', {}, `${l.line}: ${yuanText(l.before)} → ${yuanText(l.after)} (${l.delta >= 0 ? '+' : ''}${yuanText(l.delta)})`, l.because.length ? ` ← ${l.because.map((c) => (zh ? c.zh : c.en)).join('; ')}` : '')))) : null,
    foldedReport(html, t(lang, 'diff'), lang),
  );
}

export function renderCompare(root: HTMLElement, figures: readonly SchemeFigures[], html: string, lang: Lang, save: Save): void {
  const { header, rows } = compareTable(figures, lang, yuanText);
  clear(root,
    h('div', { class: 'toolbar' }, downloadButtons(lang, 'compare', save)),
    h('div', { class: 'table-wrap' }, h('table', { class: 'grid compact', 'data-testid': 'compare-table' },
      h('thead', {}, h('tr', {}, ...header.map((x) => h('th', {}, x)))),
      h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((x, k) => h(k ? 'td' : 'th', { class: k ? 'num' : '' }, x))))))),
    foldedReport(html, t(lang, 'compare'), lang),
  );
}
