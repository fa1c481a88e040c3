// `npm run bench` part: loading data from an .xlsx workbook (unzip, sheet XML, cells to text, then the same check
// as CSV), in rows per second. The workbook is written once with write-excel-file, then read as bytes.
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from '../compiler/compile.ts';
import { benchPolicy } from './runtime.ts';

export async function xlsxLoadBench(people = 20_000, months = 2): Promise<void> {
  const { writeXlsxWorkbook } = await import('../cli/data-files.ts');
  const { readDataFiles } = await import('../runtime/data/files.ts');
  const { loadTables } = await import('../runtime/data/load.ts');
  const { dataRequirements } = await import('../runtime/data/requirements.ts');
  const compiled = compile({ name: 'bench.yaml', text: benchPolicy });
  const rs = compiled.ruleSet!;
  const names = rs.inputs.map((i) => i.name).filter((n) => n !== 'post_wage');
  const ids = Array.from({ length: people }, (_, i) => `E${String(i + 1).padStart(6, '0')}`);
  const employees = [['工号', '入职日期', '转正日期', '岗位工资'], ...ids.map((id, i) => [id, new Date(Date.UTC(2020, i % 12, 1 + (i % 28))), new Date(Date.UTC(2020, (i % 12) + 3, 1)), 1800 + (i % 5) * 100.5])];
  const monthly: (string | number)[][] = [['工号', '月份', ...names]];
  for (let m = 0; m < months; m++) {
    for (let i = 0; i < people; i++) monthly.push([ids[i]!, `2026-0${m + 1}`, ...names.map((_, k) => (i * 7 + k * 3 + m) % 5)]);
  }
  const dir = mkdtempSync(join(tmpdir(), 'ladder-xlsx-bench-'));
  try {
    const path = join(dir, 'data.xlsx');
    await writeXlsxWorkbook(path, [{ name: 'employees', rows: employees }, { name: 'monthly', rows: monthly }]);
    const bytes = readFileSync(path);
    const reqs = dataRequirements(compiled);
    const once = async () => {
      const t0 = performance.now();
      const read = await readDataFiles([{ name: 'data.xlsx', bytes }]);
      const result = loadTables(read.sources, reqs);
      return { ms: performance.now() - t0, problems: [...read.problems, ...result.problems] };
    };
    await once();
    const runs = [await once(), await once(), await once()].sort((a, b) => a.ms - b.ms);
    const { ms, problems } = runs[1]!;
    const rows = people * months + people;
    console.log(`load the same data as XLSX (${rows.toLocaleString('en')} rows, ${(bytes.length / 1e6).toFixed(1)} MB; unzip, read, check): ${ms.toFixed(0)} ms = ${Math.round(rows / (ms / 1000)).toLocaleString('en')} rows/s${problems.length ? ` — ${problems.length} problems: ${problems[0]!.code} ${problems[0]!.column} «${problems[0]!.value}»` : ''}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
