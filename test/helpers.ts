// Test helpers: compile policy text and summarise its diagnostics as `code line:col`.

import { compile, type CompileResult } from '../compiler/compile.ts';
import { positionOf } from '../compiler/source/source.ts';

export function compileText(text: string, name = 'test.yaml'): CompileResult {
  return compile({ name, text });
}

export function codesAt(result: CompileResult): string[] {
  return result.diagnostics.map((d) => {
    const p = positionOf(result.file, d.span.start);
    return `${d.code} ${p.line}:${p.column}`;
  });
}

/** A minimal policy around some pay lines / values / flags, for testing one formula. */
export function policyWith(sections: string): string {
  return `policy:\n  name: t\n${sections}`;
}
