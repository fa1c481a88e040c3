// Amounts as numbers in their base unit (percent as a fraction, years as months), and the checks every amount
// gets wherever it appears: blanks left from a template, malformed numbers, full-width digits.

import type { DiagnosticBag } from '../diagnostics/diagnostic.ts';
import type { Amount, Quantity } from '../model/quantity.ts';
import { literalUnit, literalValue, type NumUnit } from './types.ts';
import { literalArgs, literalOutOfRange } from '../expr/literals.ts';
import type { Unit } from '../expr/ast.ts';
import { normalizeExpressionText } from '../expr/normalize.ts';

export interface Measured {
  readonly value: number;
  readonly unit: NumUnit;
  /** Written without a unit. */
  readonly bare: boolean;
}

export function measure(q: Quantity): Measured {
  const lu = literalUnit(q.unit);
  return { value: literalValue(q.value, q.unit), unit: lu.unit, bare: lu.literal };
}

/** A weight as a fraction of the whole: 20% and a bare 20 both mean one fifth. */
export function weightFraction(a: Amount | undefined): number | undefined {
  if (!a || a.kind !== 'quantity') return undefined;
  const m = measure(a.q);
  return m.bare ? m.value / 100 : m.value;
}

export function quantityOf(a: Amount | undefined): Quantity | undefined {
  return a && a.kind === 'quantity' ? a.q : undefined;
}

/** Reports what is wrong with an amount that must be filled in; `what` says what belongs there. */
export function checkAmount(bag: DiagnosticBag, a: Amount | undefined, field: string, what: { en: string; zh: string }, unit?: Unit): void {
  if (!a) return;
  switch (a.kind) {
    case 'blank': bag.add('L014', a.span, { field, what: what.en, whatZh: what.zh }); break;
    case 'malformed': case 'text':
      bag.add('L015', a.span, { value: a.text, expected: what.en, expectedZh: what.zh });
      break;
    case 'quantity':
      if (a.q.fullWidth) bag.add('L016', a.q.span, { text: a.q.text, value: String(a.q.value) });
      checkLiteral(bag, a.q, unit);
      break;
    case 'range':
      if (a.r.min.fullWidth) bag.add('L016', a.r.span, { text: a.r.text, value: `${a.r.min.value}–${a.r.max.value}` });
      checkLiteral(bag, a.r.min, unit);
      checkLiteral(bag, a.r.max, unit);
      if (a.r.min.value > a.r.max.value) bag.add('L085', a.r.span, { text: a.r.text });
      break;
  }
}

/** A number larger or finer than its unit allows (L038); a bare number takes the unit of its place (a row of a money
 * table is money). */
function checkLiteral(bag: DiagnosticBag, q: Quantity, unit: Unit | undefined): void {
  const limit = literalOutOfRange(q.value, q.unit ?? unit ?? null, normalizeExpressionText(q.text).text);
  if (limit) bag.add('L038', q.span, literalArgs(q.text, limit));
}

const PLACEHOLDER = /(?<=[\u4e00-\u9fff])(N|X{1,3}|x{1,3}|_{2,}|＿+|\?|？)(?=[\u4e00-\u9fff])/;

export function checkPlaceholderName(bag: DiagnosticBag, name: string, span: import('../source/source.ts').Span): void {
  const m = PLACEHOLDER.exec(name);
  if (m) bag.add('L017', span, { name, placeholder: m[1]! });
}

/** Money written in the currency the policy does not pay in (45元 with currency: USD, $45 with CNY): the arguments of
 * L098 and the amount as the policy's currency writes it. A policy has one currency, so two never meet in a formula. */
export function foreignMoney(value: number, unit: Unit | null, currency: 'CNY' | 'USD'): { args: { text: string; currency: string; fix: string }; fix: string } | undefined {
  if ((unit === 'yuan' && currency === 'USD') || (unit === 'usd' && currency === 'CNY')) {
    const fix = currency === 'USD' ? `$${value}` : `${value}元`;
    return { args: { text: unit === 'yuan' ? `${value}元` : `$${value}`, currency, fix }, fix };
  }
  return undefined;
}

/** Every amount of a policy written in the currency it does not pay in (table rows, band values, awards, changes,
 * tests …): L098 at the amount. Walks the parsed policy's amounts wherever they are. */
export function checkCurrency(policy: object & { readonly meta: { readonly currency: 'CNY' | 'USD' } }, bag: DiagnosticBag): void {
  const seen = new Set<object>();
  const visit = (x: unknown): void => {
    if (!x || typeof x !== 'object' || seen.has(x)) return;
    seen.add(x);
    const q = x as Partial<Quantity>;
    if (typeof q.value === 'number' && q.span && typeof q.text === 'string' && 'unit' in q) {
      const foreign = foreignMoney(q.value, q.unit ?? null, policy.meta.currency);
      if (foreign) bag.add('L098', q.span, foreign.args, { suggestion: foreign.fix });
      return;
    }
    for (const [k, v] of Object.entries(x)) if (k !== 'file' && k !== 'parsed' && k !== 'source') visit(v);
  };
  visit(policy);
}
