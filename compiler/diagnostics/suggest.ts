// "Did you mean …?": the closest known names to an unknown one, by edit distance over code points.

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

/** Whether every character of `a` appears in `b` in order (a is b with characters left out). */
function isSubsequence(a: readonly string[], b: readonly string[]): boolean {
  let j = 0;
  for (const c of b) if (j < a.length && a[j] === c) j++;
  return j === a.length;
}

/**
 * The candidates within a distance that grows with the name's length, best first; case and width are ignored.
 * Ranked so that the first is the one a quick fix should write (issue 18): a name one edit away comes before a name
 * that merely contains the typed one (星级积效 → 星级绩效, not 星级), and among equal distances a name the typed
 * one is a shortening of comes first (本月扣 → 本月扣分, not 本月初): a dropped character is the commoner typo.
 */
export function suggestNames(name: string, candidates: Iterable<string>, max = 5): string[] {
  const key = name.normalize('NFKC').toLowerCase();
  const keyChars = [...key];
  const len = keyChars.length;
  const limit = Math.max(1, Math.floor(len / 3));
  const scored: { c: string; score: number; order: number }[] = [];
  let order = 0;
  for (const c of candidates) {
    const ck = c.normalize('NFKC').toLowerCase();
    if (ck === key) return [c];
    const ckChars = [...ck];
    let d = editDistance(key, ck);
    let score = d * 4;
    // A name that contains the other whole (满意 ↔ 满意度) is a likely meaning even past the distance limit, but
    // after every name within the limit by its own distance.
    if (d > limit && (ck.includes(key) || key.includes(ck)) && Math.min(len, ckChars.length) >= 2) {
      d = limit;
      score = limit * 4 + 2;
    }
    if (d > limit) continue;
    if (!isSubsequence(keyChars, ckChars)) score += 1;
    scored.push({ c, score, order: order++ });
  }
  scored.sort((a, b) => a.score - b.score || a.order - b.order);
  const seen = new Set<string>();
  return scored.map((s) => s.c).filter((c) => !seen.has(c) && seen.add(c)).slice(0, max);
}

/** The best candidate (see suggestNames), or none within the distance. */
export function suggestName(name: string, candidates: Iterable<string>): string | undefined {
  return suggestNames(name, candidates, 1)[0];
}
