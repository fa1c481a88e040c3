// The data panel: which people the policies run on (the sample, a generated population, or uploaded files), and
// the problems found in the data, listed and marked on the cells they are about.

import { clear, h } from '../dom.ts';
import type { DataProblemView } from '../engine/session.ts';
import { t } from '../i18n.ts';
import type { DataSummary, Lang } from '../protocol.ts';

export interface DataActions {
  lang(): Lang;
  sample(): void;
  generate(people: number, months: number, seed: number): void;
  upload(files: { name: string; bytes: Uint8Array }[]): void;
}

export function renderData(root: HTMLElement, summary: DataSummary | undefined, problems: readonly DataProblemView[], edits: number, actions: DataActions, resetEdits: () => void): void {
  const lang = actions.lang();
  const people = h('input', { type: 'number', min: 1, max: 100000, value: 2000, 'aria-label': t(lang, 'people'), 'data-testid': 'gen-people' });
  const months = h('input', { type: 'number', min: 1, max: 36, value: 12, 'aria-label': t(lang, 'months') });
  const seed = h('input', { type: 'number', value: 1, 'aria-label': t(lang, 'seed') });
  const file = h('input', { type: 'file', multiple: true, accept: '.csv,.xlsx,.json,.txt,.tsv', 'data-testid': 'upload', onchange: async () => {
    const files = await Promise.all([...(file.files ?? [])].map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
    if (files.length) actions.upload(files);
  } });
  clear(root,
    h('div', { class: 'toolbar' },
      h('button', { onclick: () => actions.sample() }, t(lang, 'sample')),
      h('span', {}, ' | '), t(lang, 'generate'), people, t(lang, 'people'), '×', months, t(lang, 'months'), t(lang, 'seed'), seed,
      h('button', { 'data-testid': 'gen-go', onclick: () => actions.generate(Number(people.value), Number(months.value), Number(seed.value)) }, t(lang, 'generate'))),
    h('div', { class: 'toolbar' }, h('label', {}, t(lang, 'upload'), ' ', file)),
    h('p', { class: 'hint' }, t(lang, 'uploadHint')),
    summary ? h('p', { 'data-testid': 'data-summary' }, `${t(lang, 'current')}${lang === 'zh' ? '：' : ': '}${summary.label} — ${summary.people} ${t(lang, 'people')}${lang === 'zh' ? '，' : ', '}${summary.monthlyRows} ${t(lang, 'monthlyRows')}${lang === 'zh' ? '，' : ', '}${summary.events} ${t(lang, 'eventRows')}`) : null,
    ...(summary?.notices ?? []).map((n) => h('p', { class: 'note', 'data-testid': 'data-notice' }, lang === 'zh' ? n.zh : n.en)),
    edits ? h('p', {}, `${edits} ${t(lang, 'edits')} `, h('button', { onclick: resetEdits }, t(lang, 'resetEdits'))) : null,
    problems.length ? problemTable(problems, lang) : null,
    problems.length && summary?.tables.length ? badCells(problems, summary, lang) : null,
  );
}

export function problemTable(problems: readonly DataProblemView[], lang: Lang, testid = 'data-problems'): HTMLElement {
  return h('table', { class: 'grid compact problems', 'data-testid': testid },
    h('thead', {}, h('tr', {}, h('th', {}, t(lang, 'file')), h('th', {}, t(lang, 'rowH')), h('th', {}, t(lang, 'columnH')), h('th', {}, t(lang, 'valueH')), h('th', {}, t(lang, 'messageH')))),
    h('tbody', {}, ...problems.slice(0, 500).map((p) => h('tr', {}, h('td', {}, p.file), h('td', { class: 'num' }, p.row), h('td', {}, p.column), h('td', {}, p.value), h('td', {}, p.text)))));
}

/** The rows of the uploaded tables that have problems, each bad cell marked. */
function badCells(problems: readonly DataProblemView[], summary: DataSummary, lang: Lang): HTMLElement {
  const sections = summary.tables.map((table) => {
    const mine = problems.filter((p) => p.file === table.file || p.file.startsWith(`${table.file}:`));
    if (!mine.length) return null;
    const byRow = new Map<number, Set<string>>();
    for (const p of mine) byRow.set(p.row, (byRow.get(p.row) ?? new Set()).add(p.column));
    const rows = table.rows.filter((r) => byRow.has(r.row)).slice(0, 200);
    const headerBad = byRow.get(1) ?? new Set<string>();
    return h('div', {}, h('h4', {}, `${table.file} · ${t(lang, 'badCells')}`),
      h('table', { class: 'grid compact cells' },
        h('thead', {}, h('tr', {}, h('th', {}, t(lang, 'row')), ...table.header.map((x) => h('th', { class: headerBad.has(x) ? 'bad' : '' }, x)))),
        h('tbody', {}, ...rows.map((r) => h('tr', {}, h('td', { class: 'num' }, r.row),
          ...table.header.map((col, k) => h('td', { class: byRow.get(r.row)!.has(col) ? 'bad' : '', 'data-bad': byRow.get(r.row)!.has(col) ? 'true' : undefined }, r.cells[k] ?? '')))))));
  });
  return h('div', { 'data-testid': 'bad-cells' }, ...sections);
}
