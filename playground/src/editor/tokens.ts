// Highlighting for policy files: YAML structure (keys, comments, lists) with the expression language inside the
// values — numbers with their units, keywords in English and Chinese, functions, the person's state, operators.

import type { languages } from 'monaco-editor';
import { FUNCTIONS, STATE, CONSTANTS } from '../../../compiler/check/builtins.ts';
import { KEYWORDS } from '../../../compiler/service/symbols.ts';

const spell = (xs: readonly { name: string; aliases: readonly string[] }[]) => xs.flatMap((x) => [x.name, ...x.aliases]);

export const policyTokens: languages.IMonarchLanguage = {
  defaultToken: '',
  unicode: true,
  keywords: KEYWORDS.flat(),
  functions: spell(FUNCTIONS),
  state: [...spell(STATE), ...spell(CONSTANTS)],
  tokenizer: {
    root: [
      [/^\s*#.*$/, 'comment'],
      [/\s#.*$/, 'comment'],
      [/^---\s*$/, 'delimiter'],
      // A mapping key: a name followed by a colon and a space (block or flow style).
      [/([\p{L}_][\p{L}\p{N}_.\-]*|"[^"]*"|'[^']*')(\s*)(:)(?=\s|$)/u, ['type', 'white', 'delimiter']],
      [/^(\s*)(-)(?=\s)/, ['white', 'delimiter']],
      [/[|>][+-]?\s*$/, 'delimiter'],
      [/"(?:[^"\\]|\\.)*"|'[^']*'|“[^”]*”|‘[^’]*’/, 'string'],
      [/`[^`]*`|「[^」]*」|【[^】]*】/, 'identifier'],
      [/[¥$]\s*\d+(?:\.\d+)?|\d+(?:\.\d+)?(?:\s*(?:个季度|quarters?|个月|months?|years?|年|days?|天|points?|pts?|分|times|次|stars?|星|★|people|人|yuan|CNY|元|块|USD|美元)|%|‰)?/u, 'number'],
      [/∞/, 'number'],
      [/[\p{L}_][\p{L}\p{N}_]*(?:\.[\p{L}_][\p{L}\p{N}_]*)*/u, { cases: { '@keywords': 'keyword', '@functions': 'predefined', '@state': 'variable.predefined', '@default': 'identifier' } }],
      [/>=|<=|!=|==|&&|\|\||[<>=!≥≤≠+\-*/×÷]/, 'operator'],
      [/[{}[\](),、]/, 'delimiter'],
    ],
  },
};
