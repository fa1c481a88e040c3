// Reads a policy file's text as one YAML document, keeping every node's source range, and turns YAML's own
// errors (syntax, duplicate keys, alias bombs, runaway nesting) into diagnostics.

import { type Document, LineCounter, isMap, isScalar, parseDocument, visit } from 'yaml';
import type { DiagnosticBag } from '../diagnostics/diagnostic.ts';
import { type SourceFile, span } from '../source/source.ts';

export interface ReadYaml {
  readonly file: SourceFile;
  /** Undefined when the text could not be read as a YAML mapping at all. */
  readonly doc: Document.Parsed | undefined;
  /** The document as plain data, for structure validation. */
  readonly data: unknown;
}

/** Aliases allowed when expanding a document: enough for honest reuse, far too few for a "billion laughs" bomb. */
const MAX_ALIAS_EXPANSION = 200;

export function readYaml(file: SourceFile, bag: DiagnosticBag): ReadYaml {
  const none = { file, doc: undefined, data: undefined };
  if (!/\S/.test(file.text.replace(/#.*$/gm, ''))) {
    bag.add('L001', span(file.name, 0, 0));
    return none;
  }
  let doc: Document.Parsed;
  try {
    doc = parseDocument(file.text, {
      lineCounter: new LineCounter(),
      prettyErrors: false,
      // yaml's own duplicate check compares each key with every earlier one (quadratic on a 900-entry map);
      // reportDuplicateKeys does the same job with a set.
      uniqueKeys: false,
      strict: true,
    });
  } catch (e) {
    bag.add('L005', span(file.name, 0, 0), { detail: e instanceof RangeError ? 'nesting too deep / 嵌套过深' : String((e as Error).message) });
    return none;
  }
  let fatal = false;
  for (const err of doc.errors) {
    const [start, end] = err.pos;
    const to = Math.min(Math.max(end, start + 1), file.text.length);
    const where = span(file.name, Math.min(start, to), to);
    if (err.code === 'DUPLICATE_KEY') {
      const rest = file.text.slice(start, start + 200);
      const key = rest.split(/[:\n]/)[0]!.trim() || '?';
      bag.add('L006', where, { key });
    } else if (/call stack/i.test(err.message)) {
      fatal = true;
      bag.add('L005', where, { detail: 'nesting too deep / 嵌套过深' });
    } else if (!fatal) {
      // One syntax error is reported: YAML's later errors are mostly echoes of the first.
      fatal = true;
      const why = explainSyntaxError(file.text, err.code, start, firstLine(err.message));
      // Inside the file even when YAML stops at its very end (the one-character file `[`).
      const from = Math.min(why.start, Math.max(0, file.text.length - 1));
      bag.add('L004', span(file.name, from, Math.min(Math.max(why.end, from + 1), file.text.length)), { detail: why.en, zh: why.zh, en: why.en });
    }
  }
  if (fatal) return { file, doc: undefined, data: undefined };
  reportDuplicateKeys(file, doc, bag);
  if (!isMap(doc.contents)) {
    bag.add('L007', span(file.name, doc.contents?.range?.[0] ?? 0, doc.contents?.range?.[1] ?? 0));
    return none;
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION });
  } catch (e) {
    const detail = e instanceof RangeError ? 'nesting too deep / 嵌套过深' : firstLine((e as Error).message);
    bag.add('L005', span(file.name, 0, 1), { detail });
    return none;
  }
  return { file, doc, data };
}

function reportDuplicateKeys(file: SourceFile, doc: Document.Parsed, bag: DiagnosticBag): void {
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        const key = pair.key;
        if (!isScalar(key)) continue;
        const name = String(key.value);
        if (seen.has(name) && key.range) bag.add('L006', span(file.name, key.range[0], key.range[1]), { key: name });
        seen.add(name);
      }
    },
  });
}

/** The line a YAML syntax error asks the author to change, and what to write, in both languages (issue 18). The
 * yaml library reports where parsing failed, which is often after the mistake: a `key:value` without a space is
 * read as part of a key that runs on to the next line, an unclosed quote is found at the end of the file. */
function explainSyntaxError(text: string, code: string, at: number, message: string): { start: number; end: number; zh: string; en: string } {
  const lineStart = (i: number) => text.lastIndexOf('\n', i - 1) + 1;
  const lineEnd = (i: number) => { const e = text.indexOf('\n', i); return e < 0 ? text.length : e; };
  const pos = Math.min(at, text.length);
  const line = { start: lineStart(pos), end: lineEnd(pos) };
  const lineNo = (i: number) => text.slice(0, i).split('\n').length;
  const indent = (s: string) => /^ */.exec(s)![0].length;
  const lines = text.split('\n');
  const here = lineNo(line.start) - 1;
  if (code === 'TAB_AS_INDENT') {
    return { ...line, zh: '缩进用了 Tab：请改用空格（每级两个空格）', en: 'a tab is used for indentation: indent with spaces (two per level)' };
  }
  if (code === 'MISSING_CHAR' && /quote/i.test(message)) {
    // The quote that is never closed: the last line before here with an odd number of that quote mark.
    const mark = /'/.test(message) && !/"/.test(message) ? "'" : '"';
    for (let k = here; k >= 0; k--) {
      const l = lines[k]!.replace(/#.*$/, '');
      if ((l.split(mark).length - 1) % 2 === 1) {
        const s = lines.slice(0, k).join('\n').length + (k ? 1 : 0);
        return { start: s, end: s + lines[k]!.length, zh: `这一行的引号 ${mark} 没有闭合：在值的末尾补上 ${mark}`, en: `the quote ${mark} on this line is not closed: add ${mark} at the end of the value` };
      }
    }
  }
  // `键:值` without a space after the colon, on this line or (for a key running on) the line before.
  for (const k of [here, here - 1]) {
    const l = lines[k];
    if (l === undefined) continue;
    const m = /^(\s*(?:- )?[^\s#:"'{[][^#:]*?)[:：](?=[^\s:/])/.exec(l);
    if (m && !/^\s*(?:- )?[^\s:]+:(\s|$)/.test(l) && !/https?$/.test(m[1]!)) {
      const s = lines.slice(0, k).join('\n').length + (k ? 1 : 0);
      const fixed = `${m[1]!.trim()}: ${l.slice(m[0].length).replace(/\s+#.*$/, '').trim()}`;
      return { start: s, end: s + l.length, zh: `冒号后缺少空格：写成“${fixed}”`, en: `a space is missing after the colon: write '${fixed}'` };
    }
  }
  if (code === 'BAD_INDENT') {
    // A line whose indentation matches no key above it: this line is the one to change. Where it belongs: a key that
    // opens a block goes shallower than its children; any other line level with the line before it (or under it).
    const own = indent(lines[here] ?? '');
    const levels = new Set<number>();
    for (let k = here - 1; k >= 0; k--) {
      const l = lines[k]!;
      if (!l.trim() || l.trim().startsWith('#')) continue;
      levels.add(indent(l));
      if (indent(l) === 0) break;
    }
    const next = lines.slice(here + 1).find((l) => l.trim() && !l.trim().startsWith('#'));
    const nextIndent = next === undefined ? undefined : indent(next);
    const opensBlock = (l: string) => /:\s*(#.*)?$/.test(l);
    const prev = lines.slice(0, here).reverse().find((l) => l.trim() && !l.trim().startsWith('#'));
    const near = opensBlock(lines[here] ?? '') && nextIndent !== undefined && nextIndent > own
      ? [...levels].filter((x) => x < nextIndent).sort((a, b) => b - a)[0] ?? 0
      : prev === undefined ? 0 : opensBlock(prev) ? indent(prev) + 2 : indent(prev);
    return { ...line, zh: `这一行的缩进（${own} 个空格）与同级的键不一致：改为 ${near} 个空格`, en: `this line's indentation (${own} spaces) matches no key at its level: indent it by ${near} spaces` };
  }
  if (code === 'MULTILINE_IMPLICIT_KEY' || code === 'BLOCK_AS_IMPLICIT_KEY') {
    // A line indented deeper than the key before it, which already has a value: that line is the one to change.
    for (let k = here + 1; k < lines.length && k <= here + 2; k++) {
      const l = lines[k]!;
      if (!l.trim() || l.trim().startsWith('#')) continue;
      const prev = lines[k - 1]!;
      if (indent(l) > indent(prev) && /:\s+\S/.test(prev) && !/:\s*[|>][-+]?\s*$/.test(prev)) {
        const s = lines.slice(0, k).join('\n').length + 1;
        return { start: s, end: s + l.length, zh: `这一行缩进多了：与上一行的键对齐（${indent(prev)} 个空格）`, en: `this line is indented too far: align it with the key above (${indent(prev)} spaces)` };
      }
      break;
    }
  }
  return { start: pos, end: Math.min(lineEnd(pos), pos + 1), zh: `${message}（请检查这一行及上一行的缩进和冒号）`, en: message };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
