// The only way text from a policy reaches generated code: as a string literal, escaped here. Numbers are
// printed only when finite. Identifiers in generated code are always our own (v3, tb1), never a policy's names.

export function jsString(s: string): string {
  return JSON.stringify(s).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function jsNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`codegen: non-finite number ${n}`);
  return Object.is(n, -0) ? '0' : String(n);
}
