// Generated code holds no text from a policy at all: names become numbered locals and columns (v3, O3, tb1), and
// strings and enum values become indexes into dictionaries kept beside the code. Numbers are the only literals,
// printed only when finite.

export function jsNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`codegen: non-finite number ${n}`);
  return Object.is(n, -0) ? '0' : String(n);
}
