// The smallest and largest of many numbers, by a loop: Math.min(...xs) passes every value as an argument and throws
// RangeError (call stack) somewhere past ~125,000 of them — a payroll of 20,000 people over a year has 240,000.

/** [min, max] of xs ([Infinity, -Infinity] when empty); NaN values are skipped. */
export function extent(xs: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return [lo, hi];
}
