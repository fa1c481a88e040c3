// Ladder's library entry point: the same compile() the CLI uses, and single-month evaluation for tests.
// Nothing here imports from Node, so it also runs in a browser Web Worker.

export { compile, type CompileResult, type PolicyInput } from './compiler/compile.ts';
export type { Diagnostic } from './compiler/diagnostics/diagnostic.ts';
export { messageFor, suggestionText, sortDiagnostics } from './compiler/diagnostics/diagnostic.ts';
export { renderDiagnostic, renderDiagnostics } from './compiler/diagnostics/render.ts';
export type { Lang } from './compiler/diagnostics/catalogue.ts';
export type { RuleSet } from './compiler/codegen/generate.ts';
export { policySchema } from './compiler/schema/validate.ts';
export { evaluateMonth, type MonthCase, type MonthResult } from './runtime/month.ts';
export { runPolicyTests, type TestOutcome } from './runtime/policy-tests.ts';
