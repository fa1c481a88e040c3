// The engine's Web Worker: compiling, loading and running happen here so typing in the editor never waits for them.
// Requests are answered in order; the page keeps at most one run in flight and sends only the latest text.

import { compile } from '../../../compiler/compile.ts';
import { formatPolicy } from '../../../compiler/format/format.ts';
import { readDataFiles } from '../../../runtime/data/files.ts';
import type { Table, TableSource } from '../../../runtime/data/load.ts';
import { clip, renderDataNotice, renderDataProblem } from '../../../runtime/data/messages.ts';
import { parseGenOptions } from '../../../runtime/gen/options.ts';
import { generatePopulation } from '../../../runtime/gen/population.ts';
import { type DataTables, Session, generatedData } from '../engine/session.ts';
import { payslipsWorkbook } from '../../../runtime/payslip-sheet.ts';
import { type FileFormat, type MadeFile, XLSX_TYPE, tablesFile } from '../../../runtime/workbook.ts';
import type { DataChoice, DataSummary, DownloadWhat, Envelope, Lang, PolicyText, Reply, Request } from '../protocol.ts';
import { sampleData } from './bundled-data.ts';
import { buildPolicyDocument } from '../../../runtime/doc/build.ts';
import { policyDocDocx } from '../../../runtime/doc/docx.ts';
import { policyDocHtml } from '../../../runtime/doc/html.ts';

const session = new Session();

function post(id: number, body: Reply): void {
  (self as unknown as { postMessage(m: Envelope<Reply>): void }).postMessage({ id, body });
}

async function dataTables(choice: DataChoice, policies: readonly PolicyText[]): Promise<{ data: DataTables; summary: Omit<DataSummary, 'label'> }> {
  switch (choice.kind) {
    case 'sample': {
      const data = sampleData();
      return { data, summary: summaryOf(data, []) };
    }
    case 'generated': {
      // The same option checks as `ladder gen`; a bad number is reported, not generated around.
      const parsed = parseGenOptions({ people: choice.people, months: choice.months, seed: choice.seed });
      if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.zh} / ${p.en}`).join('; '));
      // The generator covers the columns, rubrics and violation kinds of every policy that compiles.
      const compiled = policies.map((p) => compile(p)).filter((c) => c.ok);
      const { people, months, seed } = parsed.options;
      const gen = generatePopulation({ people, months, seed, policies: compiled, single: false });
      const data = generatedData(`${people} × ${months} (seed ${seed})`, gen);
      return { data, summary: summaryOf(data, []) };
    }
    case 'upload': {
      const read = await readDataFiles(choice.files);
      const data: DataTables = { label: choice.files.map((f) => f.name).join(', '), ...read.sources };
      const summary = summaryOf(data, read.problems.map((p) => ({ code: p.code, file: p.file, row: p.row, column: clip(p.column), value: clip(p.value), text: renderDataProblem(p, 'zh') + '\n' + renderDataProblem(p, 'en') })), true);
      return { data, summary: { ...summary, notices: read.notices.map((n) => ({ zh: renderDataNotice(n, 'zh'), en: renderDataNotice(n, 'en') })) } };
    }
  }
}

function rowsOf(t: TableSource | undefined): number {
  if (!t) return 0;
  if (Array.isArray(t)) return t.length;
  return 'rows' in t ? t.rows.length : 'records' in t ? t.records.length : 0;
}

/** Counts for the data panel; an upload's tables go back too, so the page can mark the cells its problems name. */
function summaryOf(data: DataTables, problems: DataSummary['problems'], uploaded = false): Omit<DataSummary, 'label'> {
  const tables = uploaded ? [data.employees, data.monthly, data.events].filter((t): t is Table => !!t && !Array.isArray(t) && 'header' in t) : [];
  return { people: rowsOf(data.employees), monthlyRows: rowsOf(data.monthly), events: rowsOf(data.events), problems, tables };
}

async function handle(req: Request): Promise<Reply> {
  switch (req.type) {
    case 'check': {
      const t0 = performance.now();
      const check = session.check(req.policy.name, req.policy.text, req.lang);
      return { type: 'check', check, ms: performance.now() - t0 };
    }
    case 'run': {
      const t0 = performance.now();
      const outcome = session.run(req.policy.name, req.policy.text, req.lang);
      return { type: 'run', outcome, ms: performance.now() - t0 };
    }
    case 'explain': return { type: 'explain', node: session.explain(req.policy.name, req.policy.text, req.employee, req.month, req.lang) ?? null };
    case 'inputs': return { type: 'inputs', inputs: session.inputsOf(req.policy.name, req.policy.text, req.employee, req.month) };
    case 'edits': session.setEdits(req.edits); return { type: 'edits' };
    case 'data': {
      const { data, summary } = await dataTables(req.choice, req.policies);
      session.setData(data);
      return { type: 'data', summary: { label: data.label, ...summary } };
    }
    case 'diff': return { type: 'diff', diff: session.diff(req.before, req.after, req.lang, req.employee) };
    case 'compare': return { type: 'compare', ...session.compare(req.policies, req.lang) };
    case 'payslips': return { type: 'payslips', ...session.payslips(req.policy.name, req.policy.text, req.month, req.lang) };
    case 'sweep': return { type: 'sweep', sweep: session.sweep(req.policy, req.path, req.values, req.budget, req.lang) };
    case 'download': return { type: 'download', file: await download(req.what, req.format, req.lang) };
    case 'format': {
      const formatted = formatPolicy(req.policy.name, req.policy.text);
      return { type: 'format', text: formatted.ok ? formatted.text : null };
    }
    case 'policyDoc': {
      // The same document `ladder doc` writes, from the same compile the squiggles come from.
      const compiled = session.compile(req.policy.name, req.policy.text);
      if (!compiled.ok || !compiled.checked) return { type: 'policyDoc', html: null, docx: null };
      const doc = buildPolicyDocument(compiled.checked, req.lang);
      return req.format === 'docx' ? { type: 'policyDoc', html: null, docx: policyDocDocx(doc) } : { type: 'policyDoc', html: policyDocHtml(doc), docx: null };
    }
  }
}

/** A download's file, made by the library's writers (the bytes `ladder run|diff|compare|payslip --out` write). */
async function download(what: DownloadWhat, format: FileFormat, lang: Lang): Promise<MadeFile | null> {
  if (what.kind === 'payslips') {
    const slips = session.payslipsOf(what.policy.name, what.policy.text, what.month, lang);
    return slips?.length ? { bytes: await payslipsWorkbook(slips, lang), type: XLSX_TYPE, extension: 'xlsx' } : null;
  }
  const tables = what.kind === 'results' ? session.resultTables(what.policy.name, what.policy.text, lang) : what.tables;
  return tables?.length ? tablesFile(tables, format, lang) : null;
}

self.addEventListener('message', (e: MessageEvent<Envelope<Request>>) => {
  const { id, body } = e.data;
  handle(body).then((reply) => post(id, reply), (err: unknown) => post(id, { type: 'error', message: String((err as Error)?.message ?? err) }));
});
