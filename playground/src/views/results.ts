// Results per person and month: filter by month, search by name or id, sort by any column, page through. Every
// amount is a button that opens its explanation; each row can open the edit panel for that person's month.

import type { FileFormat } from '../../../runtime/workbook.ts';
import { clear, h, yuanText } from '../dom.ts';
import { downloadButtons } from '../download.ts';
import type { RunView } from '../engine/session.ts';
import { changeText, t } from '../i18n.ts';
import type { Lang } from '../protocol.ts';

const PAGE = 100;

export interface ResultsActions {
  lang(): Lang;
  explain(employee: string, month: string): void;
  edit(employee: string, month: string): void;
  /** Save the month's statements (工资条) of everyone as one printable file: HTML, or Excel strips. */
  payslips(month: string, format: 'html' | 'xlsx'): void;
  /** Save every row of the run (all months, as `ladder run` writes them) as a workbook or CSV. */
  download(format: FileFormat): void;
}

type SortKey = { col: string; dir: 1 | -1 };

export class ResultsView {
  private view: RunView | undefined;
  private month = -1;
  private search = '';
  private sort: SortKey = { col: 'month', dir: 1 };
  private page = 0;
  private readonly controls = h('div', { class: 'toolbar' });
  private readonly table = h('div', { class: 'table-wrap', 'data-testid': 'results' });
  private readonly footer = h('div', { class: 'toolbar small' });

  constructor(readonly root: HTMLElement, private readonly actions: ResultsActions) {
    clear(root, this.controls, this.table, this.footer);
  }

  show(view: RunView): void {
    if (this.view && (this.view.months.length !== view.months.length)) this.month = -1;
    this.view = view;
    this.render();
  }

  private columns(v: RunView): { key: string; label: string; amount?: number }[] {
    const lang = this.actions.lang();
    return [
      { key: 'employee', label: t(lang, 'employee') }, { key: 'name', label: t(lang, 'name') }, { key: 'team', label: t(lang, 'team') },
      { key: 'month', label: t(lang, 'month') }, { key: 'tier', label: t(lang, 'tier') }, { key: 'star', label: t(lang, 'star') },
      // The policy's score and grade columns, named as the policy names them (as `ladder run` shows them).
      ...(v.scoreName !== undefined ? [{ key: 'score', label: v.scoreName }] : []),
      ...(v.gradeName !== undefined ? [{ key: 'grade', label: v.gradeName }] : []),
      ...v.payLines.map((l, k) => ({ key: `line${k}`, label: l, amount: k })),
      { key: 'total', label: t(lang, 'total'), amount: -1 }, { key: 'flags', label: t(lang, 'flags') }, { key: 'changes', label: t(lang, 'changes') },
    ];
  }

  private render(): void {
    const v = this.view;
    if (!v) return;
    const lang = this.actions.lang();
    const monthSelect = h('select', { 'aria-label': t(lang, 'month'), 'data-testid': 'results-month', onchange: (e: Event) => { this.month = Number((e.target as HTMLSelectElement).value); this.page = 0; this.render(); } },
      h('option', { value: -1 }, t(lang, 'allMonths')), ...v.months.map((m, k) => h('option', { value: k }, m)));
    monthSelect.value = String(this.month);
    const search = h('input', { type: 'search', placeholder: t(lang, 'search'), value: this.search, 'data-testid': 'results-search', oninput: (e: Event) => { this.search = (e.target as HTMLInputElement).value; this.page = 0; this.renderTable(); } });
    // Statements are per month: of the month chosen, or the last one when all are shown.
    const slipMonth = v.months[this.month >= 0 ? this.month : v.months.length - 1];
    const slips = slipMonth ? h('button', { 'data-testid': 'payslips', title: t(lang, 'payslipsHint'), onclick: () => this.actions.payslips(slipMonth, 'html') }, `${t(lang, 'payslips')} ${slipMonth}`) : null;
    const slipsXlsx = slipMonth ? h('button', { 'data-testid': 'payslips-xlsx', title: t(lang, 'payslipsXlsxHint'), onclick: () => this.actions.payslips(slipMonth, 'xlsx') }, `${t(lang, 'payslipsXlsx')} ${slipMonth}`) : null;
    clear(this.controls, monthSelect, search, slips, slipsXlsx, downloadButtons(lang, 'results', (format) => this.actions.download(format)));
    this.renderTable();
  }

  private renderTable(): void {
    const v = this.view!;
    const lang = this.actions.lang();
    const q = this.search.trim().toLowerCase();
    const cols = this.columns(v);
    const valueOf = (r: RunView['rows'][number], key: string): string | number => {
      const p = v.people[r.person]!;
      switch (key) {
        case 'employee': return p.id;
        case 'name': return p.name ?? '';
        case 'team': return p.team ?? '';
        case 'month': return r.month * 1e6 + r.person;
        case 'tier': return r.tier ?? '';
        case 'star': return r.star ?? -1;
        case 'score': { const n = Number(r.score); return r.score !== undefined && r.score !== '' && !Number.isNaN(n) ? n : r.score ?? ''; }
        case 'grade': return r.grade ?? '';
        case 'total': return r.total;
        case 'flags': return r.flags.join(' ');
        case 'changes': return r.changes.map((c) => changeText(lang, c)).join(' ');
        default: return r.lines[Number(key.slice(4))] ?? NaN;
      }
    };
    let rows = v.rows.filter((r) => (this.month < 0 || r.month === this.month) && (!q || v.people[r.person]!.id.toLowerCase().includes(q) || (v.people[r.person]!.name ?? '').toLowerCase().includes(q)));
    const { col, dir } = this.sort;
    rows = [...rows].sort((a, b) => {
      const x = valueOf(a, col);
      const y = valueOf(b, col);
      return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'zh')) * dir;
    });
    const pages = Math.max(1, Math.ceil(rows.length / PAGE));
    this.page = Math.min(this.page, pages - 1);
    const shown = rows.slice(this.page * PAGE, (this.page + 1) * PAGE);
    const head = h('tr', {}, ...cols.map((c) => h('th', {
      class: c.amount === -1 ? 'num total-col' : c.amount !== undefined ? 'num' : '', 'aria-sort': col === c.key ? (dir > 0 ? 'ascending' : 'descending') : undefined,
      onclick: () => { this.sort = { col: c.key, dir: col === c.key ? (dir > 0 ? -1 : 1) : c.amount !== undefined ? -1 : 1 }; this.renderTable(); },
    }, c.label, col === c.key ? (dir > 0 ? ' ▲' : ' ▼') : '')), h('th', { class: 'edit-col' }, ''));
    const body = shown.map((r) => {
      const p = v.people[r.person]!;
      const month = v.months[r.month]!;
      const amount = (fen: number, line: string, total = false) => h('td', { class: total ? 'num total-col' : 'num' }, h('button', {
        class: 'amount', title: `${t(lang, 'explain')}: ${p.id} ${month} ${line}`, 'data-employee': p.id, 'data-month': month,
        onclick: () => this.actions.explain(p.id, month),
      }, yuanText(fen)));
      return h('tr', { 'data-row': `${p.id}@${month}` },
        h('td', {}, p.id), h('td', {}, p.name ?? ''), h('td', {}, p.team ?? ''), h('td', {}, month), h('td', {}, r.tier ?? '—'),
        h('td', { class: 'num' }, r.star === null ? '—' : `${r.star}★`),
        ...(v.scoreName !== undefined ? [h('td', { class: 'num' }, r.score ?? '')] : []),
        ...(v.gradeName !== undefined ? [h('td', {}, r.grade ?? '')] : []),
        ...r.lines.map((fen, k) => amount(fen, v.payLines[k]!)), amount(r.total, t(lang, 'total'), true),
        h('td', { class: 'flags' }, r.flags.join('、')), h('td', { class: 'small changes' }, r.changes.map((c) => changeText(lang, c)).join(lang === 'zh' ? '；' : '; ')),
        h('td', { class: 'edit-col' }, h('button', { class: 'link', onclick: () => this.actions.edit(p.id, month) }, t(lang, 'edit'))));
    });
    clear(this.table, h('table', { class: 'grid' }, h('thead', {}, head), h('tbody', {}, ...body)));
    clear(this.footer,
      h('button', { disabled: this.page === 0, onclick: () => { this.page--; this.renderTable(); } }, t(lang, 'prev')),
      h('span', { 'data-testid': 'results-count' }, `${this.page + 1} / ${pages} · ${rows.length} ${t(lang, 'rows')}`),
      h('button', { disabled: this.page >= pages - 1, onclick: () => { this.page++; this.renderTable(); } }, t(lang, 'next')));
  }
}
