// Section keys from the policy JSON Schema, for the editor: which keys may be written where the cursor is, which
// values a key takes (its enum), and what a key means (its description). The YAML may be half-typed, so the place
// in the document is read from indentation line by line rather than from a parse.

type Schema = {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly description?: string;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly additionalProperties?: boolean | Schema;
  readonly patternProperties?: Readonly<Record<string, Schema>>;
  readonly items?: Schema;
  readonly oneOf?: readonly Schema[];
  readonly anyOf?: readonly Schema[];
  readonly enum?: readonly unknown[];
  readonly required?: readonly string[];
  readonly definitions?: Readonly<Record<string, Schema>>;
};

export interface KeySuggestion {
  readonly key: string;
  readonly description?: string;
  readonly required: boolean;
  /** The values the key takes, when the schema lists them. */
  readonly values?: readonly string[];
}

interface Line {
  readonly dash: number | undefined;
  readonly indent: number;
  readonly key: string | undefined;
  /** Text after `key:` (empty for a block that continues on the next lines). */
  readonly rest: string;
  readonly blank: boolean;
}

const KEY_LINE = /^(\s*)(-\s+)?([^\s#:{}[\],'"][^#:{}[\],]*?|"[^"]*"|'[^']*')\s*:(?:\s+(.*))?$/;

function readLine(text: string): Line {
  const stripped = text.replace(/\s+#.*$/, '');
  if (/^\s*(#.*)?$/.test(stripped)) return { dash: undefined, indent: 0, key: undefined, rest: '', blank: true };
  const m = KEY_LINE.exec(stripped);
  const lead = /^\s*/.exec(stripped)![0].length;
  if (!m) {
    const dash = /^(\s*)-(\s+|$)/.exec(stripped);
    return { dash: dash ? lead : undefined, indent: dash ? dash[0].length : lead, key: undefined, rest: stripped.trim(), blank: false };
  }
  const dash = m[2] ? lead : undefined;
  return { dash, indent: lead + (m[2]?.length ?? 0), key: m[3]!.replace(/^["']|["']$/g, ''), rest: (m[4] ?? '').trim(), blank: false };
}

/** The keys from the document's root to the mapping that holds column `indent` of line `at`; `[]` marks a list item. */
function pathTo(lines: readonly string[], at: number, indent: number, dashAt: number | undefined): string[] {
  const path: string[] = [];
  let cur = indent;
  let owner = dashAt; // inside a list item: the key owning the list is at or left of the dash
  if (dashAt !== undefined) path.unshift('[]');
  for (let j = at - 1; j >= 0 && cur > 0; j--) {
    const l = readLine(lines[j]!);
    if (l.blank) continue;
    if (owner !== undefined) {
      if (l.key !== undefined && l.indent <= owner && l.rest === '' && !(l.dash !== undefined && l.dash === owner)) {
        path.unshift(l.key);
        cur = l.dash ?? l.indent;
        owner = undefined;
        if (l.dash !== undefined) { path.unshift('[]'); owner = l.dash; }
      }
      continue;
    }
    if (l.indent === cur && l.dash !== undefined && l.dash < cur) {
      // A sibling key on the item's first line: we are in that list item.
      path.unshift('[]');
      owner = l.dash;
      cur = l.dash;
      continue;
    }
    if (l.key !== undefined && l.indent < cur && l.rest === '') {
      path.unshift(l.key);
      cur = l.dash ?? l.indent;
      if (l.dash !== undefined) { path.unshift('[]'); owner = l.dash; }
    }
  }
  return path;
}

function deref(root: Schema, s: Schema | undefined): Schema | undefined {
  let node = s;
  for (let k = 0; node?.$ref && k < 10; k++) node = root.definitions?.[node.$ref.replace('#/definitions/', '')];
  return node;
}

/** Every alternative a node may take (oneOf/anyOf flattened), dereferenced. */
function alternatives(root: Schema, s: Schema | undefined): Schema[] {
  const node = deref(root, s);
  if (!node) return [];
  const alts = [...(node.oneOf ?? []), ...(node.anyOf ?? [])];
  return alts.length ? [node, ...alts.flatMap((a) => alternatives(root, a))] : [node];
}

function child(root: Schema, nodes: readonly Schema[], segment: string): Schema[] {
  return nodes.flatMap((n) => {
    if (segment === '[]') return n.items ? alternatives(root, n.items) : [];
    const p = n.properties?.[segment];
    if (p) return alternatives(root, p);
    for (const [pattern, s] of Object.entries(n.patternProperties ?? {})) if (new RegExp(pattern, 'u').test(segment)) return alternatives(root, s);
    return typeof n.additionalProperties === 'object' ? alternatives(root, n.additionalProperties) : [];
  });
}

function resolve(root: Schema, path: readonly string[]): Schema[] {
  let nodes = alternatives(root, root);
  for (const seg of path) nodes = child(root, nodes, seg);
  return nodes;
}

function suggestionsOf(root: Schema, nodes: readonly Schema[]): KeySuggestion[] {
  const out = new Map<string, KeySuggestion>();
  for (const n of nodes) {
    for (const [key, s] of Object.entries(n.properties ?? {})) {
      if (out.has(key)) continue;
      const alts = alternatives(root, s);
      const description = alts.find((a) => a.description)?.description;
      const values = alts.flatMap((a) => a.enum ?? []).map(String);
      out.set(key, { key, required: !!n.required?.includes(key), ...(description ? { description } : {}), ...(values.length ? { values } : {}) });
    }
  }
  return [...out.values()];
}

/** Where a position is: the 0-based line and the column (code units) within it. */
function locate(text: string, offset: number): { lines: string[]; line: number; column: number } {
  const lines = text.split(/\r?\n/);
  let line = 0;
  let start = 0;
  while (line < lines.length - 1 && start + lines[line]!.length + 1 <= offset) { start += lines[line]!.length + 1; line++; }
  return { lines, line, column: offset - start };
}

/**
 * What the editor may offer at `offset`: keys of the mapping the cursor is in (those not written yet); after
 * `key: `, the values that key takes; or `expression` where the cursor is inside a value the schema does not list
 * values for (the editor offers names there).
 */
export function keyCompletions(schema: object, text: string, offset: number): { kind: 'keys' | 'values' | 'expression'; items: KeySuggestion[] } {
  const root = schema as Schema;
  const { lines, line, column } = locate(text, offset);
  const before = lines[line]!.slice(0, column);
  const valueOf = /^(\s*)(-\s+)?([^\s#:{}[\],][^#:{}[\],]*?)\s*:\s+(\S*)$/.exec(before);
  if (valueOf) {
    const lead = valueOf[1]!.length;
    const dash = valueOf[2] ? lead : undefined;
    const path = [...pathTo(lines, line, lead + (valueOf[2]?.length ?? 0), dash), valueOf[3]!];
    const values = [...new Set(resolve(root, path).flatMap((n) => n.enum ?? []).map(String))];
    if (values.length) return { kind: 'values', items: values.map((v) => ({ key: v, required: false })) };
    return { kind: 'expression', items: [] };
  }
  if (!/^\s*(-\s+)?[^\s:#]*$/.test(before)) return { kind: 'expression', items: [] };
  const lead = /^\s*/.exec(before)![0].length;
  const dashMatch = /^(\s*)-\s+/.exec(before);
  const indent = dashMatch ? dashMatch[0].length : lead;
  const nodes = resolve(root, pathTo(lines, line, indent, dashMatch ? lead : undefined));
  // Keys already written in the same mapping are not offered again.
  const written = new Set<string>();
  for (const dir of [-1, 1]) {
    for (let j = line + dir; j >= 0 && j < lines.length; j += dir) {
      const l = readLine(lines[j]!);
      if (l.blank) continue;
      if (l.indent < indent || (dir > 0 && l.dash !== undefined && l.dash < indent)) break;
      if (l.indent === indent && l.key !== undefined) written.add(l.key);
      if (dir < 0 && l.dash !== undefined && l.indent === indent) break;
    }
  }
  return { kind: 'keys', items: suggestionsOf(root, nodes).filter((s) => !written.has(s.key)) };
}

/** The description of the key written on the line at `offset`, if the cursor is on it. */
export function keyDescription(schema: object, text: string, offset: number): { key: string; description: string; start: number; end: number } | undefined {
  const root = schema as Schema;
  const { lines, line, column } = locate(text, offset);
  const l = readLine(lines[line]!);
  if (l.key === undefined) return undefined;
  const start = lines[line]!.indexOf(l.key, l.indent);
  if (column < start || column > start + l.key.length) return undefined;
  const path = [...pathTo(lines, line, l.indent, l.dash), l.key];
  const description = resolve(root, path).find((n) => n.description)?.description;
  return description ? { key: l.key, description, start, end: start + l.key.length } : undefined;
}
