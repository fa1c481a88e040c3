// Charts of a run: the distribution of monthly pay, mean pay by tier, and payroll by month — SVG from the same
// chart code as the HTML reports.

import { extent } from '../../../runtime/extent.ts';
import { heldBackTable, quotaSummary } from '../../../runtime/quotas.ts';
import { barChart } from '../../../runtime/simulate/html.ts';
import { clear, h, svgNode } from '../dom.ts';
import type { RunView } from '../engine/session.ts';
import { t } from '../i18n.ts';
import type { Lang } from '../protocol.ts';

/** Equal-width bins over the monthly totals, at a round width (100, 200, 500, 1000 … yuan). */
export function histogram(totalsFen: readonly number[], bins = 16): { label: string; value: number }[] {
  const xs = totalsFen.filter(Number.isFinite);
  if (!xs.length) return [];
  const [loFen, hiFen] = extent(xs);
  const lo = loFen / 100;
  const hi = hiFen / 100;
  const raw = Math.max(1, (hi - lo) / bins);
  const steps = [1, 2, 5];
  let width = 1;
  for (let p = 1; width < raw; p *= 10) for (const s of steps) { if (width >= raw) break; width = s * p; }
  const start = Math.floor(lo / width) * width;
  const n = Math.max(1, Math.floor((hi - start) / width) + 1);
  const counts = new Array<number>(n).fill(0);
  for (const x of xs) counts[Math.min(n - 1, Math.floor((x / 100 - start) / width))]!++;
  return counts.map((c, k) => ({ label: `${start + k * width}`, value: c }));
}

export function renderCharts(root: HTMLElement, v: RunView, lang: Lang): void {
  const dist = histogram(v.rows.map((r) => r.total));
  clear(root,
    h('figure', { 'data-testid': 'chart-distribution' }, h('figcaption', {}, t(lang, 'payDistribution')), svgNode(barChart(dist, { title: t(lang, 'payDistribution'), width: 720 }))),
    h('figure', { 'data-testid': 'chart-tier' }, h('figcaption', {}, t(lang, 'payByTier')), svgNode(barChart(v.byTier.map((b) => ({ label: b.tier, value: b.mean / 100 })), { title: t(lang, 'payByTier'), width: 720 }))),
    h('figure', { 'data-testid': 'chart-payroll' }, h('figcaption', {}, t(lang, 'payroll')), svgNode(barChart(v.months.map((m, k) => ({ label: m, value: v.payroll[k]! / 100 })), { title: t(lang, 'payroll'), width: 720 }))),
    v.quotas.length ? quotaSection(v, lang) : null,
  );
}

/** Star quotas at each rating: a line per quota, then everyone held back one star below (as `ladder quota`). */
function quotaSection(v: RunView, lang: Lang): HTMLElement {
  const held = heldBackTable(v.quotas);
  return h('section', { 'data-testid': 'quotas' },
    h('h3', {}, t(lang, 'quotas')),
    h('ul', {}, ...v.quotas.map((r) => h('li', {}, quotaSummary(r, lang)))),
    held.rows.length
      ? h('table', { class: 'grid compact', 'data-testid': 'quota-held-back' },
        h('thead', {}, h('tr', {}, ...held.header.map((x) => h('th', {}, x)))),
        h('tbody', {}, ...held.rows.map((r) => h('tr', {}, ...r.map((x) => h('td', {}, x))))))
      : h('p', { class: 'note' }, t(lang, 'noneHeldBack')),
  );
}
