// The policy formatter behind `ladder fmt`: one canonical layout for a policy file — sections in the order the
// reference lists them, 2-space indentation, one space before a trailing comment, `{ a: 1 }` and `[a, b]`, a flow
// mapping kept on its line only while the line fits in 120 columns — that keeps every comment and never changes a
// value. No Node built-ins: the playground offers it too (Format Document).
//
// It works on the `yaml` package's Document (which keeps comments and blank lines on its nodes) and prints with it;
// two things that printer would change are kept by hand:
//   - every plain or quoted scalar is printed as written (`-1e12` stays `-1e12`, `"\t"` stays `"\t"`), and one
//     written over several lines (a long expression broken at `or`/`elif`) keeps its lines, each continuation line
//     re-indented (folding ignores that indentation, so the value is the same); `>` scalars keep theirs too;
//   - the `# yaml-language-server: $schema=…` modeline stays the first line whatever section moves.

import { type Document, Lexer, type Node, type Pair, Scalar, type YAMLMap, YAMLSeq, isMap, isScalar, isSeq, parseDocument, visit } from 'yaml';
import { type Diagnostic, DiagnosticBag, sortDiagnostics } from '../diagnostics/diagnostic.ts';
import { createSourceFile } from '../source/source.ts';
import { displayWidth } from '../source/width.ts';
import { readYaml } from '../yaml/read.ts';
import policySchema from '../schema/policy.schema.json' with { type: 'json' };

export type FormatResult =
  | { readonly ok: true; readonly text: string; readonly changed: boolean }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** The top-level sections in the order docs/reference.md §2 and the schema list them. */
export const SECTION_ORDER: readonly string[] = Object.keys((policySchema as { properties: Record<string, unknown> }).properties);

const MODELINE = /^\s*yaml-language-server:/;

/**
 * The policy text in its canonical layout; or, when the text is not well-formed YAML (a syntax error, a duplicate
 * key, several documents), the reasons, and nothing is formatted. `name` is only for the diagnostics' spans.
 */
export function formatPolicy(name: string, text: string): FormatResult {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const source = text.slice(bom.length);
  const bag = new DiagnosticBag();
  const file = createSourceFile(name, source);
  const read = readYaml(file, bag);
  // An empty or comment-only file is left as it is; one that is not a mapping is the compiler's to report.
  if (bag.items.some((d) => d.code === 'L001')) return { ok: true, text, changed: false };
  if (bag.hasErrors || !read.doc) return { ok: false, diagnostics: sortDiagnostics(bag.items) };

  const doc = parseDocument(source, { uniqueKeys: false, keepSourceTokens: false });
  if (isMap(doc.contents)) orderSections(doc, doc.contents);
  const kept = keepScalarText(doc, source);
  // flowCollectionPadding here is for mappings; flow sequences turn it off for themselves (see keepSequencesTight).
  keepSequencesTight(doc);
  let out = printFitting(doc, kept);
  out = out.replace(/[ \t]+$/gm, '');
  // One blank line between sections: a section's trailing comment brings its own blank line, and the next section
  // its spaceBefore. Only before a line at column 0 (outside any block scalar), and not where a `|+`/`>+` scalar
  // could be keeping trailing blank lines as its value.
  if (!/[|>][1-9]?\+/.test(source)) out = out.replace(/\n{3,}(?=\S)/g, '\n\n');
  if (!out.endsWith('\n')) out += '\n';
  const lineEnd = /\r\n/.test(source) ? '\r\n' : '\n';
  if (lineEnd !== '\n') out = out.replace(/\n/g, lineEnd);
  out = bom + out;
  return { ok: true, text: out, changed: out !== text };
}

/** Top-level sections in SECTION_ORDER, keys the schema does not know after them in their own order; a blank line
 * before each section but the first. The modeline, if the first section carried it, stays at the top. */
function orderSections(doc: Document, map: YAMLMap): void {
  const rank = (p: Pair): number => {
    const k = isScalar(p.key) ? String(p.key.value) : '';
    const i = SECTION_ORDER.indexOf(k);
    return i < 0 ? SECTION_ORDER.length : i;
  };
  const items = map.items as Pair[];
  const first = items[0];
  const sorted = items.map((p, i) => ({ p, i })).sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i).map((x) => x.p);
  if (first && sorted[0] !== first && isScalar(first.key) && first.key.commentBefore) {
    // The first key holds the comment lines at the top of the file; the modeline among them belongs to the file.
    const lines = first.key.commentBefore.split('\n');
    const top = lines.filter((l) => MODELINE.test(l));
    if (top.length) {
      first.key.commentBefore = lines.filter((l) => !MODELINE.test(l)).join('\n') || undefined;
      doc.commentBefore = [...top, ...(doc.commentBefore ? [doc.commentBefore] : [])].join('\n');
    }
  }
  map.items = sorted;
  sorted.forEach((p, i) => {
    const key = p.key as Node | null;
    if (i > 0 && key && typeof key === 'object') (key as { spaceBefore?: boolean }).spaceBefore = true;
  });
}

/**
 * Scalars keep their source text: each is replaced by a placeholder for printing, and the placeholder by the
 * scalar's source, continuation lines indented two past the start of the line it is on.
 */
function keepScalarText(doc: Document, source: string): KeptScalars {
  const originals = new Map<string, string>();
  const chains = new Map<string, YAMLMap[]>();
  let n = 0;
  let marker = 'LADDERFMTKEEP';
  while (source.includes(marker)) marker += 'X';
  visit(doc, {
    Scalar(_, node, path) {
      const s = node as Scalar;
      if (!s.range) return;
      const raw = source.slice(s.range[0], s.range[1]).replace(/\s+$/, '');
      let kept: string[];
      if (s.type === Scalar.PLAIN || s.type === Scalar.QUOTE_DOUBLE || s.type === Scalar.QUOTE_SINGLE) {
        // Folding drops each line's indentation: any indentation past the parent's reads the same.
        kept = raw.split('\n').map((l) => l.trim());
      } else if (s.type === Scalar.BLOCK_FOLDED) {
        // `>` lines keep their indentation relative to each other (a more-indented line is not folded). A header
        // with an indentation digit, keep-chomping `+` or a comment is left to the printer.
        const [header, ...body] = raw.split('\n');
        if (!/^>-?\s*$/.test(header!)) return;
        const least = Math.min(...body.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
        kept = [header!.trim(), ...body.map((l) => (l.trim() ? l.slice(least).trimEnd() : ''))];
      } else {
        return; // `|` literals print as written
      }
      const id = `${marker}${n++}Z`;
      originals.set(id, kept.join('\n'));
      // The flow mappings the scalar is inside, outermost first, up to the first flow sequence (a mapping inside
      // `[…]` cannot be written as a block).
      const maps: YAMLMap[] = [];
      for (const up of path) {
        if (isSeq(up) && up.flow) break;
        if (isMap(up) && up.flow) maps.push(up);
      }
      chains.set(id, maps);
      s.value = id;
      s.type = Scalar.PLAIN;
    },
  });
  const re = new RegExp(`${marker}\\d+Z`, 'g');
  const restoreLine = (line: string): string => {
    const indent = ' '.repeat(/^[ -]*/.exec(line)![0].length + 2);
    return line.replace(re, (id) => {
      const [head, ...rest] = originals.get(id)!.split('\n');
      return [head, ...rest.map((l) => (l === '' ? '' : indent + l))].join('\n');
    });
  };
  return {
    restore: (out) => (originals.size ? out.split('\n').map(restoreLine).join('\n') : out),
    restoreLine,
    flowMapsOf: (line) => [...line.matchAll(re)].map((m) => chains.get(m[0]) ?? []),
  };
}

interface KeptScalars {
  /** The printed text with every scalar's source text back. */
  restore(out: string): string;
  /** One printed line with its scalars' source text back (a scalar over several lines brings its lines). */
  restoreLine(line: string): string;
  /** For each scalar on a printed line, the flow mappings it is inside that could be written as blocks. */
  flowMapsOf(line: string): YAMLMap[][];
}

/** Widest a line may be, in terminal columns (a Chinese character takes two), before a flow mapping on it is
 * written as a block instead. */
export const LINE_WIDTH = 120;

/**
 * The document printed with every flow mapping kept as flow where it fits in LINE_WIDTH; one that does not is
 * written as a block (the outermost first; a mapping inside it may then fit). A line too long for any other reason
 * — a long expression, a flow sequence — is left as it is.
 */
function printFitting(doc: Document, kept: KeptScalars): string {
  for (;;) {
    const printed = doc.toString({ indent: 2, indentSeq: true, lineWidth: 0, flowCollectionPadding: true });
    let unfolded = false;
    for (const line of printed.split('\n')) {
      if (displayWidth(kept.restoreLine(line).split('\n')[0]!) <= LINE_WIDTH) continue;
      const map = kept.flowMapsOf(line).flatMap((chain) => chain.filter((m) => m.flow))[0];
      if (!map) continue;
      map.flow = false;
      unfolded = true;
    }
    // Each round writes at least one mapping as a block, so this ends.
    if (!unfolded) return kept.restore(printed);
  }
}

/** `[a, b]` without the padding `{ a: 1 }` has: each flow collection prints itself with its own padding (the
 * printer would otherwise hand a sequence's setting down to the mappings inside it). */
function keepSequencesTight(doc: Document): void {
  const pad = (node: YAMLSeq | YAMLMap, padding: string) => {
    const own = node.toString;
    node.toString = function (this: YAMLSeq | YAMLMap, ctx?: Parameters<typeof own>[0], ...rest: unknown[]) {
      return (own as (...a: unknown[]) => string).call(this, ctx ? { ...ctx, flowCollectionPadding: padding } : ctx, ...rest);
    };
  };
  visit(doc, {
    Seq(_, node) { if ((node as YAMLSeq).flow) pad(node as YAMLSeq, ''); },
    Map(_, node) { if ((node as YAMLMap).flow) pad(node as YAMLMap, ' '); },
  });
}

/** Every comment of a YAML text as the YAML lexer reads it (so a `#` inside a string is not one), trimmed and sorted —
 * for checking that formatting kept them all. */
export function commentsOf(text: string): string[] {
  const out: string[] = [];
  for (const token of new Lexer().lex(text)) if (token.startsWith('#')) out.push(token.trim());
  return out.sort();
}
