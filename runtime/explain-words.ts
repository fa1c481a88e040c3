// The words of an explanation in one language. Explanations are built with both (`应发合计 total`, `是 true`), so
// the JSON, the playground and the payslips keep one shape; a reader who chose a language gets it alone. Each phrase
// explain.ts writes in both languages is listed here once, with what each language keeps of it.

import type { Lang } from '../compiler/diagnostics/catalogue.ts';

/** [as written (both), Chinese, English]. Longer phrases first, so a phrase is never split by a shorter one. */
const PHRASES: readonly (readonly [string, string, string])[] = [
  ['各工资项的条件均不成立 no pay line applies', '各工资项的条件均不成立', 'no pay line applies'],
  ['数据开始时 at the start of the data', '数据开始时', 'at the start of the data'],
  ['不适用本政策 not covered', '不适用本政策', 'not covered'],
  ['晋升规则 promotion rule', '晋升规则', 'promotion rule'],
  ['降级规则 demotion rule', '降级规则', 'demotion rule'],
  ['定级规则 placement rule', '定级规则', 'placement rule'],
  ['人工决定 manual decision', '人工决定', 'manual decision'],
  ['未能说明 not explained', '未能说明', 'not explained'],
  ['入职职级 entry tier', '入职职级', 'entry tier'],
  ['门槛 gate unless', '门槛：除非', 'gate unless'],
  ['评定/调整 rated', '评定/调整', 'rated'],
  ['达到档次 row met', '达到档次', 'row met'],
  ['应发合计 total', '应发合计', 'total'],
  ['适用规则 rule', '适用规则', 'rule'],
  ['调整 override', '调整', 'override'],
  ['晋升 promoted', '晋升', 'promoted'],
  ['降级 demoted', '降级', 'demoted'],
  ['定级 placed', '定级', 'placed'],
  ['名额 quota', '名额', 'quota'],
  ['star 星级', '星级', 'star'],
  ['tier 职级', '职级', 'tier'],
  ['track 序列', '序列', 'track'],
  ['是 true', '是', 'true'],
  ['否 false', '否', 'false'],
];

/** Phrases with a part in between: [pattern, Chinese, English] replacements. */
const PATTERNS: readonly (readonly [RegExp, string, string])[] = [
  // A quota's place: "第 3 名，名额 2 个（5 人达到，40 人计入） place 3, 2 places (5 rated 5★ or more of 40) → 4★".
  [/(第 \d+ 名，名额 \d+ 个（\d+ 人达到，\d+ 人计入）) (place \d+, \d+ places \([^)]*\))/g, '$1', '$2'],
  [/（(\S+) 起 from \S+）/g, '（$1 起）', ' (from $1)'],
  [/（(\S+) 决定 decided）/g, '（$1 决定）', ' (decided $1)'],
  [/ \(input\)/g, '（输入）', ' (input)'],
  [/from month (\d+) of employment/g, '入职第 $1 个月起', 'from month $1 of employment'],
];

/** A text of an explanation in one language (both, as written, without one). */
export function inLanguage(text: string, lang: Lang | undefined): string {
  if (!lang || !text) return text;
  let out = text;
  for (const [re, zh, en] of PATTERNS) out = out.replace(re, lang === 'zh' ? zh : en);
  for (const [both, zh, en] of PHRASES) out = out.split(both).join(lang === 'zh' ? zh : en);
  return out;
}
