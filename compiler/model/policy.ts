// The parsed policy: every section of the YAML file as typed data, every name and value with its span,
// every embedded expression parsed (or undefined where it had a syntax error, already reported).

import type { ParsedExpression } from '../expr/parse.ts';
import type { SourceFile, Span } from '../source/source.ts';
import type { RelativeSource } from '../yaml/nodes.ts';
import type { Amount } from './quantity.ts';

export interface Named {
  readonly name: string;
  readonly span: Span;
}

export interface Formula {
  readonly source: RelativeSource;
  readonly parsed: ParsedExpression | undefined;
}

export type InputType = 'money' | 'percent' | 'number' | 'integer' | 'count' | 'points' | 'months' | 'days' | 'date' | 'boolean' | 'enum' | 'text';

export interface InputDecl extends Named {
  readonly type: InputType;
  readonly label?: string;
  readonly values: readonly Named[];
  readonly ordered: boolean;
  readonly from?: 'employees' | 'monthly';
  /** How a percent is written in the data: 98% / 98 / 0.98; undefined = guess per cell. */
  readonly format?: PercentFormat;
  /** Other words the data uses for the policy's values (`value_aliases: { 客服领班: 客服组长 }`: a company's 领班 is
   * this policy's 组长), read as the value they stand for. */
  readonly valueAliases: readonly { readonly from: Named; readonly to: Named }[];
}

export type PercentFormat = '98%' | '98' | '0.98';

export interface EventDecl extends Named {
  readonly label?: string;
  readonly amount?: Amount;
  /** `amount: { by: tier, rows: { 初级客服: 20~100, … } }`: the amount's range in the tier the person holds in the
   * event's month (A4); an amount outside it is a run error at the event's row. */
  readonly amountByTier?: readonly { readonly tier: Named; readonly amount: Amount }[];
  readonly noteRequired: boolean;
}

export interface TrackDecl extends Named {
  /** The main path first, then each branch; each is an ordered list of tiers, lowest first. */
  readonly paths: readonly (readonly Named[])[];
}

export interface LadderDecl {
  readonly span: Span;
  readonly entry: readonly Named[];
  readonly tracks: readonly TrackDecl[];
  readonly equivalent: readonly (readonly Named[])[];
  /** Which manual moves (promote.manual / demote.manual events) the policy accepts: only its transitions marked
   * `manual: true` (the default), also any one-level move along a path, or any move at all. */
  readonly manualMoves: ManualMoves;
}

export type ManualMoves = 'declared' | 'one_step' | 'any';

export interface ValueDecl extends Named {
  readonly formula: Formula;
  readonly label?: string;
  /** The amount from a month on (dated parameters); the formula is then a plain amount. */
  readonly changes: readonly ValueChange[];
}

export interface ValueChange {
  readonly month: Named;
  readonly amount: Amount;
}

export interface TableRow {
  readonly key: Named;
  readonly value: Amount;
}

export interface TableDecl extends Named {
  /** The declaration's `label` as written (often naming its seed rule id): for documents, not for computing. */
  readonly label?: string;
  readonly by: Named;
  readonly unit?: InputType;
  readonly rows: readonly TableRow[];
  /** Rows that change from a month on (dated parameters), in the order written; `month` as written (YYYY-MM). */
  readonly changes: readonly TableChange[];
  /** A table by number: the value of a key without a row (below, between or above the rows). */
  readonly otherwise?: Amount;
  /** A table by number: a key above the top row reads the top row (`cap_at_top: true`); the span is the field's. */
  readonly capAtTop?: Span;
}

export interface TableChange {
  readonly month: Named;
  readonly rows: readonly TableRow[];
}

export interface Rubric {
  readonly values: readonly number[];
  readonly span: Span;
}

export interface ScoreItem extends Named {
  readonly code?: string;
  readonly points?: Amount;
  readonly weight?: Amount;
  readonly rubric?: Rubric;
}

export interface ScoreSection extends Named {
  readonly weight?: Amount;
  readonly rubric?: Rubric;
  readonly items: readonly ScoreItem[];
}

export interface ScoreSheetDecl extends Named {
  readonly raters: readonly (Named & { readonly weight: Amount })[];
  readonly ratersSpan?: Span;
  readonly base?: Amount;
  readonly cap?: Amount;
  readonly scale: 'points' | 'weighted';
  readonly sections: readonly ScoreSection[];
  readonly sectionsSpan: Span;
}

export interface AdjustmentItem extends Named {
  readonly points?: Amount;
  /** At most this many occurrences count in a month. */
  readonly maxPerMonth?: number;
  readonly cls?: Named;
  readonly dismiss: boolean;
  readonly noteRequired: boolean;
}

export interface Escalation {
  readonly span: Span;
  readonly when: Formula;
  readonly points: Amount;
}

export interface AdjustmentTableDecl extends Named {
  /** The declaration's `label` as written (often naming its seed rule id): for documents, not for computing. */
  readonly label?: string;
  readonly sign: 'deduction' | 'bonus';
  readonly classes: readonly (Named & { readonly dismiss: boolean })[];
  readonly items: readonly AdjustmentItem[];
  readonly escalation: readonly Escalation[];
  readonly cap?: Amount;
}

export interface Band {
  readonly span: Span;
  /** The range as an interval expression; undefined when it could not be read (reported). */
  readonly range: Formula | undefined;
  readonly rangeText: string;
  readonly rangeSpan: Span;
  readonly value: Amount;
}

export interface BandTableDecl extends Named {
  /** The declaration's `label` as written (often naming its seed rule id): for documents, not for computing. */
  readonly label?: string;
  readonly of: Formula;
  readonly domain?: Formula;
  readonly bands: readonly Band[];
  readonly otherwise?: Amount;
}

export interface ThresholdRow {
  readonly star: number;
  readonly span: Span;
  readonly values: readonly (Named & { readonly amount: Amount })[];
}

export interface QuotaDecl {
  readonly span: Span;
  readonly star: number;
  readonly max: Amount;
  readonly label?: string;
  /** Counted within each team (places per team); department-wide when absent. */
  readonly scope?: 'team';
  readonly of?: Formula;
  readonly rankBy?: Formula;
  readonly tieBreak: readonly Formula[];
}

export interface StarOverride {
  readonly span: Span;
  readonly when: Formula;
  readonly raise?: number;
  readonly lower?: number;
  readonly set?: number;
  /** Re-rates: the star (before raises and drops) becomes this formula's value from the month it fires until the next
   * rating (C12: a lead's star set from the three monthly scores before regularisation). */
  readonly rate?: Formula;
  /** How many months from the one it fires in, or 'quarter': to the end of that quarter (C11: "for the quarter"). */
  readonly months: number | 'quarter';
}

export type Period = 'month' | 'quarter' | 'year';
export type TakesEffect = 'immediately' | 'next_month' | 'next_quarter' | 'next_year';

export interface StarsDecl {
  readonly span: Span;
  readonly min: number;
  readonly max: number;
  readonly evaluate: Period;
  readonly takesEffect: TakesEffect;
  readonly initial?: Formula;
  readonly gates: readonly { readonly span: Span; readonly unless: Formula; readonly max: number }[];
  readonly thresholdKeys: readonly (Named & { readonly formula: Formula })[];
  readonly thresholdRows: readonly ThresholdRow[];
  readonly rules: readonly { readonly span: Span; readonly when: Formula; readonly star: Formula }[];
  readonly quota: readonly QuotaDecl[];
  readonly overrides: readonly StarOverride[];
}

export interface TransitionDecl {
  readonly span: Span;
  /** The declaration's `label` as written (often naming its seed rule id): for documents, not for computing. */
  readonly label?: string;
  readonly direction: 'promotion' | 'demotion';
  /** `from: any` (任意职级): from every tier the move goes the transition's way from (a demotion from every tier
   * above `to`), so "无论原职级，一律回到见习客服" is one declaration. */
  readonly from: Named;
  readonly fromAny: boolean;
  readonly to: Named;
  readonly when?: Formula;
  readonly manual: boolean;
  readonly evaluate: Period;
  readonly takesEffect: TakesEffect;
}

export interface PlacementDecl {
  readonly span: Span;
  /** The declaration's `label` as written (often naming its seed rule id): for documents, not for computing. */
  readonly label?: string;
  readonly tier: Named;
  readonly when: Formula;
}

export interface PayLineDecl extends Named {
  readonly formula: Formula;
  readonly when?: Formula;
  readonly min?: Amount;
  readonly max?: Amount;
  readonly afterMonths?: number;
  readonly label?: string;
}

export interface AwardDecl extends Named {
  /** The declaration's `label` as written (often naming its seed rule id): for documents, not for computing. */
  readonly label?: string;
  readonly amount?: Amount;
  readonly among?: Formula;
  readonly by: Formula;
  readonly top?: Amount;
  readonly tieBreak: readonly Formula[];
  readonly period: Period;
}

export interface FlagDecl extends Named {
  /** The declaration's `label` as written (often naming its seed rule id): for documents, not for computing. */
  readonly label?: string;
  readonly when: Formula;
  readonly level: 'dismissal' | 'warning' | 'talk' | 'info';
}

export interface TestEvent {
  readonly kind: Named;
  readonly count: number;
  readonly amount?: number;
  readonly source?: string;
  readonly note?: string;
}

export interface TestCase extends Named {
  readonly month?: string;
  readonly state: { readonly tier?: Named; readonly track?: Named; readonly star?: number; readonly tenure?: number; readonly monthsInTier?: number; readonly regular?: boolean;
    /** The person leaves this month (a leave date on its 15th), or the dates themselves (YYYY-MM-DD). */
    readonly leavesThisMonth?: boolean; readonly hireDate?: string; readonly leaveDate?: string };
  readonly inputs: readonly (Named & { readonly value: unknown; readonly valueSpan: Span })[];
  readonly events: readonly TestEvent[];
  readonly expect: {
    readonly total?: Amount;
    readonly pay: readonly (Named & { readonly amount: Amount })[];
    readonly values: readonly (Named & { readonly value: unknown; readonly valueSpan: Span })[];
    readonly grade?: Named;
    readonly star?: number;
    readonly tier?: Named;
    readonly flags?: readonly Named[];
  };
}

export interface PolicyMeta {
  readonly name: string;
  readonly company?: string;
  /** `policy.description`: what the scheme is, in its own words (for documents). */
  readonly description?: string;
  readonly version?: string;
  readonly effectiveFrom?: Named;
  readonly effectiveTo?: Named;
  readonly rounding: 'half-up' | 'half-even' | 'down' | 'up';
  /** Money is rounded to this many yuan: 0.01 (分) by default. */
  readonly precision: number;
  /** The currency money is paid in: CNY (default) or USD; amounts of the other are L098. Both have 2 minor places. */
  readonly currency: 'CNY' | 'USD';
}

export interface ParsedPolicy {
  readonly file: SourceFile;
  readonly meta: PolicyMeta;
  readonly inputs: readonly InputDecl[];
  readonly events: readonly EventDecl[];
  readonly ladder?: LadderDecl;
  readonly values: readonly ValueDecl[];
  readonly tables: readonly TableDecl[];
  readonly scoreSheets: readonly ScoreSheetDecl[];
  readonly adjustments: readonly AdjustmentTableDecl[];
  readonly bands: readonly BandTableDecl[];
  readonly stars?: StarsDecl;
  readonly transitions: readonly TransitionDecl[];
  readonly placement: readonly PlacementDecl[];
  readonly probation?: ProbationDecl;
  readonly pay: readonly PayLineDecl[];
  readonly awards: readonly AwardDecl[];
  readonly flags: readonly FlagDecl[];
  /** `outputs: { score, grade }`: the values the results show as their score and grade columns. */
  readonly outputs: OutputsDecl;
  readonly tests: readonly TestCase[];
}

export interface OutputsDecl {
  readonly score?: Named;
  readonly grade?: Named;
}

/** Probation ended by a rule (C7 "连续 2 个月 ≥ 70 分给予转正"), beside a regular_date in the data: regular from the
 * month the rule first holds (this_month) or the month after (next_month). */
export interface ProbationDecl {
  readonly span: Span;
  readonly endsWhen: Formula;
  readonly takesEffect: 'this_month' | 'next_month';
}
