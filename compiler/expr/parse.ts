// Entry point of the expression stage: relative source → normalised text → tokens → tree, with every lexing
// and parsing error turned into a diagnostic at its place in the policy file.

import type { IRecognitionException, IToken } from 'chevrotain';
import type { DiagnosticBag } from '../diagnostics/diagnostic.ts';
import type { Span } from '../source/source.ts';
import { type RelativeSource, relativeSpan } from '../yaml/nodes.ts';
import type { Expr } from './ast.ts';
import { expressionLexer } from './lexer.ts';
import { normalizeExpressionText } from './normalize.ts';
import { EmptyGroupError, expressionParser } from './parser.ts';

/** Deeper nesting than this is certainly a mistake or an attack; the parser is recursive. */
export const MAX_EXPRESSION_DEPTH = 48;
export const MAX_EXPRESSION_TOKENS = 4000;

export interface ParsedExpression {
  readonly tree: Expr;
  readonly source: RelativeSource;
  /** Normalised text: the tree's offsets index into it. */
  readonly text: string;
  /** Maps a [start, end) range of the normalised text to a file span. */
  readonly spanOf: (start: number, end: number) => Span;
}

const TOKEN_TEXT: Record<string, string> = {
  RParen: ')', LParen: '(', RBracket: ']', LBracket: '[', Comma: ',', Then: 'then/那么', Else: 'else/否则',
  Identifier: 'a name', NumberLit: 'a number', DateLit: 'a date', EOF: 'end',
};

export function parseExpression(source: RelativeSource, bag: DiagnosticBag): ParsedExpression | undefined {
  const norm = normalizeExpressionText(source.text);
  const spanOf = (start: number, end: number): Span =>
    relativeSpan(source, norm.offsetOf(Math.min(start, norm.text.length)), norm.offsetOf(Math.min(end, norm.text.length)));
  if (!norm.text.trim()) {
    bag.add('L023', source.span);
    return undefined;
  }
  const lexed = expressionLexer.tokenize(norm.text);
  for (const err of lexed.errors) {
    const char = norm.text.slice(err.offset, err.offset + Math.max(1, err.length)).slice(0, 12);
    bag.add('L021', spanOf(err.offset, err.offset + Math.max(1, err.length)), { char });
  }
  if (lexed.errors.length) return undefined;
  if (lexed.tokens.length > MAX_EXPRESSION_TOKENS || nestingDepth(lexed.tokens) > MAX_EXPRESSION_DEPTH) {
    bag.add('L022', source.span, { limit: MAX_EXPRESSION_DEPTH });
    return undefined;
  }
  const parser = expressionParser();
  parser.input = lexed.tokens;
  parser.resetIds();
  let tree: Expr | undefined;
  try {
    tree = parser.expression();
  } catch (e) {
    if (e instanceof EmptyGroupError) {
      bag.add('L020', spanOf(e.offset, e.offset + 1), { detail: 'empty parentheses', detailZh: '括号内为空' });
      return undefined;
    }
    if (e instanceof RangeError) {
      bag.add('L022', source.span, { limit: MAX_EXPRESSION_DEPTH });
      return undefined;
    }
    throw e;
  }
  if (parser.errors.length) {
    reportSyntaxError(parser.errors[0]!, norm.text, spanOf, bag);
    return undefined;
  }
  if (!tree) return undefined;
  return { tree, source, text: norm.text, spanOf };
}

function reportSyntaxError(err: IRecognitionException, text: string, spanOf: (s: number, e: number) => Span, bag: DiagnosticBag): void {
  const tok = err.token;
  const atEnd = tok.tokenType.name === 'EOF' || Number.isNaN(tok.startOffset);
  const start = atEnd ? text.length : tok.startOffset;
  const end = atEnd ? text.length : tok.startOffset + tok.image.length;
  const where = atEnd ? spanOf(Math.max(0, text.length - 1), text.length) : spanOf(start, end);
  const expected = /Expecting token of type --> (\w+) <--/.exec(err.message)?.[1];
  const want = expected ? TOKEN_TEXT[expected] ?? expected : undefined;
  if (atEnd) {
    bag.add('L020', where, {
      detail: `the expression ends too early${want ? `; expected ${want}` : ''}${want === ')' ? " (inside { … } a comma ends the value: put the formula in quotes)" : ''}`,
      detailZh: `表达式不完整${want ? `，缺少 ${want}` : ''}${want === ')' ? '（在 { … } 中逗号会截断公式：请给公式加引号）' : ''}`,
    });
  } else {
    bag.add('L020', where, {
      detail: `unexpected '${tok.image}'${want ? `; expected ${want}` : ''}`,
      detailZh: `此处不应出现“${tok.image}”${want ? `，应为 ${want}` : ''}`,
    });
  }
}

function nestingDepth(tokens: readonly IToken[]): number {
  let depth = 0;
  let max = 0;
  let prefixRun = 0;
  for (const t of tokens) {
    const n = t.tokenType.name;
    if (n === 'LParen' || n === 'LBracket') max = Math.max(max, ++depth);
    else if (n === 'RParen' || n === 'RBracket') depth--;
    if (n === 'Minus' || n === 'Not' || n === 'NotSym' || n === 'If') max = Math.max(max, depth + ++prefixRun);
    else prefixRun = 0;
  }
  return max;
}
