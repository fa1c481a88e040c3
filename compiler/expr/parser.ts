// The expression grammar (chevrotain) building the tree directly; one parser instance is reused.
//   expression  := if | or
//   if          := 'if' expression 'then' expression ('elif' expression 'then' expression)* 'else' expression
//   or          := and ('or' and)*          and := not ('and' not)*          not := 'not' not | comparison
//   comparison  := additive (cmp additive | 'in' interval)?
//   additive    := multiplicative (('+'|'-') multiplicative)*
//   multiplicative := unary (('*'|'/') unary)*            unary := '-' unary | postfix
//   postfix     := primary ('%' | '[' expression ']' | '.' name)*
//   primary     := number | string | true | false | name ('(' args ')')? | '(' expression ')' | interval

import { EmbeddedActionsParser, type IToken } from 'chevrotain';
import type { BinaryOp, Expr, Interval } from './ast.ts';
import * as T from './lexer.ts';

type WithoutId<E> = E extends unknown ? Omit<E, 'id'> : never;

const CMP: Record<string, BinaryOp> = { Ge: '>=', Le: '<=', Ne: '!=', Eq: '=', Gt: '>', Lt: '<' };

class ExpressionParser extends EmbeddedActionsParser {
  private nextId = 0;

  constructor() {
    super(T.allTokens, { maxLookahead: 3 });
    this.performSelfAnalysis();
  }

  resetIds(): void {
    this.nextId = 0;
  }

  private node<E extends Expr>(e: WithoutId<E>): E {
    // The id is added to the literal the rule built, not copied into a new object: parsing a large policy makes
    // tens of thousands of nodes.
    (e as { id?: number }).id = this.nextId++;
    return e as unknown as E;
  }

  public expression = this.RULE('expression', (): Expr => this.OR([
    { ALT: () => this.SUBRULE(this.ifExpr) },
    { ALT: () => this.SUBRULE(this.orExpr) },
  ]));

  private ifExpr = this.RULE('ifExpr', (): Expr => {
    const first = this.CONSUME(T.If);
    const conds: Expr[] = [this.SUBRULE1(this.expression)];
    this.CONSUME(T.Then);
    const thens: Expr[] = [this.SUBRULE2(this.expression)];
    this.MANY(() => {
      this.CONSUME(T.Elif);
      conds.push(this.SUBRULE3(this.expression));
      this.CONSUME2(T.Then);
      thens.push(this.SUBRULE4(this.expression));
    });
    this.CONSUME(T.Else);
    const otherwise = this.SUBRULE5(this.expression);
    return this.ACTION(() => {
      let result = otherwise;
      for (let i = conds.length - 1; i >= 0; i--) {
        const start = i === 0 ? first.startOffset : conds[i]!.start;
        result = this.node({ kind: 'if', cond: conds[i]!, then: thens[i]!, else: result, start, end: otherwise.end });
      }
      return result;
    });
  });

  private orExpr = this.RULE('orExpr', (): Expr => {
    let left = this.SUBRULE(this.andExpr);
    this.MANY(() => {
      this.CONSUME(T.Or);
      const right = this.SUBRULE2(this.andExpr);
      left = this.ACTION(() => this.node({ kind: 'binary', op: 'or', left, right, start: left.start, end: right.end }));
    });
    return left;
  });

  private andExpr = this.RULE('andExpr', (): Expr => {
    let left = this.SUBRULE(this.notExpr);
    this.MANY(() => {
      this.CONSUME(T.And);
      const right = this.SUBRULE2(this.notExpr);
      left = this.ACTION(() => this.node({ kind: 'binary', op: 'and', left, right, start: left.start, end: right.end }));
    });
    return left;
  });

  private notExpr = this.RULE('notExpr', (): Expr => this.OR([
    {
      ALT: () => {
        const t = this.CONSUME(T.Not);
        const operand = this.SUBRULE(this.notExpr);
        return this.ACTION(() => this.node({ kind: 'unary', op: 'not', operand, start: t.startOffset, end: operand.end }));
      },
    },
    { ALT: () => this.SUBRULE(this.comparison) },
  ]));

  private comparison = this.RULE('comparison', (): Expr => {
    const left = this.SUBRULE(this.additive);
    let result: Expr = left;
    this.OPTION(() => this.OR([
      {
        ALT: () => {
          const t = this.CONSUME(T.CmpOp);
          const right = this.SUBRULE2(this.additive);
          result = this.ACTION(() => this.node({ kind: 'binary', op: CMP[t.tokenType.name]!, left, right, start: left.start, end: right.end }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.In);
          const range = this.SUBRULE(this.interval);
          result = this.ACTION(() => this.node({ kind: 'in', value: left, range, start: left.start, end: range.end }));
        },
      },
    ]));
    return result;
  });

  private additive = this.RULE('additive', (): Expr => {
    let left = this.SUBRULE(this.multiplicative);
    this.MANY(() => {
      const op = this.OR([{ ALT: () => this.CONSUME(T.Plus) }, { ALT: () => this.CONSUME(T.Minus) }]);
      const right = this.SUBRULE2(this.multiplicative);
      left = this.ACTION(() => this.node({ kind: 'binary', op: op.image === '+' ? '+' : '-', left, right, start: left.start, end: right.end }));
    });
    return left;
  });

  private multiplicative = this.RULE('multiplicative', (): Expr => {
    let left = this.SUBRULE(this.unary);
    this.MANY(() => {
      const op = this.OR([{ ALT: () => this.CONSUME(T.Times) }, { ALT: () => this.CONSUME(T.Divide) }]);
      const right = this.SUBRULE2(this.unary);
      left = this.ACTION(() => this.node({ kind: 'binary', op: op.tokenType === T.Times ? '*' : '/', left, right, start: left.start, end: right.end }));
    });
    return left;
  });

  private unary = this.RULE('unary', (): Expr => this.OR([
    {
      ALT: () => {
        const t = this.CONSUME(T.Minus);
        const operand = this.SUBRULE(this.unary);
        return this.ACTION(() => this.node({ kind: 'unary', op: '-', operand, start: t.startOffset, end: operand.end }));
      },
    },
    { ALT: () => this.SUBRULE(this.postfix) },
  ]));

  private postfix = this.RULE('postfix', (): Expr => {
    let e = this.SUBRULE(this.primary);
    this.MANY(() => this.OR([
      {
        ALT: () => {
          const t = this.CONSUME(T.Percent);
          e = this.ACTION(() => this.node({ kind: 'percentOf', operand: e, start: e.start, end: tokEnd(t) }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.LBracket);
          const key = this.SUBRULE(this.expression);
          const close = this.CONSUME(T.RBracket);
          e = this.ACTION(() => this.node({ kind: 'index', object: e, key, start: e.start, end: tokEnd(close) }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Dot);
          const name = this.OR2([{ ALT: () => this.CONSUME(T.Identifier) }, { ALT: () => this.CONSUME(T.QuotedName) }]);
          e = this.ACTION(() => this.node({ kind: 'member', object: e, name: nameText(name), nameStart: name.startOffset, start: e.start, end: tokEnd(name) }));
        },
      },
    ]));
    return e;
  });

  private primary = this.RULE('primary', (): Expr => this.OR({ IGNORE_AMBIGUITIES: true, DEF: [
    {
      ALT: () => {
        const t = this.CONSUME(T.NumberLit);
        return this.ACTION(() => {
          const { value, unit } = T.parseNumberToken(t.image);
          return this.node({ kind: 'number', value, unit, start: t.startOffset, end: tokEnd(t) });
        });
      },
    },
    {
      ALT: () => {
        const t = this.CONSUME(T.DateLit);
        return this.ACTION(() => this.node({ kind: 'date', day: T.dateTokenDay(t.image), text: t.image, start: t.startOffset, end: tokEnd(t) }));
      },
    },
    {
      ALT: () => {
        const t = this.CONSUME(T.StringLit);
        return this.ACTION(() => this.node({ kind: 'string', value: unquoteString(t.image), start: t.startOffset, end: tokEnd(t) }));
      },
    },
    { ALT: () => { const t = this.CONSUME(T.True); return this.ACTION(() => this.node({ kind: 'bool', value: true, start: t.startOffset, end: tokEnd(t) })); } },
    { ALT: () => { const t = this.CONSUME(T.False); return this.ACTION(() => this.node({ kind: 'bool', value: false, start: t.startOffset, end: tokEnd(t) })); } },
    { ALT: () => this.SUBRULE(this.nameOrCall) },
    { GATE: () => this.LA(1).tokenType === T.LParen, ALT: () => this.SUBRULE(this.parenOrInterval) },
    { GATE: () => this.LA(1).tokenType === T.LBracket, ALT: () => this.SUBRULE(this.interval) },
  ] }));

  private nameOrCall = this.RULE('nameOrCall', (): Expr => {
    const t = this.OR([{ ALT: () => this.CONSUME(T.Identifier) }, { ALT: () => this.CONSUME(T.QuotedName) }]);
    const args: Expr[] = [];
    let close: IToken | undefined;
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      this.MANY_SEP({ SEP: T.Comma, DEF: () => { args.push(this.SUBRULE(this.expression)); } });
      close = this.CONSUME(T.RParen);
    });
    return this.ACTION(() => {
      const start = t.startOffset;
      if (close) return this.node({ kind: 'call', callee: nameText(t), calleeEnd: tokEnd(t), args, start, end: tokEnd(close) });
      return this.node({ kind: 'name', name: nameText(t), quoted: t.tokenType === T.QuotedName, start, end: tokEnd(t) });
    });
  });

  /** `(e)` is grouping; `(a, b]` is an interval open at its lower edge. */
  private parenOrInterval = this.RULE('parenOrInterval', (): Expr => {
    const open = this.CONSUME(T.LParen);
    const first = this.SUBRULE(this.bound);
    let result: Expr | undefined;
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Comma);
          const hi = this.SUBRULE2(this.bound);
          const close = this.OR2([{ ALT: () => this.CONSUME(T.RParen) }, { ALT: () => this.CONSUME(T.RBracket) }]);
          result = this.ACTION(() => this.node<Interval>({ kind: 'interval', lo: first, hi, loClosed: false, hiClosed: close.tokenType === T.RBracket, start: open.startOffset, end: tokEnd(close) }));
        },
      },
      {
        ALT: () => {
          const close = this.CONSUME2(T.RParen);
          result = this.ACTION(() => {
            // `()` holds nothing: report it as a syntax error at the closing parenthesis.
            if (!first) throw new EmptyGroupError(close.startOffset);
            return first;
          });
        },
      },
    ]);
    return result!;
  });

  public interval = this.RULE('interval', (): Interval => {
    const open = this.OR([{ ALT: () => this.CONSUME(T.LBracket) }, { ALT: () => this.CONSUME(T.LParen) }]);
    const lo = this.SUBRULE(this.bound);
    this.CONSUME(T.Comma);
    const hi = this.SUBRULE2(this.bound);
    const close = this.OR2([{ ALT: () => this.CONSUME(T.RBracket) }, { ALT: () => this.CONSUME(T.RParen) }]);
    return this.ACTION(() => this.node<Interval>({
      kind: 'interval', lo, hi, loClosed: open.tokenType === T.LBracket, hiClosed: close.tokenType === T.RBracket,
      start: open.startOffset, end: tokEnd(close),
    }));
  });

  /** An interval bound: an expression, ∞ / -∞, or nothing (unbounded). Null means unbounded. */
  private bound = this.RULE('bound', (): Expr | null => this.OR({ IGNORE_AMBIGUITIES: true, DEF: [
    { ALT: () => { this.CONSUME(T.Infinity_); return null; } },
    { GATE: () => this.LA(1).tokenType === T.Minus && this.LA(2).tokenType === T.Infinity_, ALT: () => { this.CONSUME(T.Minus); this.CONSUME2(T.Infinity_); return null; } },
    { ALT: () => this.SUBRULE(this.expression) },
    { ALT: () => null as Expr | null },
  ] }));
}

export class EmptyGroupError extends Error {
  constructor(readonly offset: number) {
    super('empty parentheses');
  }
}

function tokEnd(t: IToken): number {
  return t.startOffset + t.image.length;
}

function nameText(t: IToken): string {
  if (t.tokenType === T.QuotedName) return t.image.slice(1, -1).normalize('NFKC').trim();
  return t.image;
}

function unquoteString(image: string): string {
  const body = image.slice(1, -1);
  if (image[0] === '“' || image[0] === '‘') return body;
  return body.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}

let shared: ExpressionParser | undefined;

export function expressionParser(): ExpressionParser {
  shared ??= new ExpressionParser();
  return shared;
}

export type { ExpressionParser };
