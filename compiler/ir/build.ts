// The ordered rule model: what the executable rule set computes each month and in which order, with every
// name already resolved to an index (inputs, event kinds, tables). Codegen reads only this.

import type { CheckedPolicy } from '../check/check.ts';
import type { CheckedFormula } from '../check/formulas.ts';
import { type ComputedRef, inputType } from '../check/scope.ts';
import { T, type Type } from '../check/types.ts';
import type * as P from '../model/policy.ts';
import { itemColumns } from '../model/columns.ts';

export interface IrInput {
  readonly name: string;
  readonly type: Type;
  readonly declared: P.InputType | 'points';
  /** Other column names for the same input: an item's short code (with its rater). */
  readonly aliases: readonly string[];
  /** Data words read as the policy's values (an enum or text input's `value_aliases`). */
  readonly valueAliases?: ReadonlyMap<string, string>;
  /** Score-sheet item ratings are inputs too: one column per item (and rater). */
  readonly item?: { readonly sheet: number; readonly section: number; readonly item: number; readonly rater?: string };
}

export interface RuleIr {
  readonly checked: CheckedPolicy;
  readonly meta: P.PolicyMeta;
  readonly inputs: readonly IrInput[];
  /** Event kinds the rule set reads, by index. */
  readonly eventKinds: readonly string[];
  readonly order: readonly ComputedRef[];
  readonly formulaOf: (f: P.Formula) => CheckedFormula | undefined;
}

export function buildIr(checked: CheckedPolicy): RuleIr {
  const policy = checked.policy;
  const inputs: IrInput[] = policy.inputs.map((decl) => ({
    name: decl.name, type: inputType(decl), declared: decl.type, aliases: decl.label ? [decl.label] : [],
    ...(decl.valueAliases.length ? { valueAliases: new Map(decl.valueAliases.map((a) => [a.from.name, a.to.name])) } : {}),
  }));
  policy.scoreSheets.forEach((sheet, si) => sheet.sections.forEach((section, ci) => section.items.forEach((item, ii) => {
    for (const c of itemColumns(sheet, section, item)) {
      inputs.push({ name: c.name, type: T.points, declared: 'points', aliases: c.aliases, item: { sheet: si, section: ci, item: ii, ...(c.rater ? { rater: c.rater } : {}) } });
    }
  })));
  const eventKinds = [...checked.scope.events, ...checked.scope.sourcedEvents].sort();
  return { checked, meta: policy.meta, inputs, eventKinds, order: checked.order, formulaOf: (f) => checked.formulas.get(f) };
}
