// Messages between the page and the engine's Web Worker. Requests carry an id; the worker answers each with the
// same id. Everything here is structured-cloneable data: no functions, no class instances.

import type { ExplainNode } from '../../runtime/explain.ts';
import type { DiffReport, LineMovement, SchemeFigures } from '../../runtime/simulate/report.ts';
import type { SweepPoint } from '../../runtime/simulate/sweep.ts';
import type { FileFormat, NamedTable } from '../../runtime/workbook.ts';
import type { CheckView, DataProblemView, InputEdit, RunOutcome } from './engine/session.ts';

export type Lang = 'zh' | 'en';

export interface PolicyText {
  readonly name: string;
  readonly text: string;
}

/** Which people the engine runs on. */
export type DataChoice =
  | { readonly kind: 'sample' }
  | { readonly kind: 'generated'; readonly people: number; readonly months: number; readonly seed: number }
  | { readonly kind: 'upload'; readonly files: readonly { readonly name: string; readonly bytes: Uint8Array }[] };

/** What a download holds: the run's results, a month's 工资条 (always a workbook), or tables the page already shows
 * (diff, compare, sweep). The worker makes the file with the library's writers, the same bytes as the CLI's. */
export type DownloadWhat =
  | { readonly kind: 'results'; readonly policy: PolicyText }
  | { readonly kind: 'payslips'; readonly policy: PolicyText; readonly month: string }
  | { readonly kind: 'tables'; readonly tables: readonly NamedTable[] };

export type Request =
  | { readonly type: 'check'; readonly policy: PolicyText; readonly lang: Lang }
  | { readonly type: 'run'; readonly policy: PolicyText; readonly lang: Lang }
  | { readonly type: 'explain'; readonly policy: PolicyText; readonly employee: string; readonly month: string; readonly lang: Lang }
  | { readonly type: 'inputs'; readonly policy: PolicyText; readonly employee: string; readonly month: string }
  | { readonly type: 'edits'; readonly edits: readonly InputEdit[] }
  | { readonly type: 'data'; readonly choice: DataChoice; readonly policies: readonly PolicyText[] }
  | { readonly type: 'diff'; readonly before: PolicyText; readonly after: PolicyText; readonly employee?: string; readonly lang: Lang }
  | { readonly type: 'compare'; readonly policies: readonly PolicyText[]; readonly lang: Lang }
  | { readonly type: 'payslips'; readonly policy: PolicyText; readonly month: string; readonly lang: Lang }
  | { readonly type: 'sweep'; readonly policy: PolicyText; readonly path: string; readonly values: string; readonly budget?: number; readonly lang: Lang }
  | { readonly type: 'download'; readonly what: DownloadWhat; readonly format: FileFormat; readonly lang: Lang }
  | { readonly type: 'format'; readonly policy: PolicyText }
  /** The policy as the document HR publishes (制度文本, `ladder doc`): one HTML page to show, or the Word file. */
  | { readonly type: 'policyDoc'; readonly policy: PolicyText; readonly format: 'html' | 'docx'; readonly lang: Lang };

/** A sweep's answer: each value's figures as a table and the HTML report, or why it could not start. */
export type SweepAnswer =
  | { readonly ok: true; readonly points: readonly SweepPoint[]; readonly table: { readonly header: readonly string[]; readonly rows: readonly (readonly string[])[] }; readonly within?: readonly string[]; readonly html: string }
  | { readonly ok: false; readonly message: string };

export interface DataSummary {
  readonly label: string;
  readonly people: number;
  readonly monthlyRows: number;
  readonly events: number;
  /** Problems reading the files themselves (D020); problems in their contents are reported per policy run. */
  readonly problems: readonly DataProblemView[];
  /** What reading did to the files (merged cells filled, a title or total row skipped), as said in each language. */
  readonly notices?: readonly { readonly zh: string; readonly en: string }[];
  /** The uploaded tables, for marking bad cells: header and rows by table file name. */
  readonly tables: readonly { readonly file: string; readonly header: readonly string[]; readonly rows: readonly { readonly row: number; readonly cells: readonly string[] }[] }[];
}

export type Reply =
  | { readonly type: 'check'; readonly check: CheckView; readonly ms: number }
  | { readonly type: 'run'; readonly outcome: RunOutcome; readonly ms: number }
  | { readonly type: 'explain'; readonly node: ExplainNode | null }
  | { readonly type: 'inputs'; readonly inputs: readonly { column: string; label?: string; type: string; value: string }[] }
  | { readonly type: 'edits' }
  | { readonly type: 'data'; readonly summary: DataSummary }
  | { readonly type: 'diff'; readonly diff: { ok: true; report: DiffReport; html: string; why?: LineMovement[] } | { ok: false; policy: string; outcome: RunOutcome } }
  | { readonly type: 'compare'; readonly figures: readonly SchemeFigures[]; readonly html: string }
  | { readonly type: 'sweep'; readonly sweep: SweepAnswer }
  /** The month's statements as one HTML file (null: the policy did not run), and how many people it has. */
  | { readonly type: 'payslips'; readonly html: string | null; readonly count: number }
  /** A file to save (null: the policy did not run, or nobody is in that month). */
  | { readonly type: 'download'; readonly file: { readonly bytes: Uint8Array; readonly type: string; readonly extension: FileFormat } | null }
  /** The policy in ladder fmt's layout (null: its YAML does not parse, so it is left as it is). */
  | { readonly type: 'format'; readonly text: string | null }
  /** The policy document (null: the policy has errors, and only a policy without them is published). */
  | { readonly type: 'policyDoc'; readonly html: string | null; readonly docx: Uint8Array | null }
  | { readonly type: 'error'; readonly message: string };

export interface Envelope<T> {
  readonly id: number;
  readonly body: T;
}
