// Reports a manager can open offline: one self-contained HTML file (no scripts, no outside resources) with its
// charts drawn as inline SVG. Every text from a policy or the data is HTML-escaped.

import { extent } from '../extent.ts';
import type { DiffReport, SchemeFigures } from './report.ts';
import { yuan } from './report.ts';
import { type SweepPoint, sweepTable } from './sweep.ts';
import type { Payslip } from '../payslip.ts';

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const STYLE = `body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:2rem;color:#222}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:right}
th:first-child,td:first-child{text-align:left}svg{background:#fafafa;border:1px solid #eee}.note{color:#666;font-size:.9rem}`;

interface Bar { readonly label: string; readonly value: number; readonly color?: string }

/** A vertical bar chart; values in any unit, labels escaped. `zoom`: the axis starts just below the smallest value
 * instead of at 0 (a sweep's totals differ by a few percent), and its two ends are labelled so it is not misread. */
export function barChart(bars: readonly Bar[], opts: { width?: number; height?: number; title: string; zoom?: boolean }): string {
  const width = opts.width ?? 640;
  const height = opts.height ?? 260;
  const pad = 40;
  const values = bars.map((b) => b.value);
  const [lo, hi] = extent(values);
  const zoomed = !!opts.zoom && bars.length > 0 && lo > 0 && hi > lo;
  const max = zoomed ? hi : Math.max(1e-9, Math.abs(lo), Math.abs(hi));
  const min = zoomed ? lo - (hi - lo) * 0.25 : Math.min(0, lo);
  const span = max - min || 1;
  const bw = (width - 2 * pad) / Math.max(1, bars.length);
  const y = (v: number) => pad + (height - 2 * pad) * (1 - (v - min) / span);
  const rects = bars.map((b, k) => {
    const x = pad + k * bw + bw * 0.1;
    const from = zoomed ? y(min) : y(0);
    const top = Math.min(y(b.value), from);
    const h = Math.max(1, Math.abs(y(b.value) - from));
    return `<rect x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="${(bw * 0.8).toFixed(1)}" height="${h.toFixed(1)}" fill="${b.color ?? '#4a7bd0'}"><title>${escapeHtml(b.label)}: ${escapeHtml(String(Math.round(b.value * 100) / 100))}</title></rect>` +
      (bars.length <= 24 ? `<text x="${(x + bw * 0.4).toFixed(1)}" y="${height - pad + 14}" font-size="10" text-anchor="middle">${escapeHtml(b.label)}</text>` : '');
  });
  const axis = zoomed
    ? [min, max].map((v) => `<text x="${pad - 4}" y="${(y(v) + 4).toFixed(1)}" font-size="10" text-anchor="end">${escapeHtml(String(Math.round(v * 100) / 100))}</text>`).join('')
    : '';
  const base = zoomed ? y(min) : y(0);
  return `<svg role="img" aria-label="${escapeHtml(opts.title)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<line x1="${pad}" x2="${width - pad}" y1="${base.toFixed(1)}" y2="${base.toFixed(1)}" stroke="#999"/>${axis}${rects.join('')}</svg>`;
}

/** Each person's old total against the new one: points above the diagonal gained. */
export function scatterChart(points: readonly { readonly label: string; readonly x: number; readonly y: number }[], title: string): string {
  const size = 360;
  const pad = 40;
  const max = Math.max(1, ...points.flatMap((p) => [p.x, p.y]));
  const min = Math.min(0, ...points.flatMap((p) => [p.x, p.y]));
  const s = (v: number) => pad + ((v - min) / (max - min || 1)) * (size - 2 * pad);
  const dots = points.map((p) => `<circle cx="${s(p.x).toFixed(1)}" cy="${(size - s(p.y)).toFixed(1)}" r="3" fill="${p.y > p.x ? '#2a9d50' : p.y < p.x ? '#d0453a' : '#888'}"><title>${escapeHtml(p.label)}</title></circle>`);
  return `<svg role="img" aria-label="${escapeHtml(title)}" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">` +
    `<line x1="${s(min)}" y1="${size - s(min)}" x2="${s(max)}" y2="${size - s(max)}" stroke="#bbb"/>${dots.join('')}</svg>`;
}

function histogram(values: readonly number[], bins = 12): Bar[] {
  if (!values.length) return [];
  const [lo, hi] = extent(values);
  const w = (hi - lo) / bins || 1;
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.floor((v - lo) / w))]! += 1;
  return counts.map((c, k) => ({ label: yuan(lo + k * w), value: c }));
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>\n`;
}

export function diffHtml(report: DiffReport, title: string): string {
  const rows = report.months.map((m) => `<tr><td>${escapeHtml(m.month)}</td><td>${yuan(m.before)}</td><td>${yuan(m.after)}</td><td>${yuan(m.after - m.before)}</td></tr>`).join('');
  const monthBars: Bar[] = report.months.flatMap((m) => [{ label: `${m.month} 旧`, value: m.before / 100, color: '#9bb4e0' }, { label: `${m.month} 新`, value: m.after / 100 }]);
  const who = (p: { employee: string; name?: string; delta: number }) => `<li>${escapeHtml(p.employee)} ${escapeHtml(p.name ?? '')} ${p.delta > 0 ? '+' : ''}${yuan(p.delta)}</li>`;
  return page(title, [
    '<h2>规则变更 What changed</h2><ul>', ...report.changes.map((c) => `<li>${escapeHtml(c.zh)}<br><span class="note">${escapeHtml(c.en)}</span></li>`), '</ul>',
    `<h2>工资总额 Payroll</h2><table><tr><th>月份 month</th><th>旧 old</th><th>新 new</th><th>差额 change</th></tr>${rows}<tr><th>合计 total</th><th>${yuan(report.total.before)}</th><th>${yuan(report.total.after)}</th><th>${yuan(report.total.delta)}</th></tr></table>`,
    barChart(monthBars, { title: 'payroll by month, old and new' }),
    `<h2>每人全期差额 Change per person</h2><p>min ${yuan(report.deltas.min)} · p10 ${yuan(report.deltas.p10)} · median ${yuan(report.deltas.median)} · p90 ${yuan(report.deltas.p90)} · max ${yuan(report.deltas.max)} — 增加 ${report.gain} · 减少 ${report.lose} · 不变 ${report.unchanged}</p>`,
    barChart(histogram(report.people.map((p) => p.delta)), { title: 'distribution of the change per person' }),
    '<h2>旧与新 Old against new, per person</h2>', scatterChart(report.people.map((p) => ({ label: `${p.employee} ${p.name ?? ''}: ${yuan(p.before)} → ${yuan(p.after)}`, x: p.before / 100, y: p.after / 100 })), 'old against new per person'),
    '<h2>增加最多 Largest gains</h2><ul>', ...report.largestGains.map(who), '</ul><h2>减少最多 Largest losses</h2><ul>', ...report.largestLosses.map(who), '</ul>',
  ].join('\n'));
}

export function compareHtml(figures: readonly SchemeFigures[], title: string): string {
  const head = `<tr><th></th>${figures.map((f) => `<th>${escapeHtml(f.name)}</th>`).join('')}</tr>`;
  const line = (label: string, cell: (f: SchemeFigures) => string) => `<tr><td>${escapeHtml(label)}</td>${figures.map((f) => `<td>${escapeHtml(cell(f))}</td>`).join('')}</tr>`;
  const table = `<table>${head}${[
    line('总成本 total cost', (f) => yuan(f.totalCost)), line('月均 mean', (f) => yuan(f.mean)), line('中位数 median', (f) => yuan(f.median)),
    line('p10', (f) => yuan(f.p10)), line('p90', (f) => yuan(f.p90)), line('晋升 promotions', (f) => String(f.promotions)), line('降级 demotions', (f) => String(f.demotions)),
    line('可辞退占比 dismissal share', (f) => (Number.isNaN(f.dismissalShare) ? '—' : `${(f.dismissalShare * 100).toFixed(1)}%`)),
    line('等级人月数 person-months by grade', (f) => (f.byGrade ? Object.entries(f.byGrade).map(([g, c]) => `${g} ${c}`).join('; ') : '—')),
    line('数据缺少 data lacks', (f) => f.missing.join('; ')),
  ].join('')}</table>`;
  const tiers = figures.flatMap((f) => Object.entries(f.byTier).map(([t, v]) => ({ label: `${f.name} ${t}`, value: v / 100 })));
  return page(title, [
    '<h2>方案对比 Schemes side by side</h2>', table,
    '<h2>月均工资 Mean monthly pay</h2>', barChart(figures.map((f) => ({ label: f.name, value: Number.isNaN(f.mean) ? 0 : f.mean / 100 })), { title: 'mean monthly pay by scheme' }),
    '<h2>按职级 By tier</h2>', barChart(tiers, { title: 'mean monthly pay by tier', width: Math.max(640, tiers.length * 40) }),
  ].join('\n'));
}

/** A sweep: the figures at each value (the CLI's table, headed in both languages, head counts by tier and star
 * included), and the total cost and mean pay as bars over the values (red over the budget, when one is given). */
export function sweepHtml(path: string, points: readonly SweepPoint[], title: string, budgetFen?: number): string {
  const zh = sweepTable({ path }, points, 'zh', budgetFen);
  const en = sweepTable({ path }, points, 'en', budgetFen);
  const head = `<tr>${zh.header.map((h, k) => `<th>${escapeHtml(h === en.header[k] ? h : `${h} ${en.header[k]}`)}</th>`).join('')}</tr>`;
  const rows = points.map((p, r) => (p.figures
    ? `<tr>${zh.rows[r]!.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`
    : `<tr><td>${escapeHtml(p.written)}</td><td colspan="${zh.header.length - 1}" class="note">${escapeHtml((p.errors ?? []).join('; '))}</td></tr>`));
  const run = points.filter((p) => p.figures);
  const over = (p: SweepPoint) => budgetFen !== undefined && p.figures!.totalCost > budgetFen;
  return page(title, [
    budgetFen !== undefined ? `<p>预算 budget ${escapeHtml(yuan(budgetFen))}</p>` : '',
    `<table>${head}${rows.join('')}</table>`,
    '<h2>总成本 Total cost</h2>', barChart(run.map((p) => ({ label: p.written, value: p.figures!.totalCost / 100, ...(over(p) ? { color: '#d0453a' } : {}) })), { title: 'total cost at each value', zoom: true }),
    '<h2>月均工资 Mean monthly pay</h2>', barChart(run.map((p) => ({ label: p.written, value: p.figures!.mean / 100 })), { title: 'mean monthly pay at each value', zoom: true }),
  ].join('\n'));
}

/** Every statement of a month in one file, one per printed page: what each line is, how much, how it is computed and
 * what it read. */
export function payslipsHtml(slips: readonly Payslip[], title: string): string {
  const slip = (s: Payslip) => {
    const who = [s.employee, s.name, s.team].filter((x) => x).map((x) => escapeHtml(x!)).join(' · ');
    const grade = [s.tier ? `职级 tier ${escapeHtml(s.tier)}` : '', s.star !== null ? `星级 star ${s.star}★` : '',
      s.score ? `${escapeHtml(s.score.name)} ${escapeHtml(s.score.value)}` : '', s.grade ? `${escapeHtml(s.grade.name)} ${escapeHtml(s.grade.value)}` : ''].filter((x) => x).join(' · ');
    const rows = s.lines.map((l) => `<tr><td>${escapeHtml(l.name)}</td><td>${escapeHtml(l.amount)}</td><td class="how">${escapeHtml(l.formula ?? '')}${l.reads.length ? `<br><span class="note">${l.reads.map((r) => `${escapeHtml(r.label)} = ${escapeHtml(r.value)}`).join('；')}</span>` : ''}</td></tr>`).join('');
    if (s.notCovered !== undefined) {
      return `<section class="slip"><h2>${who} <span class="note">${escapeHtml(s.month)}</span></h2>${grade ? `<p>${grade}</p>` : ''}` +
        `<p>不适用本政策：各工资项的条件均不成立 not covered: no pay line applies${s.notCovered ? `（${escapeHtml(s.notCovered)}）` : ''}</p></section>`;
    }
    return `<section class="slip"><h2>${who} <span class="note">${escapeHtml(s.month)}</span></h2>${grade ? `<p>${grade}</p>` : ''}` +
      `<table><tr><th>项目 item</th><th>金额 amount</th><th>计算 how</th></tr>${rows}<tr><th>应发合计 total</th><th>${escapeHtml(s.total)}</th><th></th></tr></table>` +
      (s.changes.length ? `<p>变动 changes: ${s.changes.map(escapeHtml).join('；')}</p>` : '') +
      (s.flags.length ? `<p>标记 flags: ${s.flags.map(escapeHtml).join('；')}</p>` : '') + '</section>';
  };
  return page(title, `<style>.slip{page-break-after:always;margin-bottom:2rem}.how{text-align:left}</style>${slips.map(slip).join('\n')}`);
}
