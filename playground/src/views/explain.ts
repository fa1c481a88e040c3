// One person's month explained: each pay line with its formula, the values it read, and a link to its policy line.

import type { ExplainNode } from '../../../runtime/explain.ts';
import { clear, h } from '../dom.ts';
import { t } from '../i18n.ts';
import type { Lang } from '../protocol.ts';

export function renderExplain(root: HTMLElement, title: string, node: ExplainNode | null, lang: Lang, reveal: (line: number) => void): void {
  if (!node) { clear(root, h('p', { class: 'hint' }, t(lang, 'clickNumber'))); return; }
  const item = (n: ExplainNode): HTMLElement => {
    const line = n.where ? Number(/:(\d+)$/.exec(n.where)?.[1]) : NaN;
    return h('li', {},
      h('span', { class: 'label' }, n.label), ' ', h('strong', { class: 'value' }, n.value),
      n.formula ? h('code', { class: 'formula' }, ` = ${n.formula}`) : null,
      Number.isFinite(line) ? h('button', { class: 'link where', 'data-line': line, onclick: () => reveal(line) }, n.where!) : null,
      n.children.length ? h('ul', {}, ...n.children.map(item)) : null);
  };
  clear(root, h('h3', {}, title), h('ul', { class: 'tree', 'data-testid': 'explain-tree' }, item(node)));
}
