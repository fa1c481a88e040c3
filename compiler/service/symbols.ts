// What an editor needs to know about the names a policy can use: every name with its kind, its type, its
// documentation in Chinese and English and, for the policy's own names, where it is defined. Completion, hover and
// go-to-definition in the playground read this; it is plain data so it crosses a Web Worker boundary as it is.

import type { CheckedPolicy } from '../check/check.ts';
import { CONSTANTS, FUNCTIONS, STANDARD_EVENTS, STATE } from '../check/builtins.ts';
import { type SymbolRef, computedKey, isComputed } from '../check/scope.ts';
import { type Type, describe } from '../check/types.ts';
import type * as P from '../model/policy.ts';

export type NameKind =
  | 'function' | 'state' | 'period' | 'scope' | 'keyword' | 'input' | 'value' | 'payLine' | 'band' | 'flag' | 'award'
  | 'table' | 'scoreSheet' | 'section' | 'item' | 'deductions' | 'event' | 'class' | 'tier' | 'track' | 'enumMember';

export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

export interface PolicyName {
  readonly name: string;
  readonly kind: NameKind;
  /** Other spellings of the same name (中文 aliases of built-ins). */
  readonly aliases: readonly string[];
  readonly type?: Bilingual;
  readonly doc?: Bilingual;
  /** For functions: how they are called. */
  readonly signature?: string;
  readonly example?: string;
  /** Offsets of the definition in the policy text (the policy's own names only). */
  readonly definedAt?: { readonly start: number; readonly end: number };
}

const KIND_TEXT: Readonly<Record<NameKind, Bilingual>> = {
  function: { zh: '函数', en: 'function' }, state: { zh: '人员状态', en: 'person state' }, period: { zh: '期间', en: 'period' },
  scope: { zh: '范围', en: 'scope' }, keyword: { zh: '关键字', en: 'keyword' }, input: { zh: '输入', en: 'input' },
  value: { zh: '计算值', en: 'value' }, payLine: { zh: '工资项', en: 'pay line' }, band: { zh: '档位表', en: 'band table' },
  flag: { zh: '标记', en: 'flag' }, award: { zh: '奖项', en: 'award' }, table: { zh: '查表', en: 'table' },
  scoreSheet: { zh: '评分表', en: 'score sheet' }, section: { zh: '评分表分项', en: 'score-sheet section' },
  item: { zh: '评分项', en: 'score item' }, deductions: { zh: '扣分表', en: 'deduction table' }, event: { zh: '事件', en: 'event' },
  class: { zh: '违规等级', en: 'violation class' }, tier: { zh: '职级', en: 'tier' }, track: { zh: '序列', en: 'track' },
  enumMember: { zh: '枚举取值', en: 'enum value' },
};

export function kindText(kind: NameKind): Bilingual {
  return KIND_TEXT[kind];
}

/** Keywords of the expression language, English and Chinese spellings. */
export const KEYWORDS: readonly (readonly [string, string])[] = [
  ['if', '如果'], ['then', '那么'], ['elif', '否则如果'], ['else', '否则'], ['and', '并且'], ['or', '或者'], ['not', '非'],
  ['in', '属于'], ['true', '真'], ['false', '假'],
];

const builtins: readonly PolicyName[] = [
  ...FUNCTIONS.map((f): PolicyName => ({ name: f.name, kind: 'function', aliases: f.aliases, signature: f.signature, doc: { zh: f.zh, en: f.en }, example: f.example })),
  ...STATE.map((s): PolicyName => ({ name: s.name, kind: 'state', aliases: s.aliases, type: describe(s.type), doc: { zh: s.zh, en: s.en }, example: s.example })),
  ...CONSTANTS.map((c): PolicyName => ({ name: c.name, kind: c.period ? 'period' : 'scope', aliases: c.aliases, type: describe(c.type), doc: { zh: c.zh, en: c.en }, example: c.example })),
  ...STANDARD_EVENTS.map(([name, zh]): PolicyName => ({ name, kind: 'event', aliases: [], doc: { zh, en: `standard event: ${name}` } })),
  ...KEYWORDS.map(([en, zh]): PolicyName => ({ name: en, kind: 'keyword', aliases: [zh] })),
];

/** Names every policy can use: functions, the person's state, periods, scopes, standard events, keywords. */
export function builtinNames(): readonly PolicyName[] {
  return builtins;
}

/** The names a checked policy defines, each with its type and where it is defined. */
export function policyNames(checked: CheckedPolicy): PolicyName[] {
  const { scope } = checked;
  const typeOf = (ref: SymbolRef): Bilingual | undefined => {
    const t: Type | undefined = isComputed(ref) ? checked.computedTypes.get(computedKey(ref)) : undefined;
    return t && t.k !== 'error' ? describe(t) : undefined;
  };
  const out: PolicyName[] = [];
  for (const [name, span] of scope.definedAt) {
    const ref = scope.symbols.get(name);
    if (!ref) continue;
    const named = describeRef(ref, typeOf);
    if (!named) continue;
    out.push({ name, aliases: [], ...named, definedAt: { start: span.start, end: span.end } });
  }
  // Sections, items and violation classes are reachable by name but not "defined" as top-level names.
  for (const [name, ref] of scope.symbols) {
    if (scope.definedAt.has(name) || (ref.kind !== 'section' && ref.kind !== 'item' && ref.kind !== 'class')) continue;
    const named = describeRef(ref, typeOf);
    if (!named) continue;
    const at = definitionOf(checked, ref);
    out.push({ name, aliases: [], ...named, ...(at ? { definedAt: at } : {}) });
  }
  return out;
}

type Described = Pick<PolicyName, 'kind' | 'type' | 'doc'>;

function describeRef(ref: SymbolRef, typeOf: (ref: SymbolRef) => Bilingual | undefined): Described | undefined {
  const label = (l: string | undefined): Bilingual | undefined => (l ? { zh: l, en: l } : undefined);
  const money = describe({ k: 'num', unit: 'money' });
  const points = describe({ k: 'num', unit: 'points' });
  switch (ref.kind) {
    case 'input': return { kind: 'input', type: describe(ref.type), doc: label(ref.decl.label) };
    case 'value': return { kind: 'value', type: typeOf(ref), doc: label(ref.decl.label) };
    case 'payLine': return { kind: 'payLine', type: money, doc: label(ref.decl.label) };
    case 'band': return { kind: 'band', type: typeOf(ref) };
    case 'flag': return { kind: 'flag', type: describe({ k: 'bool' }) };
    case 'award': return { kind: 'award', type: money };
    case 'table': return { kind: 'table', type: ref.decl.unit ? { zh: `表（${ref.decl.unit}）`, en: `table of ${ref.decl.unit}` } : describe({ k: 'table' }) };
    case 'sheet': return { kind: 'scoreSheet', type: points };
    case 'section': return { kind: 'section', type: points };
    case 'item': return { kind: 'item', type: points };
    case 'adjustments': return { kind: 'deductions', type: points };
    case 'event': return { kind: 'event', type: describe({ k: 'event' }) };
    case 'class': return { kind: 'class', type: describe({ k: 'class' }) };
    case 'tier': return { kind: 'tier', type: describe({ k: 'tier' }) };
    case 'track': return { kind: 'track', type: describe({ k: 'track' }) };
    case 'enumMember': return { kind: 'enumMember', type: describe(ref.type) };
    case 'state': case 'const': return undefined; // built-ins: listed by builtinNames()
  }
}

function definitionOf(checked: CheckedPolicy, ref: SymbolRef): { start: number; end: number } | undefined {
  const p = checked.policy;
  const at = (n: P.Named | undefined) => (n ? { start: n.span.start, end: n.span.end } : undefined);
  switch (ref.kind) {
    case 'section': return at(p.scoreSheets[ref.sheet]?.sections[ref.section]);
    case 'item': return at(p.scoreSheets[ref.sheet]?.sections[ref.section]?.items[ref.item]);
    case 'class': return at(p.adjustments[ref.table]?.classes.find((c) => c.name === ref.name));
    default: return undefined;
  }
}
