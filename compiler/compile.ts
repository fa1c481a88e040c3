// The compiler's entry point.
//
//   bytes ──decode──▶ text ──yaml──▶ YAML tree ──schema──▶ checked structure ──model──▶ parsed policy
//         (size, UTF-8)     (ranges)          (ajv, spans)                      (expressions parsed)
//   parsed policy ──check──▶ checked policy ──ir──▶ ordered rule model ──codegen──▶ executable rule set
//                 (names, types, units, weights, bands, ladders, cycles)
//
// Every stage appends to one diagnostic bag; nothing throws for a user's mistake. Codegen runs only on a
// policy without errors.

import { type CheckedPolicy, checkPolicy } from './check/check.ts';
import { type Diagnostic, DiagnosticBag, sortDiagnostics } from './diagnostics/diagnostic.ts';
import { buildPolicy } from './model/build.ts';
import { validateStructure } from './schema/validate.ts';
import { type SourceFile, createSourceFile, span } from './source/source.ts';
import { readYaml } from './yaml/read.ts';
import { type RuleSet, generateRuleSet } from './codegen/generate.ts';
import { buildIr } from './ir/build.ts';

/** Policies are hand-written: anything larger is a mistake or an attack, refused before parsing. */
export const MAX_POLICY_BYTES = 2 * 1024 * 1024;

export type PolicyInput = { readonly name: string; readonly text: string } | { readonly name: string; readonly bytes: Uint8Array };

export interface CompileResult {
  readonly file: SourceFile;
  readonly diagnostics: readonly Diagnostic[];
  readonly ok: boolean;
  readonly checked?: CheckedPolicy;
  readonly ruleSet?: RuleSet;
}

export function compile(input: PolicyInput): CompileResult {
  const bag = new DiagnosticBag();
  // 1. Decode.
  const file = decode(input, bag);
  const done = (extra: Partial<CompileResult> = {}): CompileResult => {
    // A duplicate YAML key is also a duplicate name; the YAML message says it better, once.
    const duplicateKeys = new Set(bag.items.filter((d) => d.code === 'L006').map((d) => `${d.span.start}`));
    // A number too large to be finite (1e400) is said once, as such (L038), not also as a malformed amount (L015).
    const tooLarge = new Set(bag.items.filter((d) => d.code === 'L038').map((d) => `${d.span.start}`));
    const diagnostics = sortDiagnostics(bag.items.filter((d) => !(d.code === 'L031' && duplicateKeys.has(`${d.span.start}`)) && !(d.code === 'L015' && tooLarge.has(`${d.span.start}`))));
    return { file, diagnostics, ok: !diagnostics.some((d) => d.severity === 'error'), ...extra };
  };
  if (bag.hasErrors) return done();
  try {
    // 2. YAML with ranges.
    const read = readYaml(file, bag);
    if (!read.doc) return done();
    // 3. Structure against the JSON Schema; later stages are tolerant of what it rejects, so all errors come out.
    validateStructure(file, read.doc, read.data, bag);
    // 4. The parsed policy, expressions parsed.
    const parsed = buildPolicy(file, read.doc, bag);
    // 5. Names, types, units and the policy-level checks.
    const checked = checkPolicy(parsed, bag);
    if (bag.hasErrors) return done({ checked });
    // 6–7. The ordered rule model and the executable rule set.
    const ir = buildIr(checked);
    const ruleSet = generateRuleSet(ir);
    return done({ checked, ruleSet });
  } catch (e) {
    const detail = e instanceof RangeError ? 'nesting too deep / 嵌套过深' : String((e as Error)?.message ?? e).split('\n')[0]!;
    bag.add(e instanceof RangeError ? 'L005' : 'L099', span(file.name, 0, 1), { detail });
    return done();
  }
}

function decode(input: PolicyInput, bag: DiagnosticBag): SourceFile {
  if ('text' in input) {
    if (input.text.length > MAX_POLICY_BYTES) {
      bag.add('L002', span(input.name, 0, 0), { size: input.text.length, limit: MAX_POLICY_BYTES });
      return createSourceFile(input.name, '');
    }
    return createSourceFile(input.name, input.text.replace(/^\uFEFF/, ''));
  }
  if (input.bytes.length > MAX_POLICY_BYTES) {
    bag.add('L002', span(input.name, 0, 0), { size: input.bytes.length, limit: MAX_POLICY_BYTES });
    return createSourceFile(input.name, '');
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(input.bytes);
    return createSourceFile(input.name, text.replace(/^\uFEFF/, ''));
  } catch {
    const text = new TextDecoder('utf-8').decode(input.bytes);
    const bad = text.indexOf('\uFFFD');
    const file = createSourceFile(input.name, text);
    bag.add('L003', span(input.name, Math.max(0, bad), Math.max(0, bad) + 1));
    return file;
  }
}
