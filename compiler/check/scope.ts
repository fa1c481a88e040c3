// The names a policy defines, and what each refers to. Built once per policy; duplicate definitions are reported.

import type { DiagnosticBag } from '../diagnostics/diagnostic.ts';
import type * as P from '../model/policy.ts';
import type { Span } from '../source/source.ts';
import { CONSTANTS, type ConstDoc, STANDARD_EVENTS, STATE } from './builtins.ts';
import { T, type Type } from './types.ts';

export type SymbolRef =
  | { readonly kind: 'input'; readonly index: number; readonly decl: P.InputDecl; readonly type: Type }
  | { readonly kind: 'state'; readonly name: string; readonly type: Type }
  | { readonly kind: 'const'; readonly doc: ConstDoc; readonly type: Type }
  | { readonly kind: 'value'; readonly index: number; readonly decl: P.ValueDecl }
  | { readonly kind: 'payLine'; readonly index: number; readonly decl: P.PayLineDecl }
  | { readonly kind: 'band'; readonly index: number; readonly decl: P.BandTableDecl }
  | { readonly kind: 'flag'; readonly index: number; readonly decl: P.FlagDecl }
  | { readonly kind: 'award'; readonly index: number; readonly decl: P.AwardDecl }
  | { readonly kind: 'table'; readonly index: number; readonly decl: P.TableDecl }
  | { readonly kind: 'sheet'; readonly index: number; readonly decl: P.ScoreSheetDecl }
  | { readonly kind: 'section'; readonly sheet: number; readonly section: number }
  | { readonly kind: 'item'; readonly sheet: number; readonly section: number; readonly item: number }
  | { readonly kind: 'adjustments'; readonly index: number; readonly decl: P.AdjustmentTableDecl }
  | { readonly kind: 'event'; readonly name: string }
  | { readonly kind: 'class'; readonly table: number; readonly name: string }
  | { readonly kind: 'tier'; readonly name: string }
  | { readonly kind: 'track'; readonly name: string }
  | { readonly kind: 'enumMember'; readonly type: Type; readonly value: string };

/** Symbols whose value is computed from a formula: they take part in dependency order and cycle detection. */
export type ComputedRef = Extract<SymbolRef, { kind: 'value' | 'payLine' | 'band' | 'flag' | 'award' | 'adjustments' | 'sheet' }>;

export function computedKey(ref: ComputedRef): string {
  return `${ref.kind}:${ref.index}`;
}

export function isComputed(ref: SymbolRef): ref is ComputedRef {
  return ref.kind === 'value' || ref.kind === 'payLine' || ref.kind === 'band' || ref.kind === 'flag' || ref.kind === 'award' || ref.kind === 'adjustments' || ref.kind === 'sheet';
}

export function inputType(decl: P.InputDecl): Type {
  switch (decl.type) {
    case 'money': return T.money;
    case 'percent': return T.percent;
    case 'number': case 'integer': return T.number;
    case 'count': return T.count;
    case 'points': return T.points;
    case 'months': return T.months;
    case 'days': return T.days;
    case 'date': return T.date;
    case 'boolean': return T.bool;
    case 'text': return T.text;
    case 'enum': return { k: 'enum', of: decl.name, values: decl.values.map((v) => v.name), ordered: decl.ordered };
    default: return T.error; // an unknown type name, reported by the schema stage
  }
}

/** The state and constant names, with their aliases: what a formula reads without a declaration. */
const BUILTIN_NAMES: ReadonlyMap<string, { readonly name: string; readonly en: string; readonly zh: string }> = new Map(
  [...STATE, ...CONSTANTS].flatMap((d) => [d.name, ...d.aliases].map((n) => [n, d] as const)),
);

export class Scope {
  readonly symbols = new Map<string, SymbolRef>();
  /** Where each user-defined name was defined, for duplicate reports and go-to-definition. */
  readonly definedAt = new Map<string, Span>();
  readonly tiers: string[] = [];
  readonly tracks: string[] = [];
  readonly events = new Set<string>();
  /** Event kinds narrowed to one source (title.优秀客服), as the runtime aggregates them: `kind\u0000source`. */
  readonly sourcedEvents = new Set<string>();

  sourcedEvent(kind: string, source: string): SymbolRef {
    const name = `${kind}\u0000${source}`;
    this.sourcedEvents.add(name);
    return { kind: 'event', name };
  }

  /** The currency the policy pays in: money written in the other is L098. */
  readonly currency: P.PolicyMeta['currency'];

  /** The policy's star levels, when it rates stars: a star written in a formula must lie within them (L036). */
  readonly starLevels: { readonly min: number; readonly max: number } | undefined;

  constructor(private readonly policy: P.ParsedPolicy, private readonly bag: DiagnosticBag) {
    this.starLevels = policy.stars ? { min: policy.stars.min, max: policy.stars.max } : undefined;
    this.currency = policy.meta.currency;
    for (const s of STATE) for (const n of [s.name, ...s.aliases]) this.symbols.set(n, { kind: 'state', name: s.name, type: s.type });
    for (const c of CONSTANTS) for (const n of [c.name, ...c.aliases]) this.symbols.set(n, { kind: 'const', doc: c, type: c.type });
    for (const [name] of STANDARD_EVENTS) this.setEvent(name);
    this.declareAll();
  }

  private define(name: string, span: Span, ref: SymbolRef): void {
    if (name === '') {
      this.bag.add('L014', span, { field: '(name)', what: 'a name', whatZh: '名称' });
      return;
    }
    // A name of the language (tier, 职级, team …) defined again would silently hide the built-in in every formula.
    const builtin = BUILTIN_NAMES.get(name);
    if (builtin) {
      this.bag.add('L039', span, { name, builtin: builtin.name, en: builtin.en, zh: builtin.zh });
      return;
    }
    const prior = this.definedAt.get(name);
    if (prior) {
      this.bag.add('L031', span, { name }, { related: [{ span: prior, zh: `“${name}”首次定义于此`, en: `'${name}' is first defined here` }] });
      return;
    }
    this.definedAt.set(name, span);
    this.symbols.set(name, ref);
  }

  private setEvent(name: string): void {
    this.events.add(name);
    if (!this.symbols.has(name)) this.symbols.set(name, { kind: 'event', name });
  }

  private declareAll(): void {
    const p = this.policy;
    for (const ladder of p.ladder ? [p.ladder] : []) {
      for (const track of ladder.tracks) {
        this.tracks.push(track.name);
        this.define(track.name, track.span, { kind: 'track', name: track.name });
        for (const path of track.paths) for (const tier of path) {
          if (!this.tiers.includes(tier.name)) {
            this.tiers.push(tier.name);
            this.define(tier.name, tier.span, { kind: 'tier', name: tier.name });
          }
        }
      }
    }
    p.inputs.forEach((decl, index) => this.define(decl.name, decl.span, { kind: 'input', index, decl, type: inputType(decl) }));
    for (const ev of p.events) {
      if (this.definedAt.has(ev.name)) this.define(ev.name, ev.span, { kind: 'event', name: ev.name });
      else { this.definedAt.set(ev.name, ev.span); this.setEvent(ev.name); this.symbols.set(ev.name, { kind: 'event', name: ev.name }); }
    }
    p.values.forEach((decl, index) => this.define(decl.name, decl.span, { kind: 'value', index, decl }));
    p.tables.forEach((decl, index) => this.define(decl.name, decl.span, { kind: 'table', index, decl }));
    p.scoreSheets.forEach((decl, index) => {
      this.define(decl.name, decl.span, { kind: 'sheet', index, decl });
      decl.sections.forEach((section, si) => {
        this.symbols.set(`${decl.name}.${section.name}`, { kind: 'section', sheet: index, section: si });
        if (!this.symbols.has(section.name)) this.symbols.set(section.name, { kind: 'section', sheet: index, section: si });
        section.items.forEach((item, ii) => {
          const ref: SymbolRef = { kind: 'item', sheet: index, section: si, item: ii };
          this.symbols.set(`${decl.name}.${section.name}.${item.name}`, ref);
          this.symbols.set(`${section.name}.${item.name}`, ref);
          if (item.code && !this.symbols.has(item.code)) this.symbols.set(item.code, ref);
        });
      });
    });
    p.adjustments.forEach((decl, index) => {
      this.define(decl.name, decl.span, { kind: 'adjustments', index, decl });
      for (const cls of decl.classes) if (!this.symbols.has(cls.name)) this.symbols.set(cls.name, { kind: 'class', table: index, name: cls.name });
      for (const item of decl.items) this.setEvent(item.name);
    });
    p.bands.forEach((decl, index) => this.define(decl.name, decl.span, { kind: 'band', index, decl }));
    p.pay.forEach((decl, index) => this.define(decl.name, decl.span, { kind: 'payLine', index, decl }));
    p.awards.forEach((decl, index) => this.define(decl.name, decl.span, { kind: 'award', index, decl }));
    p.flags.forEach((decl, index) => this.define(decl.name, decl.span, { kind: 'flag', index, decl }));
  }

  lookup(name: string): SymbolRef | undefined {
    return this.symbols.get(name);
  }

  /** Names a person could have meant: everything but the aliases of dotted paths. */
  names(): string[] {
    return [...this.symbols.keys()];
  }
}
