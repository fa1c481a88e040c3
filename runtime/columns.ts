// Columns of numbers used again after their owner is done with them. `ladder compare` runs scheme after scheme on
// one population: each run's inputs and results, tens of megabytes, are dead once its figures are made. Taking the
// next scheme's columns from them instead of from fresh memory saves the page faults of first writes and keeps the
// engine's external memory flat, which otherwise starts a full garbage collection every 64 MB or so.

export class ColumnPool {
  private readonly spare = new Map<number, Float64Array[]>();
  private readonly held = new WeakSet<Float64Array>();

  /** A column of `n` zeros. */
  zeros(n: number): Float64Array {
    return this.filled(n, 0);
  }

  /** A column of `n` cells, each `x`. */
  filled(n: number, x: number): Float64Array {
    const c = this.spare.get(n)?.pop();
    if (!c) return x === 0 ? new Float64Array(n) : new Float64Array(n).fill(x);
    this.held.delete(c);
    return c.fill(x);
  }

  /** Columns nobody reads any more (the caller's promise): each is handed out again once, however often given. Views
   * into a larger buffer are not taken: other views may still read it. */
  giveBack(columns: Iterable<Float64Array>): void {
    for (const c of columns) {
      if (c.length === 0 || this.held.has(c) || c.byteOffset !== 0 || c.byteLength !== c.buffer.byteLength) continue;
      this.held.add(c);
      let list = this.spare.get(c.length);
      if (!list) { list = []; this.spare.set(c.length, list); }
      list.push(c);
    }
  }

  /** How many columns wait to be used again (for tests). */
  get size(): number {
    let k = 0;
    for (const list of this.spare.values()) k += list.length;
    return k;
  }
}
