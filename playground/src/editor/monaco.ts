// The policy editor: monaco with our highlighting; section keys and their values completed and explained from the
// policy JSON Schema; and, from the compiler's own view of the policy, squiggles, completion of names inside
// expressions with their types, hover docs, go to definition, and a quick fix for a suggested name. What is not monaco's
// (names under the cursor, hover text, markers) is compiler/service/editor.ts, which `ladder lsp` shares.

import * as monaco from 'monaco-editor/editor/editor.api';
import './monaco-features.ts';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
// The schema as data: importing validate.ts would bring ajv to the page and compile the schema at load.
import policySchema from '../../../compiler/schema/policy.schema.json';
import { keyCompletions, keyDescription } from '../../../compiler/service/schema-keys.ts';
import type { EditorMarker } from '../engine/session.ts';
import { NAME_PATTERN as NAME, bilingual, describeName, expressionContext, lookupName as lookup, nameAt, nameSortText } from '../../../compiler/service/editor.ts';
import type { PolicyName } from '../../../compiler/service/symbols.ts';
import { kindText } from '../../../compiler/service/symbols.ts';
import type { Lang } from '../protocol.ts';
import { policyTokens } from './tokens.ts';
import { type ProblemAt, rankedFixes, replacementText } from './quick-fix.ts';

export { monaco };

(globalThis as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = {
  getWorker() {
    return new EditorWorker();
  },
};

export interface LanguageContext {
  names(): readonly PolicyName[];
  lang(): Lang;
  markers(model: monaco.editor.ITextModel): readonly EditorMarker[];
  /** The text in ladder fmt's layout; undefined when its YAML does not parse. */
  format(text: string): Promise<string | undefined>;
  /** The problems of a policy text as the checker finds them: a quick fix is tried before it is offered. */
  problemsOf(text: string): Promise<readonly ProblemAt[]>;
}

const COMPLETION_KIND: Record<PolicyName['kind'], monaco.languages.CompletionItemKind> = {
  function: monaco.languages.CompletionItemKind.Function, state: monaco.languages.CompletionItemKind.Variable,
  period: monaco.languages.CompletionItemKind.Constant, scope: monaco.languages.CompletionItemKind.Constant,
  keyword: monaco.languages.CompletionItemKind.Keyword, input: monaco.languages.CompletionItemKind.Field,
  value: monaco.languages.CompletionItemKind.Variable, payLine: monaco.languages.CompletionItemKind.Property,
  band: monaco.languages.CompletionItemKind.Enum, flag: monaco.languages.CompletionItemKind.Variable,
  award: monaco.languages.CompletionItemKind.Property, table: monaco.languages.CompletionItemKind.Struct,
  scoreSheet: monaco.languages.CompletionItemKind.Module, section: monaco.languages.CompletionItemKind.Module,
  item: monaco.languages.CompletionItemKind.Field, deductions: monaco.languages.CompletionItemKind.Module,
  event: monaco.languages.CompletionItemKind.Event, class: monaco.languages.CompletionItemKind.EnumMember,
  tier: monaco.languages.CompletionItemKind.EnumMember, track: monaco.languages.CompletionItemKind.EnumMember,
  enumMember: monaco.languages.CompletionItemKind.EnumMember,
};

let installed = false;
const fixCache = new Map<string, Promise<string[]>>();

export function installPolicyLanguage(ctx: LanguageContext): void {
  if (installed) return;
  installed = true;
  // Only this language is registered (see monaco-features.ts): its editing rules are ours.
  monaco.languages.register({ id: 'yaml', extensions: ['.yaml', '.yml'], aliases: ['YAML', 'policy'] });
  monaco.languages.setLanguageConfiguration('yaml', {
    comments: { lineComment: '#' },
    brackets: [['{', '}'], ['[', ']'], ['(', ')']],
    autoClosingPairs: [{ open: '{', close: '}' }, { open: '[', close: ']' }, { open: '(', close: ')' }, { open: '"', close: '"', notIn: ['string'] }, { open: "'", close: "'", notIn: ['string'] }, { open: '「', close: '」' }],
    surroundingPairs: [{ open: '{', close: '}' }, { open: '[', close: ']' }, { open: '(', close: ')' }, { open: '"', close: '"' }, { open: "'", close: "'" }],
    folding: { offSide: true },
    // After `key:` the next line is indented one level.
    onEnterRules: [{ beforeText: /:\s*(#.*)?$/, action: { indentAction: monaco.languages.IndentAction.Indent } }],
    wordPattern: new RegExp(`${NAME}|-?\\d+(?:\\.\\d+)?`, 'u'),
  });
  monaco.languages.setMonarchTokensProvider('yaml', policyTokens);

  monaco.languages.registerCompletionItemProvider('yaml', {
    triggerCharacters: ['(', '[', ' '],
    provideCompletionItems(model, position) {
      const line = model.getLineContent(position.lineNumber);
      const before = line.slice(0, position.column - 1);
      if (/(^|\s)#/.test(before)) return { suggestions: [] };
      const word = nameAt(line, position.column);
      const range = word && word.end >= position.column
        ? new monaco.Range(position.lineNumber, word.start, position.lineNumber, position.column)
        : new monaco.Range(position.lineNumber, position.column, position.lineNumber, position.column);
      const lang = ctx.lang();
      // Keys, and the values of keys that take a fixed set, come from the schema; names go in expressions.
      const fromSchema = keyCompletions(policySchema, model.getValue(), model.getOffsetAt(position));
      if (fromSchema.kind !== 'expression') {
        return {
          suggestions: fromSchema.items.map((k): monaco.languages.CompletionItem => ({
            label: { label: k.key, description: k.required ? (lang === 'zh' ? '必填' : 'required') : '' },
            kind: fromSchema.kind === 'keys' ? monaco.languages.CompletionItemKind.Property : monaco.languages.CompletionItemKind.EnumMember,
            insertText: fromSchema.kind === 'keys' ? `${k.key}: ` : k.key,
            documentation: k.description ? { value: bilingual(k.description, lang) } : undefined,
            sortText: `${k.required ? 0 : 1}${k.key}`,
            range,
          })),
        };
      }
      if (!expressionContext(before)) return { suggestions: [] };
      const suggestions = ctx.names().flatMap((n) => [n.name, ...n.aliases].map((label): monaco.languages.CompletionItem => ({
        label: { label, description: [kindText(n.kind)[lang], n.type?.[lang]].filter(Boolean).join(' · ') },
        kind: COMPLETION_KIND[n.kind],
        insertText: n.kind === 'function' ? `${label}($0)` : label,
        insertTextRules: n.kind === 'function' ? monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet : monaco.languages.CompletionItemInsertTextRule.None,
        detail: n.signature ?? n.type?.[lang] ?? '',
        documentation: { value: describeName(n, lang) },
        sortText: nameSortText(n, label),
        range,
      })));
      return { suggestions };
    },
  });

  monaco.languages.registerHoverProvider('yaml', {
    provideHover(model, position) {
      const key = keyDescription(policySchema, model.getValue(), model.getOffsetAt(position));
      if (key) return { range: new monaco.Range(position.lineNumber, key.start + 1, position.lineNumber, key.end + 1), contents: [{ value: `**${key.key}** — ${bilingual(key.description, ctx.lang())}` }] };
      const word = nameAt(model.getLineContent(position.lineNumber), position.column);
      if (!word) return null;
      const n = lookup(ctx.names(), word.name);
      if (!n) return null;
      return { range: new monaco.Range(position.lineNumber, word.start, position.lineNumber, word.end), contents: [{ value: describeName(n, ctx.lang()) }] };
    },
  });

  monaco.languages.registerDefinitionProvider('yaml', {
    provideDefinition(model, position) {
      const word = nameAt(model.getLineContent(position.lineNumber), position.column);
      const n = word && lookup(ctx.names(), word.name);
      if (!n?.definedAt) return null;
      const a = model.getPositionAt(n.definedAt.start);
      const b = model.getPositionAt(n.definedAt.end);
      return { uri: model.uri, range: new monaco.Range(a.lineNumber, a.column, b.lineNumber, b.column) };
    },
  });

  // Format Document (Shift+Alt+F): the layout of `ladder fmt`, made in the engine worker.
  monaco.languages.registerDocumentFormattingEditProvider('yaml', {
    async provideDocumentFormattingEdits(model) {
      const version = model.getVersionId();
      const text = await ctx.format(model.getValue());
      if (text === undefined || model.getVersionId() !== version || text === model.getValue()) return [];
      return [{ range: model.getFullModelRange(), text }];
    },
  });

  // "Did you mean": the compiler's suggestion, or the next closest name, as a quick fix on its squiggle — offered
  // only when the checker finds the fixed policy has fewer errors (a fix that makes a new error is no help).
  monaco.languages.registerCodeActionProvider('yaml', {
    async provideCodeActions(model, range) {
      const actions: monaco.languages.CodeAction[] = [];
      const text = model.getValue();
      const version = model.getVersionId();
      const markers = ctx.markers(model);
      const names = ctx.names().flatMap((n) => [n.name, ...n.aliases]);
      for (const m of markers) {
        if (!m.suggestion || !m.replacement) continue;
        const a = model.getPositionAt(m.start);
        const b = model.getPositionAt(m.end);
        const r = new monaco.Range(a.lineNumber, a.column, b.lineNumber, b.column);
        if (!monaco.Range.areIntersectingOrTouching(r, range)) continue;
        // Asked again at every cursor move over the squiggle: each text's answer is kept until the text changes.
        const key = `${model.uri.toString()}\u0000${version}\u0000${m.start}\u0000${m.code}`;
        let fixes = fixCache.get(key);
        if (!fixes) {
          fixes = rankedFixes(text, m, names, (t) => ctx.problemsOf(t), markers);
          fixCache.set(key, fixes);
          if (fixCache.size > 64) fixCache.delete(fixCache.keys().next().value!);
        }
        const [best] = await fixes;
        if (best === undefined || model.getVersionId() !== version) continue;
        const lang = ctx.lang();
        actions.push({
          title: lang === 'zh' ? `改为“${best}”` : `Change to '${best}'`, kind: 'quickfix', isPreferred: true,
          edit: { edits: [{ resource: model.uri, versionId: version, textEdit: { range: r, text: replacementText(text.slice(m.start, m.end), best) } }] },
        });
      }
      return { actions, dispose() {} };
    },
  });
}

/** Shows the compiler's diagnostics as squiggles. */
export function showMarkers(model: monaco.editor.ITextModel, markers: readonly EditorMarker[]): void {
  monaco.editor.setModelMarkers(model, 'ladder', markers.map((m) => {
    const a = model.getPositionAt(m.start);
    const b = model.getPositionAt(m.end > m.start ? m.end : m.start + 1);
    return {
      severity: m.severity === 'error' ? monaco.MarkerSeverity.Error : m.severity === 'warning' ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Info,
      message: m.suggestion ? `${m.message}\n${m.suggestion}` : m.message,
      code: m.code,
      source: 'ladder',
      startLineNumber: a.lineNumber, startColumn: a.column, endLineNumber: b.lineNumber, endColumn: b.column,
      relatedInformation: m.related.map((r) => {
        const ra = model.getPositionAt(r.start);
        const rb = model.getPositionAt(r.end);
        return { resource: model.uri, message: r.message, startLineNumber: ra.lineNumber, startColumn: ra.column, endLineNumber: rb.lineNumber, endColumn: rb.column };
      }),
    };
  }));
}
