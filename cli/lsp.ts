// `ladder lsp`: a Language Server Protocol server over stdin/stdout, so any editor gets what the playground's editor
// has — the compiler's diagnostics as you type, completion of section keys (from the JSON Schema) and of names in
// expressions, hover docs, go to definition, "did you mean" as a quick fix, and Format Document (ladder fmt). The editor logic is the playground's
// own (compiler/service/); this file only speaks LSP.

import { fileURLToPath } from 'node:url';
import lspNode from 'vscode-languageserver/node.js';
import type {
  CodeAction, CompletionItem, CompletionItemKind as CompletionItemKindValue, Connection, Diagnostic as LspDiagnostic, Location, Range,
  TextEdit,
} from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type CompileResult, compile } from '../compiler/compile.ts';
import type { Lang } from '../compiler/diagnostics/catalogue.ts';
import { formatPolicy } from '../compiler/format/format.ts';
import { policySchema } from '../compiler/schema/validate.ts';
import {
  type EditorMarker, bilingual, describeName, expressionContext, lookupName, markerOf, nameAt, namesOf, nameSortText,
} from '../compiler/service/editor.ts';
import { keyCompletions, keyDescription } from '../compiler/service/schema-keys.ts';
import { type NameKind, type PolicyName, builtinNames, kindText } from '../compiler/service/symbols.ts';

const { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, DiagnosticSeverity, CompletionItemKind, InsertTextFormat, CodeActionKind, MarkupKind } = lspNode;

/** How long typing pauses before the document is compiled again. */
const SETTLE_MS = 120;

const COMPLETION_KIND: Readonly<Record<NameKind, CompletionItemKindValue>> = {
  function: CompletionItemKind.Function, state: CompletionItemKind.Variable, period: CompletionItemKind.Constant,
  scope: CompletionItemKind.Constant, keyword: CompletionItemKind.Keyword, input: CompletionItemKind.Field,
  value: CompletionItemKind.Variable, payLine: CompletionItemKind.Property, band: CompletionItemKind.Enum,
  flag: CompletionItemKind.Variable, award: CompletionItemKind.Property, table: CompletionItemKind.Struct,
  scoreSheet: CompletionItemKind.Module, section: CompletionItemKind.Module, item: CompletionItemKind.Field,
  deductions: CompletionItemKind.Module, event: CompletionItemKind.Event, class: CompletionItemKind.EnumMember,
  tier: CompletionItemKind.EnumMember, track: CompletionItemKind.EnumMember, enumMember: CompletionItemKind.EnumMember,
};

/** The last compile of an open document, with the text it compiled. */
interface Compiled {
  readonly version: number;
  readonly doc: TextDocument;
  readonly result: CompileResult;
  readonly markers: readonly EditorMarker[];
  readonly names: readonly PolicyName[];
  /** Offsets of the compiler's file are those of the text without a byte-order mark. */
  readonly shift: number;
}

function fileNameOf(uri: string): string {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
  } catch {
    return uri;
  }
}

function rangeOf(doc: TextDocument, shift: number, start: number, end: number): Range {
  return { start: doc.positionAt(start + shift), end: doc.positionAt(Math.max(end, start + 1) + shift) };
}

function touches(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** Runs the server on the given streams until the client says exit; resolves with the exit code. */
export function serveLanguage(lang: Lang, input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Promise<number> {
  const connection: Connection = createConnection(ProposedFeatures.all, input, output);
  const documents = new TextDocuments(TextDocument);
  const compiled = new Map<string, Compiled>();
  const pending = new Map<string, ReturnType<typeof setTimeout>>();

  const check = (doc: TextDocument): Compiled => {
    const text = doc.getText();
    const shift = text.startsWith('\uFEFF') ? 1 : 0;
    const result = compile({ name: fileNameOf(doc.uri), text });
    const markers = result.diagnostics.filter((d) => d.span.file === result.file.name).map((d) => markerOf(result, d, lang));
    const c: Compiled = { version: doc.version, doc, result, markers, names: namesOf(result), shift };
    compiled.set(doc.uri, c);
    const diagnostics = markers.map((m): LspDiagnostic => ({
      range: rangeOf(doc, shift, m.start, m.end),
      severity: m.severity === 'error' ? DiagnosticSeverity.Error : m.severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information,
      code: m.code,
      source: 'ladder',
      message: m.suggestion ? `${m.message}\n${m.suggestion}` : m.message,
      relatedInformation: m.related.map((r) => ({ location: { uri: doc.uri, range: rangeOf(doc, shift, r.start, r.end) }, message: r.message })),
      ...(m.replacement !== undefined ? { data: { replacement: m.replacement } } : {}),
    }));
    void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
    return c;
  };

  /** The document's compile as of its current text: made now if typing has not settled yet. */
  const current = (uri: string): Compiled | undefined => {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const c = compiled.get(uri);
    if (c && c.version === doc.version) return c;
    clearTimeout(pending.get(uri));
    pending.delete(uri);
    return check(doc);
  };

  connection.onInitialize(() => ({
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: ['(', '[', ' '] },
      hoverProvider: true,
      definitionProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      documentFormattingProvider: true,
    },
    serverInfo: { name: 'ladder' },
  }));

  documents.onDidOpen(({ document }) => { check(document); });
  documents.onDidChangeContent(({ document }) => {
    if (compiled.get(document.uri)?.version === document.version) return; // just opened
    clearTimeout(pending.get(document.uri));
    pending.set(document.uri, setTimeout(() => {
      pending.delete(document.uri);
      const doc = documents.get(document.uri);
      if (doc) check(doc);
    }, SETTLE_MS));
  });
  documents.onDidClose(({ document }) => {
    clearTimeout(pending.get(document.uri));
    pending.delete(document.uri);
    compiled.delete(document.uri);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });

  connection.onCompletion(({ textDocument, position }): CompletionItem[] => {
    const doc = documents.get(textDocument.uri);
    if (!doc) return [];
    const text = doc.getText();
    const offset = doc.offsetAt(position);
    const before = text.slice(doc.offsetAt({ line: position.line, character: 0 }), offset);
    if (/(^|\s)#/.test(before)) return [];
    const fromSchema = keyCompletions(policySchema, text, offset);
    if (fromSchema.kind !== 'expression') {
      return fromSchema.items.map((k): CompletionItem => ({
        label: k.key,
        kind: fromSchema.kind === 'keys' ? CompletionItemKind.Property : CompletionItemKind.EnumMember,
        insertText: fromSchema.kind === 'keys' ? `${k.key}: ` : k.key,
        ...(k.required ? { detail: lang === 'zh' ? '必填' : 'required' } : {}),
        ...(k.description ? { documentation: { kind: MarkupKind.Markdown, value: bilingual(k.description, lang) } } : {}),
        sortText: `${k.required ? 0 : 1}${k.key}`,
      }));
    }
    if (!expressionContext(before)) return [];
    // The names of the last compile that had them: while a line is half-typed the policy may not parse.
    const names = current(textDocument.uri)?.names ?? builtinNames();
    return names.flatMap((n) => [n.name, ...n.aliases].map((label): CompletionItem => ({
      label,
      kind: COMPLETION_KIND[n.kind],
      detail: n.signature ?? ([kindText(n.kind)[lang], n.type?.[lang]].filter(Boolean).join(' · ')),
      documentation: { kind: MarkupKind.Markdown, value: describeName(n, lang) },
      sortText: nameSortText(n, label),
      ...(n.kind === 'function' ? { insertText: `${label}($0)`, insertTextFormat: InsertTextFormat.Snippet } : {}),
    })));
  });

  connection.onHover(({ textDocument, position }) => {
    const doc = documents.get(textDocument.uri);
    if (!doc) return null;
    const text = doc.getText();
    const offset = doc.offsetAt(position);
    const key = keyDescription(policySchema, text, offset);
    if (key) {
      return {
        contents: { kind: MarkupKind.Markdown, value: `**${key.key}** — ${bilingual(key.description, lang)}` },
        range: { start: { line: position.line, character: key.start }, end: { line: position.line, character: key.end } },
      };
    }
    const line = doc.getText({ start: { line: position.line, character: 0 }, end: { line: position.line + 1, character: 0 } }).replace(/\r?\n$/, '');
    const word = nameAt(line, position.character + 1);
    const n = word && lookupName(current(textDocument.uri)?.names ?? builtinNames(), word.name);
    if (!word || !n) return null;
    return {
      contents: { kind: MarkupKind.Markdown, value: describeName(n, lang) },
      range: { start: { line: position.line, character: word.start - 1 }, end: { line: position.line, character: word.end - 1 } },
    };
  });

  connection.onDefinition(({ textDocument, position }): Location | null => {
    const c = current(textDocument.uri);
    if (!c) return null;
    const line = c.doc.getText({ start: { line: position.line, character: 0 }, end: { line: position.line + 1, character: 0 } }).replace(/\r?\n$/, '');
    const word = nameAt(line, position.character + 1);
    const n = word && lookupName(c.names, word.name);
    if (!n?.definedAt) return null;
    return { uri: textDocument.uri, range: rangeOf(c.doc, c.shift, n.definedAt.start, n.definedAt.end) };
  });

  // "Did you mean": the compiler's suggestion replaces what its diagnostic points at.
  connection.onCodeAction(({ textDocument, range }): CodeAction[] => {
    const c = current(textDocument.uri);
    if (!c) return [];
    return c.markers.flatMap((m) => {
      if (!m.suggestion || m.replacement === undefined) return [];
      const at = rangeOf(c.doc, c.shift, m.start, m.end);
      if (!touches(at, range)) return [];
      return [{
        title: m.suggestion, kind: CodeActionKind.QuickFix, isPreferred: true,
        edit: { changes: { [textDocument.uri]: [{ range: at, newText: m.replacement }] } },
      }];
    });
  });

  // Format Document: ladder fmt's layout, as one edit of the whole text; nothing when the YAML does not parse.
  connection.onDocumentFormatting(({ textDocument }): TextEdit[] => {
    const doc = documents.get(textDocument.uri);
    if (!doc) return [];
    const formatted = formatPolicy(fileNameOf(doc.uri), doc.getText());
    if (!formatted.ok || !formatted.changed) return [];
    return [{ range: { start: { line: 0, character: 0 }, end: doc.positionAt(doc.getText().length) }, newText: formatted.text }];
  });

  documents.listen(connection);
  return new Promise((resolve) => {
    let shutdown = false;
    connection.onShutdown(() => { shutdown = true; });
    connection.onExit(() => resolve(shutdown ? 0 : 1));
    // The client went away without saying exit (its end of the pipe closed).
    input.on('end', () => resolve(shutdown ? 0 : 1));
    connection.listen();
  });
}
