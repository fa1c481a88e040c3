// The playground page: the policy editor on the left, what the policy does to people on the right. The engine runs
// in a Web Worker; this file only lays out the page, keeps the workspace, and routes events.

import './style.css';
import { EngineClient } from './client.ts';
import type { FileFormat } from '../../runtime/workbook.ts';
import { clear, h } from './dom.ts';
import { saveFile } from './download.ts';
import { installPolicyLanguage, monaco, showMarkers } from './editor/monaco.ts';
import type { CheckView, DataProblemView, InputEdit, RunView } from './engine/session.ts';
import { t } from './i18n.ts';
import type { DataChoice, DataSummary, DownloadWhat, Lang, PolicyText } from './protocol.ts';
import { type PolicyFile, type View, type Workspace, loadWorkspace, mergePolicies, readShareFragment, saveWorkspace, shareFragment } from './store.ts';
import { renderCharts } from './views/charts.ts';
import { renderData, problemTable } from './views/data.ts';
import { renderExplain } from './views/explain.ts';
import { type ReportContext, renderComparePanel, renderDiffPanel, renderSweepPanel } from './views/reports.ts';
import { showEditDialog } from './views/edit.ts';
import { renderPolicyDoc } from './views/policy-doc.ts';
import { ResultsView } from './views/results.ts';
import type { PolicyName } from '../../compiler/service/symbols.ts';

// ── The bundled policies: the seed schemes, the extras and the example, as the repository has them ─────────────

const bundled = import.meta.glob(['../../policies/**/*.yaml', '!../../policies/**/*.template.yaml'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const BUNDLED: PolicyFile[] = Object.entries(bundled)
  .map(([path, text]) => ({ name: path.replace(/^(\.\.\/)+/, ''), text, original: text }))
  .sort((a, b) => a.name.localeCompare(b.name));
// The first policy shown: the star-pay example — 58 readable lines (Scheme C's rules C1–C3) whose every line
// computes on the bundled sample population (issue 18: the first five minutes).
const FIRST = BUNDLED.find((p) => p.name.endsWith('examples/star-pay.yaml'))?.name ?? BUNDLED[0]!.name;
const SEEDS = BUNDLED.filter((p) => /policies\/scheme-[a-e][^/]*\.yaml$/.test(p.name)).map((p) => p.name);

// ── State ───────────────────────────────────────────────────────────────────────────────────────────────────

const saved = loadWorkspace();
const ws: Workspace = {
  policies: mergePolicies(BUNDLED, saved?.policies ?? []),
  active: saved?.active ?? FIRST,
  lang: saved?.lang === 'en' ? 'en' : 'zh',
  view: saved?.view ?? 'results',
  data: saved?.data ?? { kind: 'sample' },
  compare: saved?.compare ?? SEEDS,
  diffOld: saved?.diffOld ?? '',
};
if (!ws.policies.some((p) => p.name === ws.active)) ws.active = FIRST;

let check: CheckView | undefined;
let names: readonly PolicyName[] = [];
let lastRun: RunView | undefined;
let dataSummary: DataSummary | undefined;
let dataProblems: readonly DataProblemView[] = [];
let edits: InputEdit[] = [];
let explained: { employee: string; month: string } | undefined;

const engine = new EngineClient();
// Checking has a worker of its own, so squiggles never wait behind a long run on a large population.
const checker = new EngineClient();
const lang = (): Lang => ws.lang;
const active = (): PolicyFile => ws.policies.find((p) => p.name === ws.active)!;
const policyText = (p: PolicyFile): PolicyText => ({ name: p.name, text: p.text });

// ── Layout ──────────────────────────────────────────────────────────────────────────────────────────────────

const app = document.getElementById('app')!;
const policySelect = h('select', { 'aria-label': 'policy', 'data-testid': 'policy-select' });
const status = h('span', { class: 'status', 'data-testid': 'status' });
const header = h('header', {});
const editorHost = h('div', { class: 'editor', 'data-testid': 'editor' });
const problemsPanel = h('div', { class: 'problems-panel', 'data-testid': 'problems' });
const tabs = h('nav', { class: 'tabs', role: 'tablist' });
const panels: Record<View, HTMLElement> = {
  results: h('section', { class: 'panel', 'data-view': 'results' }),
  charts: h('section', { class: 'panel', 'data-view': 'charts' }),
  explain: h('section', { class: 'panel', 'data-view': 'explain' }),
  diff: h('section', { class: 'panel', 'data-view': 'diff' }),
  compare: h('section', { class: 'panel', 'data-view': 'compare' }),
  sweep: h('section', { class: 'panel', 'data-view': 'sweep' }),
  data: h('section', { class: 'panel', 'data-view': 'data' }),
  policyDoc: h('section', { class: 'panel', 'data-view': 'policyDoc' }),
};
const runMessage = h('div', { class: 'run-message', 'data-testid': 'run-message' });
// Shown from the first paint until the worker's first result: the engine and the sample take a few seconds.
const loading = () => h('p', { class: 'loading', 'data-testid': 'loading' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), t(lang(), 'loading'));
const welcome = h('aside', { class: 'welcome', 'data-testid': 'welcome', role: 'note' });
const WELCOME_KEY = 'ladder.welcome.dismissed';
const readOnlyNote = h('p', { class: 'read-only-note hint', 'data-testid': 'read-only' });
const notice = h('div', { class: 'notice', 'data-testid': 'notice', role: 'alert', hidden: true });
const resultsBody = h('div', {});
panels.results.append(runMessage, resultsBody);
const results = new ResultsView(resultsBody, { lang, explain: (e, m) => void showExplain(e, m), edit: (e, m) => void openEdit(e, m), payslips: (m, format) => void savePayslips(m, format), download: (format) => void download({ kind: 'results', policy: policyText(active()) }, format, t(lang(), 'results')) });
const dialog = h('dialog', { class: 'edit-dialog', 'data-testid': 'edit-dialog' });

clear(app, header, notice, h('main', {}, h('div', { class: 'left' }, editorHost, problemsPanel), h('div', { class: 'right' }, welcome, readOnlyNote, tabs, ...Object.values(panels))), dialog);
clear(runMessage, loading());

/** The welcome: what this is and three things to try, until dismissed (remembered in this browser). */
function renderWelcome(): void {
  let dismissed = false;
  try { dismissed = localStorage.getItem(WELCOME_KEY) === '1'; } catch { /* storage off: show it */ }
  welcome.hidden = dismissed;
  if (dismissed) return;
  const L = lang();
  clear(welcome,
    h('strong', {}, t(L, 'welcomeTitle')), h('p', {}, t(L, 'welcomeWhat')),
    h('ol', {}, ...(['welcomeTry1', 'welcomeTry2', 'welcomeTry3'] as const).map((w) => h('li', {}, t(L, w)))),
    h('button', { 'data-testid': 'welcome-ok', onclick: () => {
      try { localStorage.setItem(WELCOME_KEY, '1'); } catch { /* storage off: hidden for this visit */ }
      welcome.hidden = true;
    } }, t(L, 'welcomeOk')));
}

/** A message above the page that goes away when dismissed (a file that is not a policy, and the like). */
function showNotice(text: string): void {
  notice.hidden = false;
  clear(notice, h('span', {}, text), ' ', h('button', { class: 'link', onclick: () => { notice.hidden = true; } }, t(lang(), 'close')));
}

/** Whether an opened file is a policy's text: a YAML/text name, UTF-8, no NUL bytes, not a zip (xlsx, docx). */
function policyFileText(name: string, bytes: Uint8Array): string | undefined {
  if (/\.(xlsx|xlsm|xls|csv|tsv|json|docx|pdf|zip|png|jpe?g)$/i.test(name)) return undefined;
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return undefined;
  if (bytes.subarray(0, 8192).includes(0)) return undefined;
  try { return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''); } catch { return undefined; }
}

/** Characters the expression language accepts as they are typed on a Chinese keyboard: the full-width forms
 * (！ to ～, folded by NFKC), the ideographic space and full stop, the middle dot, the minus and dash, and the
 * operators × ÷ ≥ ≤ ≠, plus the quotes of a name (「」【】) and Chinese quotation marks. */
const LANGUAGE_CHARACTERS: Record<string, true> = Object.fromEntries(
  [...Array.from({ length: 0xff5e - 0xff01 + 1 }, (_, k) => String.fromCodePoint(0xff01 + k)), '\u3000', '。', '、', '·', '−', '–', '×', '÷', '≥', '≤', '≠', '「', '」', '【', '】', '“', '”', '‘', '’', '《', '》', '￥', '…', '—']
    .map((c) => [c, true as const]));

const models = new Map<string, monaco.editor.ITextModel>();
function modelOf(p: PolicyFile): monaco.editor.ITextModel {
  let m = models.get(p.name);
  if (!m) {
    m = monaco.editor.createModel(p.text, 'yaml', monaco.Uri.parse(`file:///${encodeURI(p.name)}`));
    models.set(p.name, m);
  }
  return m;
}

installPolicyLanguage({
  names: () => names, lang, markers: () => check?.markers ?? [],
  format: async (text) => {
    const reply = await checker.request({ type: 'format', policy: { name: active().name, text } });
    return reply.type === 'format' && reply.text !== null ? reply.text : undefined;
  },
  problemsOf: async (text) => {
    const reply = await checker.request({ type: 'check', policy: { name: active().name, text }, lang: ws.lang });
    return reply.type === 'check' ? reply.check.markers : [];
  },
});
const editor = monaco.editor.create(editorHost, {
  model: modelOf(active()), automaticLayout: true, minimap: { enabled: false }, fontSize: 13, tabSize: 2, insertSpaces: true,
  wordBasedSuggestions: 'off', quickSuggestions: { other: true, comments: false, strings: true }, scrollBeyondLastLine: false,
  renderWhitespace: 'boundary', fixedOverflowWidgets: true,
  // Full-width punctuation and the math signs are part of the language (compiler/expr/normalize.ts, lexer.ts): not
  // boxed as "could be confused with ASCII". Invisible characters are still shown.
  unicodeHighlight: { ambiguousCharacters: true, invisibleCharacters: true, nonBasicASCII: false, allowedCharacters: LANGUAGE_CHARACTERS },
});
(window as unknown as { ladder: unknown }).ladder = { editor, monaco };

function renderHeader(): void {
  const L = lang();
  clear(policySelect, ...ws.policies.map((p) => h('option', { value: p.name }, `${p.text !== p.original ? '● ' : ''}${p.name}`)));
  policySelect.value = ws.active;
  policySelect.onchange = () => switchPolicy(policySelect.value);
  const opener = h('input', { type: 'file', accept: '.yaml,.yml,.txt', hidden: true, 'data-testid': 'open-file', onchange: async () => {
    const f = opener.files?.[0];
    if (!f) return;
    const text = policyFileText(f.name, new Uint8Array(await f.arrayBuffer()));
    opener.value = '';
    // An .xlsx or other binary is not loaded into the editor (it would be 161 YAML errors): said, and left alone.
    if (text === undefined) { showNotice(`${t(lang(), 'notPolicy')}${f.name}. ${t(lang(), 'notPolicyHint')}`); return; }
    notice.hidden = true;
    addPolicy(f.name, text);
  } });
  clear(header,
    h('h1', {}, 'Ladder'), h('span', { class: 'subtitle' }, t(L, 'title')),
    h('label', {}, t(L, 'policy'), ' ', policySelect),
    h('button', { onclick: () => addPolicy(`new-${ws.policies.length + 1}.yaml`, NEW_POLICY) }, t(L, 'newPolicy')),
    h('button', { onclick: () => opener.click() }, t(L, 'open')), opener,
    h('button', { onclick: savePolicy }, t(L, 'save')),
    h('button', { 'data-testid': 'share', onclick: () => void share() }, t(L, 'share')),
    h('button', { disabled: active().text === active().original, onclick: revert }, t(L, 'revert')),
    h('button', { class: 'lang', 'data-testid': 'lang', onclick: () => { ws.lang = ws.lang === 'zh' ? 'en' : 'zh'; persist(); renderAll(); void refresh(true); } }, t(L, 'language')),
    status);
  clear(tabs, ...(Object.keys(panels) as View[]).map((v) => h('button', {
    role: 'tab', 'aria-selected': ws.view === v ? 'true' : 'false', 'data-tab': v, class: ws.view === v ? 'active' : '',
    onclick: () => { ws.view = v; persist(); renderTabs(); renderView(); },
  }, t(L, v))));
}

/** A phone: no editor, the results, an explanation and the charts one under another (read-only). */
const phone = matchMedia('(max-width: 700px)');
const PHONE_VIEWS: readonly View[] = ['results', 'explain', 'charts'];
phone.addEventListener('change', () => { renderTabs(); if (lastRun) renderCharts(panels.charts, lastRun, lang()); });

function renderTabs(): void {
  for (const b of tabs.querySelectorAll('button')) {
    const on = b.getAttribute('data-tab') === ws.view;
    b.classList.toggle('active', on);
    b.setAttribute('aria-selected', on ? 'true' : 'false');
  }
  document.body.classList.toggle('phone', phone.matches);
  for (const [v, el] of Object.entries(panels)) el.hidden = phone.matches ? !PHONE_VIEWS.includes(v as View) : v !== ws.view;
  if (phone.matches && !explained) renderExplain(panels.explain, '', null, lang(), reveal);
}

const NEW_POLICY = `policy:
  name: 新策略
  effective: { from: 2026-01, to: 2026-12 }

inputs:
  post_wage: { type: money, from: employees, label: 岗位工资 }
  score: { type: number, label: 考核分 }

pay:
  岗位工资: post_wage
  绩效工资: 1000元 * score%
`;

function addPolicy(name: string, text: string): void {
  let unique = name;
  for (let k = 2; ws.policies.some((p) => p.name === unique); k++) unique = name.replace(/(\.ya?ml)?$/i, `-${k}$1`);
  ws.policies.push({ name: unique, text, original: text });
  switchPolicy(unique);
}

function switchPolicy(name: string): void {
  ws.active = name;
  editor.setModel(modelOf(active()));
  explained = undefined;
  persist();
  renderHeader();
  void refresh(true);
}

function revert(): void {
  modelOf(active()).setValue(active().original);
}

function savePolicy(): void {
  const p = active();
  const url = URL.createObjectURL(new Blob([p.text], { type: 'text/yaml;charset=utf-8' }));
  const a = h('a', { href: url, download: p.name.split('/').pop()! });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function share(): Promise<void> {
  const frag = await shareFragment({ name: active().name, text: active().text, lang: ws.lang, view: ws.view });
  const url = `${location.origin}${location.pathname}${frag}`;
  history.replaceState(null, '', frag);
  try { await navigator.clipboard.writeText(url); } catch { /* the address bar has it */ }
  status.textContent = t(lang(), 'shared');
}

// ── Checking and running ────────────────────────────────────────────────────────────────────────────────────

let persistTimer: ReturnType<typeof setTimeout> | undefined;
function persist(): void {
  clearTimeout(persistTimer);
  persistTimer = setTimeout(() => saveWorkspace(ws), 300);
}

let checkTimer: ReturnType<typeof setTimeout> | undefined;
let runTimer: ReturnType<typeof setTimeout> | undefined;
editor.onDidChangeModelContent(() => {
  const model = editor.getModel();
  const p = active();
  if (!model || model !== models.get(p.name)) return;
  const wasClean = p.text === p.original;
  p.text = model.getValue();
  if (wasClean !== (p.text === p.original)) renderHeader();
  persist();
  clearTimeout(checkTimer);
  clearTimeout(runTimer);
  // Squiggles soon after typing stops; the run after a slightly longer pause.
  checkTimer = setTimeout(() => void runCheck(), 120);
  runTimer = setTimeout(() => void runPolicy(), 300);
});

async function runCheck(): Promise<void> {
  const p = active();
  const reply = await checker.latest('check', { type: 'check', policy: policyText(p), lang: ws.lang });
  if (!reply || reply.type !== 'check' || p !== active() || reply.check === check) return;
  applyCheck(reply.check);
  if (ws.view === 'policyDoc') renderView();
  document.body.dataset.checks = String(Number(document.body.dataset.checks ?? 0) + 1);
}

function applyCheck(c: CheckView): void {
  check = c;
  // Keep the last names while the YAML is broken mid-edit, so completion still knows them.
  if (c.names.some((n) => n.definedAt)) names = c.names;
  else if (!names.length) names = c.names;
  const model = modelOf(active());
  showMarkers(model, c.markers);
  renderProblems(c);
}

function renderProblems(c: CheckView): void {
  const L = lang();
  const markers = c.markers;
  const errors = markers.filter((m) => m.severity === 'error').length;
  const warnings = markers.length - errors;
  const tests = c.tests.passed + c.tests.failed + c.tests.skipped
    ? ` · ${t(L, 'examples')} ✓ ${c.tests.passed}${c.tests.failed ? ` ✗ ${c.tests.failed}` : ''}${c.tests.skipped ? ` – ${c.tests.skipped}` : ''}` : '';
  clear(problemsPanel,
    h('div', { class: 'problems-head', 'data-testid': 'problems-head' }, `${t(L, 'problems')} · ${errors} ✖ ${warnings} ⚠${tests}`),
    markers.length ? h('ul', {}, ...markers.map((m) => h('li', { class: m.severity, 'data-line': m.line },
      h('button', { class: 'link', onclick: () => reveal(m.line, m.column) }, `${m.line}:${m.column}`), ' ',
      // A failing example says so in its message ("示例“…”：…"); its code would only repeat it.
      m.code === 'TEST' ? null : h('code', {}, m.code), ' ', m.message, m.suggestion ? h('span', { class: 'suggestion' }, ` ${m.suggestion}`) : null)))
      : h('p', { class: 'hint' }, t(L, 'noProblems')));
}

function reveal(line: number, column = 1): void {
  editor.revealLineInCenter(line);
  editor.setPosition({ lineNumber: line, column });
  editor.focus();
}

async function runPolicy(): Promise<void> {
  const p = active();
  status.textContent = t(lang(), 'computing');
  const reply = await engine.latest('run', { type: 'run', policy: policyText(p), lang: ws.lang });
  if (reply?.type === 'error') {
    // A failure of Ladder itself, not of the policy or data: shown as such rather than left computing forever.
    status.textContent = `${t(lang(), 'internalError')}${lang() === 'zh' ? '：' : ': '}${reply.message}`;
    clear(runMessage, h('p', { class: 'error' }, `${t(lang(), 'internalError')}${lang() === 'zh' ? '：' : ': '}${reply.message}`));
    return;
  }
  if (!reply || reply.type !== 'run' || p !== active()) return;
  const o = reply.outcome;
  const L = lang();
  // Results that no longer match the editor stay visible, dimmed, until the policy or data computes again.
  resultsBody.classList.toggle('stale', o.kind !== 'ran');
  if (o.kind === 'ran') {
    lastRun = o.view;
    dataProblems = [];
    // Dates the data leaves out: what the run assumed instead (not an error).
    clear(runMessage, ...o.view.notices.map((n) => h('p', { class: 'note', 'data-testid': 'run-notice' }, L === 'zh' ? `注意：${n.zh}` : `Note: ${n.en}`)));
    status.textContent = `${t(L, 'computedIn')} ${Math.round(reply.ms)} ms · ${o.view.people.length} × ${o.view.months.length}${edits.length ? ` · ${edits.length} ${t(L, 'edits')}` : ''}`;
    status.setAttribute('data-ms', String(Math.round(reply.ms)));
    results.show(o.view);
    if (ws.view === 'charts' || phone.matches) renderCharts(panels.charts, o.view, L);
    if (ws.view === 'explain' && explained) void showExplain(explained.employee, explained.month, false);
  } else if (o.kind === 'policy-errors') {
    applyCheck(o.check);
    status.textContent = t(L, 'statusPolicyErrors');
    clear(runMessage, h('p', { class: 'error' }, t(L, 'policyErrors')));
  } else if (o.kind === 'run-problems') {
    // Pay that cannot be computed: each line and cause, never a results table with blanks.
    status.textContent = t(L, 'statusRunProblems');
    clear(runMessage, h('p', { class: 'error' }, t(L, 'runProblems')), h('ul', { 'data-testid': 'pay-problems' }, ...o.problems.map((line) => h('li', {}, line))));
  } else {
    dataProblems = o.problems;
    status.textContent = t(L, 'statusDataProblems');
    clear(runMessage, h('p', { class: 'error' }, t(L, 'dataProblems')), problemTable(o.problems, L, 'run-problems'));
    if (ws.view === 'data') renderView();
  }
  runMessage.setAttribute('data-state', o.kind);
  // A counter the browser tests wait on: "the results after my edit are in".
  document.body.dataset.runs = String(Number(document.body.dataset.runs ?? 0) + 1);
}

async function refresh(full = false): Promise<void> {
  if (full) { check = undefined; }
  await Promise.all([runCheck(), runPolicy()]);
}

// ── Views ───────────────────────────────────────────────────────────────────────────────────────────────────

/** The month's statements as a file the browser saves (the page makes nothing on a server): HTML, or Excel strips. */
async function savePayslips(month: string, format: 'html' | 'xlsx'): Promise<void> {
  if (format === 'xlsx') return download({ kind: 'payslips', policy: policyText(active()), month }, 'xlsx', `${month}-${lang() === 'zh' ? '工资条' : 'payslips'}`);
  const reply = await engine.request({ type: 'payslips', policy: policyText(active()), month, lang: ws.lang });
  if (reply.type !== 'payslips' || reply.html === null) return;
  saveFile(reply.html, 'text/html', `${policyBase(active())}-${month}-工资条.html`);
}

/** A table or workbook made by the worker, saved as `<policy>-<what>.<xlsx|csv>`. */
async function download(what: DownloadWhat, format: FileFormat, label: string): Promise<void> {
  const reply = await engine.request({ type: 'download', what, format, lang: ws.lang });
  if (reply.type === 'error') { status.textContent = `${t(lang(), 'internalError')}: ${reply.message}`; return; }
  if (reply.type !== 'download' || !reply.file) return;
  saveFile(reply.file.bytes as BlobPart, reply.file.type, `${policyBase(active())}-${label}.${reply.file.extension}`);
}

const policyBase = (p: PolicyFile) => p.name.split('/').pop()!.replace(/\.ya?ml$/, '');

async function showExplain(employee: string, month: string, switchView = true): Promise<void> {
  explained = { employee, month };
  if (switchView) { ws.view = 'explain'; renderTabs(); }
  const reply = await engine.request({ type: 'explain', policy: policyText(active()), employee, month, lang: ws.lang });
  if (reply.type !== 'explain') return;
  const person = lastRun?.people.find((p) => p.id === employee);
  renderExplain(panels.explain, `${employee}${person?.name ? ' ' + person.name : ''} · ${month}`, reply.node, lang(), (line) => reveal(line));
  if (phone.matches && switchView) panels.explain.scrollIntoView({ block: 'start' });
}

async function openEdit(employee: string, month: string): Promise<void> {
  const reply = await engine.request({ type: 'inputs', policy: policyText(active()), employee, month });
  if (reply.type !== 'inputs') return;
  showEditDialog(dialog, employee, month, reply.inputs, lang(), (changed) => {
    for (const e of changed) edits = [...edits.filter((x) => !(x.employee === e.employee && x.month === e.month && x.column === e.column)), e];
    void applyEdits();
  });
}

async function applyEdits(): Promise<void> {
  await engine.request({ type: 'edits', edits });
  await runPolicy();
  if (explained) void showExplain(explained.employee, explained.month, false);
}

async function setData(choice: DataChoice): Promise<void> {
  status.textContent = t(lang(), 'computing');
  const reply = await engine.request({ type: 'data', choice, policies: ws.policies.filter((p) => SEEDS.includes(p.name) || p.name === ws.active).map(policyText) });
  if (reply.type === 'error') {
    // Not a problem in the data (those are listed per cell) but a failure to read it at all: say so, keep the old data.
    status.textContent = reply.message;
    dataProblems = [{ code: 'D020', file: choice.kind === 'upload' ? choice.files.map((f) => f.name).join(', ') : choice.kind, row: 0, column: '', value: '', text: reply.message }];
    renderView();
    return;
  }
  if (reply.type !== 'data') return;
  dataSummary = reply.summary;
  dataProblems = reply.summary.problems;
  edits = [];
  if (choice.kind !== 'upload') { ws.data = choice; persist(); }
  renderView();
  await runPolicy();
  renderView();
}

function renderView(): void {
  const L = lang();
  switch (ws.view) {
    case 'results': break;
    case 'charts': if (lastRun) renderCharts(panels.charts, lastRun, L); break;
    case 'explain': if (!explained) renderExplain(panels.explain, '', null, L, reveal); break;
    // A computed report stays when switching tabs; the panel is made again only when what it offers changed.
    case 'diff': if (panelKeyChanged('diff')) renderDiffPanel(panels.diff, reportContext()); break;
    case 'compare': if (panelKeyChanged('compare')) renderComparePanel(panels.compare, reportContext()); break;
    case 'sweep': if (panelKeyChanged('sweep')) renderSweepPanel(panels.sweep, reportContext()); break;
    case 'data': renderData(panels.data, dataSummary, dataProblems, edits.length, {
      lang, sample: () => void setData({ kind: 'sample' }),
      generate: (people, months, seed) => void setData({ kind: 'generated', people, months, seed }),
      upload: (files) => void setData({ kind: 'upload', files }),
    }, () => { edits = []; void applyEdits().then(renderView); }); break;
    case 'policyDoc': void renderPolicyDoc(panels.policyDoc, { lang: L, policy: policyText(active()), request: (r) => engine.request(r), reveal }); break;
  }
}

const panelKeys = new Map<View, string>();
function panelKeyChanged(view: View): boolean {
  const key = `${ws.lang}|${ws.active}|${ws.policies.map((p) => p.name).join(',')}`;
  if (panelKeys.get(view) === key) return false;
  panelKeys.set(view, key);
  return true;
}

const reportContext = (): ReportContext => ({
  download: (tables, what, format) => void download({ kind: 'tables', tables }, format, t(lang(), what)),
  lang: lang(), policies: ws.policies, active: active(), diffOld: ws.diffOld, compare: ws.compare, request: (r) => engine.request(r),
  cursorOffset: () => { const pos = editor.getPosition(); const model = editor.getModel(); return pos && model ? model.getOffsetAt(pos) : undefined; },
  remember: (w) => { if (w.diffOld !== undefined) ws.diffOld = w.diffOld; if (w.compare) ws.compare = w.compare; persist(); },
});

function renderAll(): void {
  document.documentElement.lang = ws.lang === 'zh' ? 'zh-CN' : 'en';
  document.title = `Ladder · ${t(lang(), 'title')}`;
  renderHeader();
  renderWelcome();
  readOnlyNote.textContent = t(lang(), 'readOnly');
  renderTabs();
  renderView();
  if (lastRun) results.show(lastRun);
  else if (runMessage.querySelector('[data-testid=loading]')) clear(runMessage, loading());
  if (check) renderProblems(check);
}

// ── Start ───────────────────────────────────────────────────────────────────────────────────────────────────

async function start(): Promise<void> {
  const shared = await readShareFragment(location.hash);
  if (shared) {
    if (shared.lang) ws.lang = shared.lang;
    if (shared.view) ws.view = shared.view;
    const same = ws.policies.find((p) => p.name === shared.name);
    if (same && same.text === shared.text) switchPolicy(same.name);
    else addPolicy(same ? `shared-${shared.name.split('/').pop()}` : shared.name, shared.text);
  }
  renderAll();
  if (ws.data.kind !== 'sample') await setData(ws.data);
  else {
    const reply = await engine.request({ type: 'data', choice: { kind: 'sample' }, policies: [] });
    if (reply.type === 'data') dataSummary = reply.summary;
    await refresh(true);
  }
  document.body.setAttribute('data-ready', 'true');
}

void start();
