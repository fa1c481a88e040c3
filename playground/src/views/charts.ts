// Charts of a run: the distribution of monthly pay, mean pay by tier, and payroll by month — SVG from the same
// chart code as the HTML reports.

import { extent } from '../../../runtime/extent.ts';
import { heldBackTable, quotaSummary } from '../../../runtime/quotas.ts';
import { clear, h } from '../dom.ts';
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
  const yuan = (x: number) => Math.round(x).toLocaleString('en');
  clear(root,
    h('figure', { 'data-testid': 'chart-distribution' }, h('figcaption', {}, t(lang, 'payDistribution')), barSvg(dist, t(lang, 'payDistribution'), t(lang, 'count'), String)),
    h('figure', { 'data-testid': 'chart-tier' }, h('figcaption', {}, t(lang, 'payByTier')), barSvg(v.byTier.map((b) => ({ label: b.tier, value: b.mean / 100 })), t(lang, 'payByTier'), t(lang, 'yuan'), yuan)),
    h('figure', { 'data-testid': 'chart-payroll' }, h('figcaption', {}, t(lang, 'payroll')), barSvg(v.months.map((m, k) => ({ label: m, value: v.payroll[k]! / 100 })), t(lang, 'payroll'), t(lang, 'yuan'), yuan)),
    v.quotas.length ? quotaSection(v, lang) : null,
  );
}

/** A round step for an axis from 0 to `max` in about five ticks: 1, 2 or 5 × a power of ten. */
export function niceStep(max: number, ticks = 5): number {
  const raw = Math.max(max, 1e-9) / ticks;
  const p = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 5, 10].find((m) => m * p >= raw) ?? 10) * p;
}

const SVG = 'http://www.w3.org/2000/svg';
function el(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const e = document.createElementNS(SVG, tag);
  for (const [k, x] of Object.entries(attrs)) e.setAttribute(k, String(x));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** A bar chart with a value axis (gridlines at round steps, its unit named) and each bar's value written on it
 * when there is room. Built as DOM nodes, so a tier or month name is text, never markup. */
function barSvg(bars: readonly { label: string; value: number }[], title: string, unit: string, format: (x: number) => string): SVGElement {
  const width = 720;
  const height = 280;
  const left = 64;
  const right = 12;
  const top = 22;
  const bottom = 40;
  const max = Math.max(0, ...bars.map((b) => b.value));
  const step = niceStep(max);
  const axisMax = Math.max(step, Math.ceil(max / step) * step);
  const y = (x: number) => top + (height - top - bottom) * (1 - x / axisMax);
  const bw = (width - left - right) / Math.max(1, bars.length);
  const svg = el('svg', { class: 'chart', role: 'img', 'aria-label': title, viewBox: `0 0 ${width} ${height}`, width: '100%', style: `max-width:${width}px` });
  for (let v = 0; v <= axisMax + step / 2; v += step) {
    svg.append(el('line', { x1: left, x2: width - right, y1: y(v), y2: y(v), stroke: v === 0 ? '#98a2b3' : '#eaecf0' }));
    svg.append(el('text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end', 'data-axis': 'value' }, format(v)));
  }
  svg.append(el('text', { x: 4, y: 12 }, unit));
  const labelEvery = Math.ceil(bars.length / 16);
  bars.forEach((b, k) => {
    const x = left + k * bw + bw * 0.12;
    const r = el('rect', { x, y: y(Math.max(0, b.value)), width: bw * 0.76, height: Math.max(1, y(0) - y(Math.max(0, b.value))), fill: '#4a7bd0' });
    r.append(el('title', {}, `${b.label}: ${format(b.value)}`));
    svg.append(r);
    if (bw >= 34 || bars.length <= 12) svg.append(el('text', { class: 'value', x: x + bw * 0.38, y: y(Math.max(0, b.value)) - 4, 'text-anchor': 'middle', 'data-value': b.value }, format(b.value)));
    if (k % labelEvery === 0) svg.append(el('text', { x: x + bw * 0.38, y: height - bottom + 16, 'text-anchor': 'middle' }, b.label));
  });
  return svg;
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
