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
    } else {
      fatal = true;
      bag.add('L004', where, { detail: firstLine(err.message) });
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

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
