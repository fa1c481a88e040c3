// "Did you mean …?": the closest known name to an unknown one, by edit distance over code points.

/** Edits between two names, counting two swapped neighbours (scroe → score) as one edit: the commonest typo. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let before: number[] = [];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      cur[j] = d;
    }
    before = prev;
    prev = cur;
  }
  return prev[y.length]!;
}

/** The best candidate within a distance that grows with the name's length; case and width are ignored. */
export function suggestName(name: string, candidates: Iterable<string>): string | undefined {
  const key = name.normalize('NFKC').toLowerCase();
  const len = [...key].length;
  const limit = Math.max(1, Math.floor(len / 3));
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const ck = c.normalize('NFKC').toLowerCase();
    if (ck === key) return c;
    let d = editDistance(key, ck);
    // A name that contains the other whole (满意 ↔ 满意度) is a likely meaning even past the distance limit.
    if (d > limit && (ck.includes(key) || key.includes(ck)) && Math.min(len, [...ck].length) >= 2) d = limit;
    if (d <= limit && d < bestScore) {
      best = c;
      bestScore = d;
    }
  }
  return best;
}
