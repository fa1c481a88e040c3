// What JSON.parse lets through silently, found before it runs: a key written twice in one object (JSON.parse keeps
// the last: `"employees"` twice is an empty payroll, `"post_wage"` twice a different wage) and nesting deeper than
// any data file needs (8,000 levels would exhaust the stack of whatever walks the result). One pass over the text.

/** Deeper than any employees/monthly/events file: { "employees": [ { "x": [ … ] } ] } is 4. */
export const MAX_JSON_DEPTH = 64;

export interface JsonKeyIssue {
  readonly kind: 'duplicate';
  /** 1-based line of the second occurrence, and of the first. */
  readonly line: number;
  readonly firstLine: number;
  readonly key: string;
  /** Where the object is: `employees[3]`, or `(top)`. */
  readonly path: string;
}

export interface JsonDepthIssue {
  readonly kind: 'depth';
  readonly line: number;
}

export type JsonIssue = JsonKeyIssue | JsonDepthIssue;

interface Frame {
  readonly object: boolean;
  readonly keys?: Map<string, number>;
  expectKey: boolean;
  /** The key or index this frame's value is at in its parent, for the path. */
  readonly at: string;
  /** Array frames: the index of the next element. */
  index: number;
  /** Object frames: the last key read (the path of a nested value). */
  lastKey: string;
}

/**
 * Duplicate keys (each with its line and the line of the first) and nesting beyond MAX_JSON_DEPTH (then the scan
 * stops). Invalid JSON is not judged here: the scan gives up quietly and JSON.parse reports it.
 */
export function scanJson(text: string, maxIssues = 1000): JsonIssue[] {
  const issues: JsonIssue[] = [];
  const stack: Frame[] = [];
  let line = 1;
  const n = text.length;
  const pathOf = () => stack.slice(1).map((f) => f.at).join('') || '(top)';
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) { line++; continue; }
    if (c === 123 /* { */ || c === 91 /* [ */) {
      const parent = stack[stack.length - 1];
      const at = !parent ? '' : parent.object ? (stack.length === 1 ? parent.lastKey : `.${parent.lastKey}`) : `[${parent.index}]`;
      if (stack.length >= MAX_JSON_DEPTH) { issues.push({ kind: 'depth', line }); return issues; }
      stack.push({ object: c === 123, ...(c === 123 ? { keys: new Map<string, number>() } : {}), expectKey: c === 123, at, index: 0, lastKey: '' });
      continue;
    }
    if (c === 125 /* } */ || c === 93 /* ] */) {
      stack.pop();
      continue;
    }
    if (c === 44 /* , */) {
      const top = stack[stack.length - 1];
      if (top?.object) top.expectKey = true;
      else if (top) top.index++;
      continue;
    }
    if (c === 34 /* " */) {
      let j = i + 1;
      let escaped = false;
      for (; j < n; j++) {
        const d = text.charCodeAt(j);
        if (d === 92) { escaped = true; j++; continue; }
        if (d === 34) break;
        if (d === 10) return issues;
      }
      if (j >= n) return issues;
      const top = stack[stack.length - 1];
      if (top?.object && top.expectKey) {
        let key = text.slice(i + 1, j);
        if (escaped) {
          try { key = JSON.parse(text.slice(i, j + 1)) as string; } catch { return issues; }
        }
        const first = top.keys!.get(key);
        if (first !== undefined) {
          issues.push({ kind: 'duplicate', line, firstLine: first, key, path: pathOf() });
          if (issues.length >= maxIssues) return issues;
        } else {
          top.keys!.set(key, line);
        }
        top.expectKey = false;
        top.lastKey = key;
      }
      i = j;
    }
  }
  return issues;
}
