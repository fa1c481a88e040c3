// Ladder's library entry point: the same compile() and run() the CLI uses. Nothing here imports from Node, so it
// also runs in a browser Web Worker (file reading lives in cli/).

export { compile, type CompileResult, type PolicyInput } from './compiler/compile.ts';
export type { Diagnostic } from './compiler/diagnostics/diagnostic.ts';
export { messageFor, suggestionText, sortDiagnostics } from './compiler/diagnostics/diagnostic.ts';
export { renderDiagnostic, renderDiagnostics } from './compiler/diagnostics/render.ts';
export type { Lang } from './compiler/diagnostics/catalogue.ts';
export type { RuleSet } from './compiler/codegen/generate.ts';
export { policySchema } from './compiler/schema/validate.ts';
export { dataRequirements } from './runtime/data/requirements.ts';
export { loadTables, type DataSources, type EmployeeData, type LoadResult } from './runtime/data/load.ts';
export { renderDataProblem, type DataProblem } from './runtime/data/messages.ts';
export { toPopulation } from './runtime/data/to-population.ts';
export type { Population, Person } from './runtime/population.ts';
export { run, type ResultRow, type RunResult } from './runtime/run.ts';
export { resultShape, toJsonRows, toCsv, toTable } from './runtime/results.ts';
export { resultsWorkbook, tablesFile, type FileFormat, type MadeFile, type NamedTable } from './runtime/workbook.ts';
export { payslipsWorkbook } from './runtime/payslip-sheet.ts';
export { explain, renderExplain, type ExplainNode } from './runtime/explain.ts';
export { evaluateMonth, type MonthCase, type MonthResult } from './runtime/month.ts';
export { runPolicyTests, type TestOutcome } from './runtime/policy-tests.ts';
