// The 制度 view: the policy being edited as the document HR publishes (the HTML `ladder doc` writes, made in the
// worker), with Word and HTML downloads; a clause's line link moves the editor to that line of the policy.

import { clear, h } from '../dom.ts';
import { saveFile } from '../download.ts';
import { t } from '../i18n.ts';
import type { Lang, PolicyText, Reply, Request } from '../protocol.ts';

export interface PolicyDocContext {
  readonly lang: Lang;
  readonly policy: PolicyText;
  readonly request: (r: Request) => Promise<Reply>;
  readonly reveal: (line: number) => void;
}

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The document each panel shows, so that a check that changes nothing in it leaves the page (and its scroll) alone. */
const shown = new WeakMap<HTMLElement, string>();

/** Shows the document of the policy; what it showed last stays until a newer one is in (no flicker while typing). */
export async function renderPolicyDoc(root: HTMLElement, ctx: PolicyDocContext): Promise<void> {
  const L = ctx.lang;
  const reply = await ctx.request({ type: 'policyDoc', policy: ctx.policy, format: 'html', lang: L });
  if (reply.type !== 'policyDoc') return;
  const base = ctx.policy.name.split('/').pop()!.replace(/\.ya?ml$/, '');
  if (reply.html === null) {
    const old = root.querySelector('iframe');
    shown.delete(root);
    clear(root, h('p', { class: 'error', 'data-testid': 'policy-doc-errors' }, t(L, 'policyDocErrors')), ...(old ? [old] : []));
    if (old) old.style.opacity = '0.5';
    return;
  }
  const html = reply.html;
  const key = `${L}|${ctx.policy.name}|`;
  if (shown.get(root) === key + html && root.querySelector('iframe')) return;
  shown.set(root, key + html);
  // Where the reader was: kept across an edit that changes the document.
  const previous = root.querySelector('iframe');
  const scrollY = previous?.contentWindow?.scrollY ?? 0;
  const word = async () => {
    const r = await ctx.request({ type: 'policyDoc', policy: ctx.policy, format: 'docx', lang: L });
    if (r.type === 'policyDoc' && r.docx) saveFile(r.docx as BlobPart, DOCX_TYPE, `${base}-${L === 'zh' ? '制度' : 'policy'}.docx`);
  };
  // Same origin so the page can catch the line links; no scripts run inside (sandbox without allow-scripts).
  const frame = h('iframe', { class: 'report', sandbox: 'allow-same-origin', title: t(L, 'policyDoc'), 'data-testid': 'policy-doc-frame', srcdoc: html });
  frame.addEventListener('load', () => {
    if (scrollY) frame.contentWindow?.scrollTo(0, scrollY);
    frame.contentDocument?.addEventListener('click', (e) => {
      const link = (e.target as Element | null)?.closest?.('a.src');
      if (!link) return;
      e.preventDefault();
      ctx.reveal(Number(link.getAttribute('data-line')));
    });
  });
  clear(root,
    h('p', { class: 'note' }, t(L, 'policyDocHint')),
    h('div', { class: 'toolbar' },
      h('button', { 'data-testid': 'policy-doc-docx', onclick: () => void word() }, t(L, 'downloadWord')),
      h('button', { 'data-testid': 'policy-doc-html', onclick: () => saveFile(html, 'text/html', `${base}-${L === 'zh' ? '制度' : 'policy'}.html`) }, t(L, 'downloadHtml'))),
    frame);
}
