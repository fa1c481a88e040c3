// The expression tree. Every node has an id (types and resolved names live in side tables keyed by it) and
// a [start, end) range in the normalised expression text.

export type Unit = 'yuan' | 'usd' | 'percent' | 'permille' | 'months' | 'years' | 'quarters' | 'days' | 'points' | 'times' | 'stars' | 'people';

export type BinaryOp = '+' | '-' | '*' | '/' | '=' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or';

interface Base {
  readonly id: number;
  readonly start: number;
  readonly end: number;
}

export interface NumberLit extends Base { readonly kind: 'number'; readonly value: number; readonly unit: Unit | null }
/** A calendar date `2026-07-01`: its day number (days since 1970-01-01; NaN for a day no calendar has). */
export interface DateLit extends Base { readonly kind: 'date'; readonly day: number; readonly text: string }
export interface StringLit extends Base { readonly kind: 'string'; readonly value: string }
export interface BoolLit extends Base { readonly kind: 'bool'; readonly value: boolean }
/** A name: an identifier (Chinese allowed) or a quoted name (`…` / 「…」) for names with punctuation. */
export interface NameRef extends Base { readonly kind: 'name'; readonly name: string; readonly quoted: boolean }
/** `a.b`: a section of a score sheet, an item of a section, or a dotted event kind such as praise.company. */
export interface Member extends Base { readonly kind: 'member'; readonly object: Expr; readonly name: string; readonly nameStart: number }
/** `table[key]`. */
export interface Index extends Base { readonly kind: 'index'; readonly object: Expr; readonly key: Expr }
export interface Call extends Base { readonly kind: 'call'; readonly callee: string; readonly calleeEnd: number; readonly args: readonly Expr[] }
export interface Unary extends Base { readonly kind: 'unary'; readonly op: '-' | 'not'; readonly operand: Expr }
/** `x%`: a number read as a percent (85 → 85%). */
export interface PercentOf extends Base { readonly kind: 'percentOf'; readonly operand: Expr }
export interface Binary extends Base { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr }
/** An interval with each edge's closure stated: [a, b), (a, b], [a, ∞). A missing bound is unbounded. */
export interface Interval extends Base {
  readonly kind: 'interval';
  readonly lo: Expr | null;
  readonly hi: Expr | null;
  readonly loClosed: boolean;
  readonly hiClosed: boolean;
}
export interface InRange extends Base { readonly kind: 'in'; readonly value: Expr; readonly range: Interval }
export interface IfExpr extends Base { readonly kind: 'if'; readonly cond: Expr; readonly then: Expr; readonly else: Expr }

export type Expr = NumberLit | DateLit | StringLit | BoolLit | NameRef | Member | Index | Call | Unary | PercentOf | Binary | Interval | InRange | IfExpr;

/** Children of a node, in source order. */
export function childrenOf(e: Expr): Expr[] {
  switch (e.kind) {
    case 'number': case 'date': case 'string': case 'bool': case 'name': return [];
    case 'member': return [e.object];
    case 'index': return [e.object, e.key];
    case 'call': return [...e.args];
    case 'unary': case 'percentOf': return [e.operand];
    case 'binary': return [e.left, e.right];
    case 'interval': return [e.lo, e.hi].filter((x): x is Expr => x !== null);
    case 'in': return [e.value, e.range];
    case 'if': return [e.cond, e.then, e.else];
  }
}

/** The dotted path of a name or member chain (`praise.company` → ['praise','company']), or undefined. */
export function dottedPath(e: Expr): string[] | undefined {
  if (e.kind === 'name') return [e.name];
  if (e.kind === 'member') {
    const head = dottedPath(e.object);
    return head ? [...head, e.name] : undefined;
  }
  return undefined;
}
