// One person's month explained: each pay line with its formula, the values it read, and a link to its policy line.

import type { ExplainNode } from '../../../runtime/explain.ts';
import { clear, h } from '../dom.ts';
import { t } from '../i18n.ts';
import type { Lang } from '../protocol.ts';

/** The explanation's labels are written in both languages ("应发合计 total", "star 星级") by runtime/explain.ts,
 * as the CLI prints them; the page shows the half in its own language. */
const PAIRS: readonly (readonly [string, string])[] = [
  ['定级规则', 'placement rule'], ['人工决定', 'manual decision'], ['入职职级', 'entry tier'], ['数据开始时', 'at the start of the data'],
  ['达到档次', 'row met'], ['适用规则', 'rule'], ['门槛', 'gate'], ['名额', 'quota'], ['调整', 'override'], ['未能说明', 'not explained'],
  ['应发合计', 'total'], ['评定/调整', 'rated'], ['晋升', 'promoted'], ['降级', 'demoted'], ['定级', 'placed'], ['起', 'from'],
];
const REVERSED: readonly (readonly [string, string])[] = [['星级', 'star'], ['职级', 'tier'], ['序列', 'track']];
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

export function oneLanguage(text: string, lang: Lang): string {
  let out = text;
  for (const [zh, en] of PAIRS) out = out.replace(new RegExp(`${escape(zh)} ${escape(en)}(?![A-Za-z])`, 'g'), lang === 'zh' ? zh : en);
  for (const [zh, en] of REVERSED) out = out.replace(new RegExp(`^${escape(en)} ${escape(zh)}$`), lang === 'zh' ? zh : en);
  return out;
}

export function renderExplain(root: HTMLElement, title: string, node: ExplainNode | null, lang: Lang, reveal: (line: number) => void): void {
  if (!node) { clear(root, h('p', { class: 'hint' }, t(lang, 'clickNumber'))); return; }
  const item = (n: ExplainNode): HTMLElement => {
    const line = n.where ? Number(/:(\d+)$/.exec(n.where)?.[1]) : NaN;
    return h('li', {},
      h('span', { class: 'label' }, oneLanguage(n.label, lang)), ' ', h('strong', { class: 'value' }, n.value),
      n.formula ? h('code', { class: 'formula' }, ` = ${oneLanguage(n.formula, lang)}`) : null, ' ',
      Number.isFinite(line) ? h('button', { class: 'link where', 'data-line': line, onclick: () => reveal(line) }, n.where!) : null,
      n.children.length ? h('ul', {}, ...n.children.map(item)) : null);
  };
  clear(root, h('h3', {}, title), h('ul', { class: 'tree', 'data-testid': 'explain-tree' }, item(node)));
}
