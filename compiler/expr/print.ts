// Prints an expression tree back to canonical text, with parentheses only where precedence needs them.
// print(parse(x)) re-parses to the same tree: the property tests hold it to that.

import type { Expr } from './ast.ts';
import { UNIT_TEXT, isIdentifierText } from './lexer.ts';

/** Binding strength of each kind of expression, weakest first (the words of `ladder doc` use the same order). */
export const PREC = { if: 0, or: 1, and: 2, not: 3, cmp: 4, add: 5, mul: 6, unary: 7, postfix: 8, primary: 9 } as const;

export function precOf(e: Expr): number {
  switch (e.kind) {
    case 'if': return PREC.if;
    case 'binary':
      if (e.op === 'or') return PREC.or;
      if (e.op === 'and') return PREC.and;
      if (e.op === '+' || e.op === '-') return PREC.add;
      if (e.op === '*' || e.op === '/') return PREC.mul;
      return PREC.cmp;
    case 'in': return PREC.cmp;
    case 'unary': return e.op === 'not' ? PREC.not : PREC.unary;
    case 'percentOf': case 'index': case 'member': return PREC.postfix;
    default: return PREC.primary;
  }
}

export function printName(name: string): string {
  if (isIdentifierText(name)) return name;
  return name.includes('」') ? `\`${name}\`` : `「${name}」`;
}

/** A number as plain decimal digits (the lexer reads no exponents), exact for every finite double. */
export function printNumber(value: number): string {
  if (Number.isInteger(value)) return BigInt(value).toString();
  const s = String(value);
  const m = /^(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const digits = m[1]! + (m[2] ?? '');
  const point = m[1]!.length + Number(m[3]);
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return digits + '0'.repeat(point - digits.length);
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}

function wrap(e: Expr, minPrec: number): string {
  const s = printExpression(e);
  return precOf(e) < minPrec ? `(${s})` : s;
}

export function printExpression(e: Expr): string {
  switch (e.kind) {
    case 'number': return printNumber(e.value) + (e.unit ? UNIT_TEXT[e.unit] : '');
    case 'date': return e.text;
    case 'string': return `"${e.value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}"`;
    case 'bool': return e.value ? 'true' : 'false';
    case 'name': return printName(e.name);
    case 'member': return `${wrap(e.object, PREC.postfix)}.${printName(e.name)}`;
    case 'index': return `${wrap(e.object, PREC.postfix)}[${printExpression(e.key)}]`;
    case 'call': return `${printName(e.callee)}(${e.args.map(printExpression).join(', ')})`;
    case 'percentOf':
      // 5% is a literal; a percent of a bare number keeps its parentheses: (5)%.
      return e.operand.kind === 'number' && e.operand.unit === null ? `(${printExpression(e.operand)})%` : `${wrap(e.operand, PREC.postfix)}%`;
    case 'unary':
      return e.op === 'not' ? `not ${wrap(e.operand, PREC.not)}` : `-${wrap(e.operand, PREC.unary)}`;
    case 'binary': {
      const p = precOf(e);
      if (p === PREC.cmp) return `${wrap(e.left, p + 1)} ${e.op} ${wrap(e.right, p + 1)}`;
      return `${wrap(e.left, p)} ${e.op} ${wrap(e.right, p + 1)}`;
    }
    case 'in': return `${wrap(e.value, PREC.cmp + 1)} in ${printExpression(e.range)}`;
    case 'interval': {
      const lo = e.lo ? printExpression(e.lo) : '-∞';
      const hi = e.hi ? printExpression(e.hi) : '∞';
      return `${e.loClosed ? '[' : '('}${lo}, ${hi}${e.hiClosed ? ']' : ')'}`;
    }
    case 'if': return `if ${printExpression(e.cond)} then ${printExpression(e.then)} else ${printExpression(e.else)}`;
  }
}
