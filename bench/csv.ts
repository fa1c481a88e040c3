// CSV reader throughput on a 10-column HR export (quoted money, Chinese text, CRLF). Target: ≥ 300,000 rows/s.
// Run bundled, as the playground ships it (tsx's per-closure helpers would distort the timing):
//   npx esbuild bench/csv.ts --bundle --platform=node --format=esm --outfile=/tmp/ladder-csv-bench.mjs && node /tmp/ladder-csv-bench.mjs

import { parseCsv } from '../runtime/data/csv.ts';

const ROWS = 500_000;
const lines = ['工号,月份,考核分,满意度,出错率,迟到次数,销售额,在岗,组别,备注'];
for (let i = 0; i < ROWS; i++) {
  const note = i % 10 === 0 ? '"说明，含逗号和""引号"""' : '';
  lines.push(`E${String(i % 5000).padStart(5, '0')},2026-${String((i % 12) + 1).padStart(2, '0')},${80 + (i % 20)}.5,${90 + (i % 10)}%,0.${i % 9},${i % 3},"¥${i % 100},${String(i % 1000).padStart(3, '0')}.50",是,客服${i % 7}组,${note}`);
}
const text = lines.join('\r\n') + '\r\n';

let best = Infinity;
for (let run = 0; run < 5; run++) {
  const t0 = performance.now();
  const r = parseCsv(text);
  const ms = performance.now() - t0;
  if (r.rows.length !== ROWS || r.rows[ROWS - 1]!.cells.length !== 10) throw new Error('wrong parse');
  best = Math.min(best, ms);
}
console.log(`parseCsv: ${ROWS} rows × 10 columns (${(text.length / 1e6).toFixed(1)} M chars) in ${best.toFixed(0)} ms = ${Math.round(ROWS / (best / 1000)).toLocaleString('en')} rows/s (best of 5)`);
