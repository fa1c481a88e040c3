// Money rounding against an exact reference, a million cases and more: amounts as the runtime computes them (a
// literal or data amount, amount × percent, amount × percent + amount, sums of lines, points × a rate), near-ties,
// ties, negatives and amounts up to the limit, each rounded with every rule the language has (四舍五入, 银行家舍入,
// 舍去, 进一) to every precision (分, 角, 元). The reference is integer arithmetic on BigInt over the exact decimal
// each case stands for; it is itself checked against decimal.js on a sample. A fixed seed: the same cases every run.
// Issue 20: 0.004999999元 rounded to 0.01, amounts from 2.2 × 10^7 yuan a fen off, beyond 2^53 fen silently wrong.

import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { MONEY_LIMIT, type Rounding, formatFen, roundMoney, roundToFen, roundUnits, sumLinesFen, toFen } from '../../runtime/money.ts';

const MODES: readonly Rounding[] = ['half-up', 'half-even', 'down', 'up'];
const PRECISIONS = [0.01, 0.1, 1] as const;
/** Millionths of a yuan in one unit of each precision. */
const PER = new Map<number, bigint>([[0.01, 10_000n], [0.1, 100_000n], [1, 1_000_000n]]);

/** The exact rounding of `micro` millionths of a yuan to whole units of `per` millionths, with `mode`: signed
 * BigInt division (truncating toward zero), then the rule on the remainder. */
function reference(micro: bigint, per: bigint, mode: Rounding): bigint {
  const q = micro / per;
  const r = micro % per;
  if (r === 0n) return q;
  const away = micro < 0n ? q - 1n : q + 1n;
  const twice = (r < 0n ? -r : r) * 2n;
  switch (mode) {
    case 'down': return q;
    case 'up': return away;
    case 'half-up': return twice >= per ? away : q;
    case 'half-even': return twice > per || (twice === per && q % 2n !== 0n) ? away : q;
  }
}

/** mulberry32: a small seeded generator, fast enough for millions of draws. */
function generator(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Case { readonly x: number; readonly micro: bigint; readonly what: string }

/** One case: the double the runtime would hold, and the exact amount (in millionths of a yuan) it stands for. */
function drawCase(next: () => number): Case {
  const int = (max: number) => Math.floor(next() * (max + 1));
  const sign = () => (next() < 0.3 ? -1 : 1);
  // Amounts spread over every magnitude up to the limit: 10^0 … 10^10 fen.
  const fen = () => sign() * int(10 ** int(10));
  const kind = int(5);
  if (kind === 0) {
    // An amount as written or read from data (up to 6 places), often at or beside a tie of some precision.
    const base = sign() * int(10 ** int(14));
    const tie = [5_000, 50_000, 500_000][int(2)]!;
    const micro = next() < 0.6 ? base - (base % 1_000_000) + tie + (int(2) - 1) * (next() < 0.5 ? 1 : 0) : base;
    const m = Math.max(-1e14, Math.min(1e14, micro));
    return { x: m / 1e6, micro: BigInt(m), what: `${m} micro-yuan written as ${m / 1e6}` };
  }
  if (kind === 1 || kind === 2) {
    // amount × percent (a hundredth of a percent is 1 basis point), + another amount for kind 2. Percents that
    // halve (50%, 25%, 12.5%, 6.25%) land on ties often.
    const bp = next() < 0.4 ? [5000, 2500, 1250, 625, 50, 25][int(5)]! * (1 + int(3)) : int(20_000);
    const a = Math.trunc(fen() / (bp > 10_000 ? 2 : 1));
    const b = kind === 2 ? Math.trunc(fen() / 2) : 0;
    const x = (a / 100) * (bp / 10000) + b / 100;
    return { x, micro: BigInt(a) * BigInt(bp) + BigInt(b) * 10_000n, what: `${a / 100}元 × ${bp / 100}% + ${b / 100}元` };
  }
  if (kind === 3) {
    // A month's lines summed before rounding: several amounts to the fen, added and subtracted.
    let x = 0;
    let micro = 0n;
    const parts: string[] = [];
    for (let i = 0, n = 2 + int(4); i < n; i++) {
      const f = Math.trunc(fen() / 8);
      x += f / 100;
      micro += BigInt(f) * 10_000n;
      parts.push(String(f / 100));
    }
    return { x, micro, what: parts.join(' + ') };
  }
  if (kind === 4) {
    // Points to 4 places × a rate to the fen: (score − 80) × 10元, as seed D7 writes it.
    const tenThousandths = sign() * int(10_000_000);
    const rateFen = int(100_000);
    const x = (tenThousandths / 10000) * (rateFen / 100);
    return { x, micro: BigInt(tenThousandths) * BigInt(rateFen), what: `${tenThousandths / 10000} × ${rateFen / 100}元` };
  }
  // A score percent of a star amount: 星级绩效 × score% with a score to 2 places.
  const hundredths = int(11_000);
  const amountFen = int(10_000_000);
  const x = (amountFen / 100) * ((hundredths / 100) / 100);
  return { x, micro: BigInt(amountFen) * BigInt(hundredths), what: `${amountFen / 100}元 × ${hundredths / 100}%` };
}

const SEED = 20261202;
const CHUNKS = 12;
const PER_CHUNK = 100_000;

describe(`money rounding equals the exact reference (${CHUNKS * PER_CHUNK} cases, seed ${SEED})`, () => {
  it('the reference agrees with decimal.js on a sample of every kind of case', () => {
    const next = generator(SEED - 1);
    const dec: Record<Rounding, Decimal.Rounding> = { 'half-up': Decimal.ROUND_HALF_UP, 'half-even': Decimal.ROUND_HALF_EVEN, down: Decimal.ROUND_DOWN, up: Decimal.ROUND_UP };
    for (let i = 0; i < 5000; i++) {
      const c = drawCase(next);
      const mode = MODES[i % 4]!;
      const precision = PRECISIONS[i % 3]!;
      const places = precision === 0.01 ? 2 : precision === 0.1 ? 1 : 0;
      const exact = new Decimal(c.micro.toString()).div(1e6).toDecimalPlaces(places, dec[mode]).mul(10 ** places);
      expect(reference(c.micro, PER.get(precision)!, mode).toString(), c.what).toBe(exact.toFixed(0));
    }
  });

  for (let chunk = 0; chunk < CHUNKS; chunk++) {
    it(`chunk ${chunk + 1} of ${CHUNKS}: every rule, every precision`, () => {
      const next = generator(SEED + chunk);
      const wrong: string[] = [];
      let ties = 0;
      for (let i = 0; i < PER_CHUNK; i++) {
        const c = drawCase(next);
        const mode = MODES[i & 3]!;
        const precision = PRECISIONS[i % 3]!;
        const per = PER.get(precision)!;
        if (c.micro % per !== 0n && (c.micro % per) * 2n === per) ties++;
        // Beyond the limit no double rounding is exact: the amount is NaN, not a fen off.
        const beyond = c.micro > 100_000_000_000_000n || c.micro < -100_000_000_000_000n;
        const want = beyond ? NaN : Number(reference(c.micro, per, mode));
        const got = roundUnits(c.x, precision, mode);
        if (!(Number.isNaN(want) ? Number.isNaN(got) : got === want) && wrong.length < 5) wrong.push(`${c.what} (${c.x}) ${mode} to ${precision}: got ${got}, want ${want}`);
      }
      expect(wrong).toEqual([]);
      // The cases reach ties of the rounding unit, where the rules differ.
      expect(ties).toBeGreaterThan(PER_CHUNK / 100);
    });
  }
});

describe('the edges of money', () => {
  it('was wrong: a sub-fen amount just below a tie is not the tie (a 1e-7 fen tolerance read 0.004999999元 as 0.005元)', () => {
    // 0.004999999元 itself is refused as a literal (L038: money is written to the fen, test/robustness/edges.test.ts);
    // what a formula can make of allowed literals has at most 6 places, and is rounded exactly.
    expect(roundToFen(0.004999)).toBe(0);
    expect(roundToFen(0.005)).toBe(1);
    expect(roundToFen(-0.004999)).toBe(-0);
    expect(roundToFen(0.005001, 0.01, 'down')).toBe(0);
    expect(roundToFen(0.000001, 0.01, 'up')).toBe(1);
    expect(roundToFen(12.344999, 0.01, 'half-up')).toBe(1234);
    expect(roundToFen(12.345, 0.01, 'half-even')).toBe(1234);
    expect(roundToFen(12.355, 0.01, 'half-even')).toBe(1236);
  });
  it('was a fen off: amounts from 2.2 × 10^7 yuan with sub-fen places', () => {
    expect(toFen(22_000_000.004999)).toBe(2_200_000_000);
    expect(toFen(22_000_000.005)).toBe(2_200_000_001);
    expect(roundToFen(99_999_999.994999)).toBe(9_999_999_999);
    expect(roundToFen(99_999_999.995)).toBe(10_000_000_000);
    expect(roundToFen(-99_999_999.995, 0.01, 'half-even')).toBe(-10_000_000_000);
  });
  it('beyond ±100,000,000 yuan an amount is NaN, never silently wrong', () => {
    expect(MONEY_LIMIT).toBe(100_000_000);
    expect(roundToFen(MONEY_LIMIT)).toBe(10_000_000_000);
    expect(roundToFen(-MONEY_LIMIT)).toBe(-10_000_000_000);
    expect(roundToFen(MONEY_LIMIT + 0.01)).toBeNaN();
    expect(roundToFen(2 ** 53)).toBeNaN();
    expect(roundMoney(-1e21)).toBeNaN();
    expect(roundToFen(Infinity)).toBeNaN();
    expect(roundToFen(NaN)).toBeNaN();
    const total = sumLinesFen([Float64Array.of(1e9, 100), Float64Array.of(1, 2)], Uint8Array.of(1, 1));
    expect(total[0]).toBeNaN();
    expect(total[1]).toBe(10_200);
  });
  it('fen are printed with every digit, never in exponent form', () => {
    expect(formatFen(2 ** 70)).toBe('11805916207174113034.24');
    expect(formatFen(-123456789012345680000)).toBe('-1234567890123456839.68');
    expect(formatFen(2 ** 53 + 2)).toBe('90071992547409.94');
    expect(formatFen(-5)).toBe('-0.05');
    // A non-finite amount is never printed: a run reports pay that is not a number as a problem (run-problems.ts).
    expect(() => formatFen(NaN)).toThrow(RangeError);
    expect(() => formatFen(Infinity)).toThrow(RangeError);
  });
});
