// What the tests of `ladder doc` share: the bundled policies, what a policy's document must name, an XML check.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckedPolicy } from '../compiler/check/check.ts';
import type { Lang } from '../compiler/diagnostics/catalogue.ts';
import { docWords } from '../runtime/doc/catalogue.ts';

const root = join(import.meta.dirname, '..');

/** Every bundled policy file: the seed schemes, the extras and the examples. */
export function bundledPolicies(): string[] {
  return ['policies', 'policies/extras', 'policies/examples'].flatMap((d) =>
    readdirSync(join(root, d)).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(root, d, f)));
}

/** What a policy's document must name, read from the checked model: each pay line, each table of any kind (an
 * event's amounts by tier too), each value, award and flag, and each move (from → to). */
export function namesOf(checked: CheckedPolicy, lang: Lang): string[] {
  const p = checked.policy;
  const w = docWords(lang);
  return [
    ...p.pay.map((x) => x.name), ...p.tables.map((x) => x.name), ...p.bands.map((x) => x.name), ...p.adjustments.map((x) => x.name),
    ...p.scoreSheets.map((x) => x.name), ...p.awards.map((x) => x.name), ...p.values.map((x) => x.name), ...p.flags.map((x) => x.name),
    ...p.transitions.map((t) => `${t.fromAny ? w.anyTier : t.from.name} → ${t.to.name}`),
    ...p.events.filter((e) => e.amountByTier?.length).map((e) => e.label ?? e.name),
  ];
}

/** A small XML well-formedness check: one root, every tag closed in order, attributes quoted, entities known. */
export function wellFormedProblem(xml: string): string | undefined {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  let roots = 0;
  const tag = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/g;
  let m: RegExpExecArray | null;
  while ((m = tag.exec(body))) {
    if (m[0] === '<') return `a '<' that opens no tag at ${m.index}`;
    if (m[0].startsWith('&')) return `an unknown entity at ${m.index}`;
    const [, close, name, , selfClose] = m;
    if (close) {
      if (stack.pop() !== name) return `</${name}> closes nothing open at ${m.index}`;
    } else if (!selfClose) {
      if (!stack.length) roots++;
      stack.push(name!);
    } else if (!stack.length) roots++;
  }
  if (stack.length) return `<${stack.at(-1)}> never closed`;
  return roots === 1 ? undefined : `${roots} root elements`;
}

