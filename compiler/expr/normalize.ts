// Normalises what Chinese authors type (full-width digits, letters and punctuation, the math minus sign) to the
// characters the lexer knows, one code point at a time, keeping for each output character its input offset.

export interface NormalizedText {
  readonly text: string;
  /** The offset in the original text of normalised character i (i = text.length: the end). */
  readonly offsetOf: (i: number) => number;
}

/** Characters NFKC leaves alone that authors use as operators. */
const EXTRA: Readonly<Record<string, string>> = {
  '\u2212': '-', // − minus sign
  '\u2013': '-', // – en dash, typed as minus in formulas
  '\u3000': ' ', // ideographic space (NFKC handles it too; kept explicit)
  '\u00b7': '.', // · middle dot, typed for a member dot on some IMEs
  '\u3002': '.', // 。 ideographic full stop in a dotted name
};

const identity = (i: number) => i;

const NEEDS_WORK = /[^\x20-\x7e]/;

export function normalizeExpressionText(text: string): NormalizedText {
  // Most formulas need no change: keep them as they are, offsets one to one.
  if (!NEEDS_WORK.test(text) || (text.normalize('NFKC') === text && !Object.keys(EXTRA).some((k) => text.includes(k)))) {
    return { text, offsetOf: identity };
  }
  let out = '';
  const offsets: number[] = [];
  let i = 0;
  // Inside a string literal the author's text is kept as typed: "A·B" stays "A·B".
  let quote: string | undefined;
  let escaped = false;
  // Inside a quoted name (「…」, 【…】, `…`) a quotation mark is part of the name, not the start of a string.
  let nameClose: string | undefined;
  for (const ch of text) {
    let mapped: string;
    if (quote) {
      mapped = ch;
      if (escaped) escaped = false;
      else if (ch === '\\' && quote !== '”') escaped = true;
      else if (ch === quote) quote = undefined;
    } else {
      mapped = EXTRA[ch] ?? ch.normalize('NFKC');
      if (nameClose) {
        if (ch === nameClose) nameClose = undefined;
      } else if (ch === '「') nameClose = '」';
      else if (ch === '【') nameClose = '】';
      else if (ch === '`') nameClose = '`';
      else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '“') quote = '”';
    }
    for (let k = 0; k < mapped.length; k++) offsets.push(i);
    out += mapped;
    i += ch.length;
  }
  offsets.push(i);
  return { text: out, offsetOf: (k) => offsets[k]! };
}
