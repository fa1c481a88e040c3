// Tokens of the expression language. Chinese and English keywords, symbols typed on either keyboard
// (≥ ≤ ≠ × ÷), numbers with units attached (1200元, 0.3%, 3个月, 3 months, ¥1200).

import { Lexer, createToken, type TokenType } from 'chevrotain';
import type { Unit } from './ast.ts';

// Letters of the scripts HR names use (Latin, Greek, Cyrillic, kana, CJK, Hangul), spelled as ranges without the
// `u` flag so chevrotain can index tokens by first character (a large speed-up over a custom matcher).
const LETTER = 'A-Za-z_\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02AF\\u0370-\\u03FF\\u0400-\\u04FF\\u3005\\u3040-\\u30FF\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF\\uAC00-\\uD7AF';
const identStart = new RegExp(`[${LETTER}]`);
export const IDENT_PATTERN = new RegExp(`[${LETTER}][${LETTER}0-9]*`);

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /\s+/, group: Lexer.SKIPPED });

/** Unit suffixes, longest first so 个季度 wins over 季度 and months over month. */
export const UNIT_SUFFIXES: ReadonlyArray<readonly [string, Unit]> = [
  ['个季度', 'quarters'], ['quarters', 'quarters'], ['quarter', 'quarters'], ['季度', 'quarters'],
  ['个月', 'months'], ['months', 'months'], ['month', 'months'],
  ['years', 'years'], ['year', 'years'], ['年', 'years'],
  ['days', 'days'], ['day', 'days'], ['天', 'days'],
  ['points', 'points'], ['point', 'points'], ['pts', 'points'], ['pt', 'points'], ['分', 'points'],
  ['times', 'times'], ['次', 'times'],
  ['stars', 'stars'], ['star', 'stars'], ['星', 'stars'], ['★', 'stars'],
  ['people', 'people'], ['人', 'people'],
  ['yuan', 'yuan'], ['CNY', 'yuan'], ['元', 'yuan'], ['块', 'yuan'],
  // Dollars, for a policy with currency: USD ($45, 45美元, 45 USD); money of the other currency is L098.
  ['USD', 'usd'], ['美元', 'usd'],
  ['%', 'percent'], ['‰', 'permille'],
];

/** The canonical suffix a unit prints with. */
export const UNIT_TEXT: Readonly<Record<Unit, string>> = {
  yuan: '元', usd: '美元', percent: '%', permille: '‰', months: '个月', years: '年', quarters: '个季度', days: '天',
  points: '分', times: '次', stars: '星', people: '人',
};

const SUFFIX_MATCHERS = UNIT_SUFFIXES.map(([suffix]) => ({ suffix, word: /^[A-Za-z]/.test(suffix) }));
const WORD_CHAR = /[\p{L}\p{N}_]/u;
const numberRe = /\d+(?:\.\d+)?/y;
const yuanPrefixRe = /[¥$]\s*\d+(?:\.\d+)?/y;

/** Matches a number and an attached unit; an ASCII unit word must end at a word boundary (3 monthsX is not a unit). */
function matchNumber(text: string, offset: number): RegExpExecArray | null {
  yuanPrefixRe.lastIndex = offset;
  const yuan = yuanPrefixRe.exec(text);
  if (yuan) return yuan;
  numberRe.lastIndex = offset;
  const m = numberRe.exec(text);
  if (!m) return null;
  let end = offset + m[0].length;
  let ws = end;
  while (text[ws] === ' ') ws++;
  for (const { suffix, word } of SUFFIX_MATCHERS) {
    // Symbols and Chinese units attach to the number; English unit words may follow a space.
    const at = word ? ws : end;
    if (!text.startsWith(suffix, at)) continue;
    const after = text[at + suffix.length];
    if (word && after !== undefined && WORD_CHAR.test(after)) continue;
    end = at + suffix.length;
    break;
  }
  const result = [text.slice(offset, end)] as unknown as RegExpExecArray;
  result.index = offset;
  return result;
}

/** A date `2026-07-01` (month and day may have one digit): read before a number, or it would be 2026 − 7 − 1. */
export const DateLit = createToken({ name: 'DateLit', pattern: /\d{4}-\d{1,2}-\d{1,2}(?![\d.])/, start_chars_hint: ['1', '2'] });

/** The day number (days since 1970-01-01) of a date token, NaN for a day no calendar has (2026-02-30). */
export function dateTokenDay(image: string): number {
  const [y, m, d] = image.split('-').map(Number) as [number, number, number];
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  return back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d ? t / 86_400_000 : NaN;
}

export const NumberLit = createToken({
  name: 'NumberLit',
  pattern: { exec: matchNumber },
  line_breaks: false,
  start_chars_hint: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '¥', '$'],
});

export const StringLit = createToken({ name: 'StringLit', pattern: /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|“[^”\n]*”|‘[^’\n]*’/ });
export const QuotedName = createToken({ name: 'QuotedName', pattern: /`[^`\n]+`|「[^」\n]+」|【[^】\n]+】/ });
export const Identifier = createToken({ name: 'Identifier', pattern: IDENT_PATTERN });

const kw = (name: string, pattern: RegExp): TokenType => createToken({ name, pattern, longer_alt: Identifier });

export const If = kw('If', /if|如果/);
export const Then = kw('Then', /then|那么|则/);
export const Elif = kw('Elif', /elif|否则如果/);
export const Else = kw('Else', /else|否则/);
export const And = kw('And', /and|并且|且/);
export const Or = kw('Or', /or|或者|或/);
export const Not = kw('Not', /not|非/);
export const In = kw('In', /in|属于/);
export const True = kw('True', /true|真/);
export const False = kw('False', /false|假/);
export const Infinity_ = createToken({ name: 'Infinity', pattern: /∞|inf(?![\p{L}\p{N}_])/u, start_chars_hint: ['∞', 'i'] });

export const AndSym = createToken({ name: 'AndSym', pattern: /&&/, categories: [And] });
export const OrSym = createToken({ name: 'OrSym', pattern: /\|\|/, categories: [Or] });

export const CmpOp = createToken({ name: 'CmpOp', pattern: Lexer.NA });
export const Ge = createToken({ name: 'Ge', pattern: />=|≥/, categories: [CmpOp] });
export const Le = createToken({ name: 'Le', pattern: /<=|≤/, categories: [CmpOp] });
export const Ne = createToken({ name: 'Ne', pattern: /!=|≠|<>/, categories: [CmpOp] });
export const Eq = createToken({ name: 'Eq', pattern: /==|=/, categories: [CmpOp] });
export const Gt = createToken({ name: 'Gt', pattern: />/, categories: [CmpOp] });
export const Lt = createToken({ name: 'Lt', pattern: /</, categories: [CmpOp] });
export const NotSym = createToken({ name: 'NotSym', pattern: /!/, categories: [Not] });

export const Plus = createToken({ name: 'Plus', pattern: /\+/ });
export const Minus = createToken({ name: 'Minus', pattern: /-/ });
export const Times = createToken({ name: 'Times', pattern: /\*|×/ });
export const Divide = createToken({ name: 'Divide', pattern: /\/|÷/ });
export const Percent = createToken({ name: 'Percent', pattern: /%/ });
export const LParen = createToken({ name: 'LParen', pattern: /\(/ });
export const RParen = createToken({ name: 'RParen', pattern: /\)/ });
export const LBracket = createToken({ name: 'LBracket', pattern: /\[/ });
export const RBracket = createToken({ name: 'RBracket', pattern: /]/ });
export const Comma = createToken({ name: 'Comma', pattern: /,|、/ });
export const Dot = createToken({ name: 'Dot', pattern: /\./ });

export const allTokens: TokenType[] = [
  WhiteSpace, DateLit, NumberLit, StringLit, QuotedName, Infinity_,
  Elif, If, Then, Else, And, Or, Not, In, True, False,
  Identifier,
  AndSym, OrSym, Ge, Le, Ne, Eq, Gt, Lt, NotSym, CmpOp,
  Plus, Minus, Times, Divide, Percent, LParen, RParen, LBracket, RBracket, Comma, Dot,
];

export const expressionLexer = new Lexer(allTokens, { positionTracking: 'onlyOffset' });

export function isIdentifierText(text: string): boolean {
  if (!text || !identStart.test(text[0]!)) return false;
  const m = new RegExp(`^${IDENT_PATTERN.source}$`).exec(text);
  if (!m) return false;
  const t = expressionLexer.tokenize(text);
  return t.errors.length === 0 && t.tokens.length === 1 && t.tokens[0]!.tokenType === Identifier;
}

/** Splits a number token's text into its value and unit. */
export function parseNumberToken(image: string): { value: number; unit: Unit | null } {
  if (image.startsWith('¥')) return { value: Number(image.slice(1).trim()), unit: 'yuan' };
  if (image.startsWith('$')) return { value: Number(image.slice(1).trim()), unit: 'usd' };
  const m = /^\d+(?:\.\d+)?/.exec(image)!;
  const rest = image.slice(m[0].length).trim();
  const unit = rest ? UNIT_SUFFIXES.find(([s]) => s === rest)?.[1] ?? null : null;
  return { value: Number(m[0]), unit };
}
