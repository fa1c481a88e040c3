// Checks a policy's structure against the JSON Schema (ajv) and turns ajv's errors into diagnostics at the
// right YAML key or value, keeping one clear error per place where oneOf alternatives would give several.

import { Ajv, type ErrorObject } from 'ajv';
import { type Document, type Node, isMap, isScalar, isSeq } from 'yaml';
import type { DiagnosticBag } from '../diagnostics/diagnostic.ts';
import { suggestName } from '../diagnostics/suggest.ts';
import { type SourceFile, type Span, span } from '../source/source.ts';
import policySchema from './policy.schema.json' with { type: 'json' };

export { policySchema };

const ajv = new Ajv({ allErrors: true, verbose: true, strict: false });
const validatePolicy = ajv.compile(policySchema);

const TYPE_ZH: Record<string, string> = {
  object: '键值映射', array: '列表', string: '文本', number: '数字', integer: '整数', boolean: 'true/false', null: '空值',
};

interface Located {
  readonly node: Node | null;
  /** The key naming this node in its parent map, when it has one. */
  readonly keySpan: Span | undefined;
}

function locate(file: SourceFile, doc: Document.Parsed, path: string[]): Located {
  let node: Node | null = doc.contents as Node | null;
  let keySpan: Span | undefined;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === seg);
      if (!pair) break;
      const k = pair.key as Node;
      keySpan = k.range ? span(file.name, k.range[0], k.range[1]) : keySpan;
      node = (pair.value as Node | null) ?? null;
    } else if (isSeq(node)) {
      node = (node.items[Number(seg)] as Node | undefined) ?? null;
      keySpan = undefined;
    } else break;
  }
  return { node, keySpan };
}

function valueSpan(file: SourceFile, at: Located): Span {
  const r = at.node?.range;
  if (r) {
    // Widen an empty span to one character, but never past the end of the file.
    const end = Math.min(Math.max(r[1], r[0] + 1), file.text.length);
    return span(file.name, Math.min(r[0], end), end);
  }
  return at.keySpan ?? span(file.name, 0, 1);
}

function splitPath(instancePath: string): string[] {
  if (!instancePath) return [];
  return instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Keeps the errors a person should read: the deepest ones, one merged type error per place. */
function pruneErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const structural = new Set(['oneOf', 'anyOf', 'if', 'not']);
  const isObject = (e: ErrorObject) => e.data !== null && typeof e.data === 'object' && !Array.isArray(e.data);
  let kept = errors.filter((e) => !structural.has(e.keyword));
  // Where the value is a mapping, errors of the scalar alternatives (type, enum) at that place are noise.
  kept = kept.filter((e) => !(isObject(e) && (e.keyword === 'type' || e.keyword === 'enum')));
  // Where another error at the same place explains a scalar (enum), drop "should be an object" from the other branch.
  kept = kept.filter((e) => !(e.keyword === 'type' && (e.params as { type: string }).type === 'object' &&
    kept.some((o) => o !== e && o.instancePath === e.instancePath && o.keyword !== 'type')));
  const byPlace = new Map<string, ErrorObject[]>();
  for (const e of kept) byPlace.set(`${e.instancePath}|${e.keyword}`, [...(byPlace.get(`${e.instancePath}|${e.keyword}`) ?? []), e]);
  const out: ErrorObject[] = [];
  for (const group of byPlace.values()) {
    const first = group[0]!;
    if (first.keyword === 'type' && group.length > 1) {
      const types = [...new Set(group.flatMap((g) => String((g.params as { type: string }).type).split(',')))];
      out.push({ ...first, params: { type: types.join(',') } });
    } else if (first.keyword === 'additionalProperties' || first.keyword === 'required') {
      const seen = new Set<string>();
      for (const g of group) {
        const k = JSON.stringify(g.params);
        if (!seen.has(k)) { seen.add(k); out.push(g); }
      }
    } else out.push(first);
  }
  return out;
}

export function validateStructure(file: SourceFile, doc: Document.Parsed, data: unknown, bag: DiagnosticBag): boolean {
  if (validatePolicy(data)) return true;
  for (const err of pruneErrors(validatePolicy.errors ?? [])) {
    const path = splitPath(err.instancePath);
    const at = locate(file, doc, path);
    const params = err.params as Record<string, unknown>;
    switch (err.keyword) {
      case 'required': {
        const field = String(params.missingProperty);
        bag.add('L010', at.keySpan ?? valueSpan(file, at), { field });
        break;
      }
      case 'additionalProperties': {
        const field = String(params.additionalProperty);
        const child = locate(file, doc, [...path, field]);
        const known = Object.keys(((err.parentSchema as { properties?: object } | undefined)?.properties) ?? {});
        const suggestion = suggestName(field, known);
        bag.add('L011', child.keySpan ?? valueSpan(file, at), { field }, suggestion ? { suggestion } : {});
        break;
      }
      case 'type': {
        const types = String(params.type).split(',');
        if (err.data === null || err.data === '') {
          bag.add('L014', at.keySpan ?? valueSpan(file, at), { field: path[path.length - 1] ?? '', what: '' });
        } else {
          bag.add('L012', valueSpan(file, at), { expected: types.join(' or '), expectedZh: types.map((t) => TYPE_ZH[t] ?? t).join('或') });
        }
        break;
      }
      case 'enum': {
        const allowed = (params.allowedValues as unknown[]).map(String);
        const value = String(err.data);
        const suggestion = suggestName(value, allowed);
        bag.add('L013', valueSpan(file, at), { value, allowed: allowed.join(', ') }, suggestion ? { suggestion } : {});
        break;
      }
      case 'pattern':
        bag.add('L015', valueSpan(file, at), { value: String(err.data), expected: 'YYYY-MM', expectedZh: '年-月（YYYY-MM）' });
        break;
      case 'minLength': case 'minProperties': case 'minItems':
        bag.add('L014', at.keySpan ?? valueSpan(file, at), { field: path[path.length - 1] ?? '', what: '' });
        break;
      default:
        bag.add('L015', valueSpan(file, at), { value: String(err.data), expected: err.message ?? err.keyword, expectedZh: err.message ?? err.keyword });
    }
  }
  return false;
}
