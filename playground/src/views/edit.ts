// The edit panel for one person's month: the policy's monthly inputs as the data has them, each editable. An
// applied change is a cell edit of the monthly table, checked like an uploaded cell.

import { clear, h } from '../dom.ts';
import type { InputEdit } from '../engine/session.ts';
import { t, typeText } from '../i18n.ts';
import type { Lang } from '../protocol.ts';

export function showEditDialog(dialog: HTMLDialogElement, employee: string, month: string, inputs: readonly { column: string; type: string; value: string }[], lang: Lang, apply: (edits: InputEdit[]) => void): void {
  const fields = inputs.map((i) => ({ i, input: h('input', { value: i.value, 'data-column': i.column }) }));
  clear(dialog,
    h('h3', {}, `${t(lang, 'editTitle')} · ${employee} · ${month}`),
    h('table', { class: 'grid compact' }, h('tbody', {}, ...fields.map(({ i, input }) => h('tr', {}, h('th', {}, i.column), h('td', { class: 'small' }, typeText(lang, i.type)), h('td', {}, input))))),
    h('div', { class: 'toolbar' },
      h('button', { 'data-testid': 'edit-apply', onclick: () => {
        dialog.close();
        apply(fields.filter(({ i, input }) => input.value !== i.value).map(({ i, input }) => ({ employee, month, column: i.column, value: input.value })));
      } }, t(lang, 'apply')),
      h('button', { onclick: () => dialog.close() }, t(lang, 'close'))));
  dialog.showModal();
}
