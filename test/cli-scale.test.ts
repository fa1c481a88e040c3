// The CLI at payroll scale (issue 16): 28,000 people × 12 months (over 300,000 person-months with hires and leavers) through `ladder run` in
// every output format, each in its own process as a user runs it. Nothing may crash (no spread or recursion over
// rows), and each output holds every person-month. Skipped with LADDER_SKIP_SCALE=1.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const policy = join(root, 'policies/scheme-c-star-rating.yaml');
const PEOPLE = 28_000;
const MONTHS = 12;
const ladder = (args: string[]) => execFileSync(process.execPath, [join(root, 'bin/ladder.js'), ...args], { cwd: root, maxBuffer: 1 << 30, encoding: 'utf8' });

describe.skipIf(process.env.LADDER_SKIP_SCALE === '1')('ladder run on 300,000 person-months', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ladder-scale-'));
  const data = join(dir, 'data');
  let personMonths = 0;
  beforeAll(() => {
    ladder(['gen', '--out', data, '--people', String(PEOPLE), '--months', String(MONTHS), '--seed', '11', '--policy', policy]);
    personMonths = readFileSync(join(data, 'monthly.csv'), 'utf8').trim().split('\n').length - 1;
  }, 180_000);

  it('has at least 300,000 person-months to run', () => {
    expect(personMonths).toBeGreaterThanOrEqual(300_000);
  });
  it('writes CSV with a row per person-month', () => {
    const out = join(dir, 'r.csv');
    ladder(['run', policy, '--data', data, '--format', 'csv', '--out', out, '--lang', 'en']);
    expect(readFileSync(out, 'utf8').trim().split('\n').length - 1).toBe(personMonths);
  }, 180_000);
  it('writes JSON with a row per person-month', () => {
    const out = join(dir, 'r.json');
    ladder(['run', policy, '--data', data, '--format', 'json', '--out', out, '--lang', 'en']);
    expect((JSON.parse(readFileSync(out, 'utf8')) as { rows: unknown[] }).rows).toHaveLength(personMonths);
  }, 180_000);
  it('prints the terminal table with a line per person-month', () => {
    const text = ladder(['run', policy, '--data', data, '--lang', 'en']);
    expect(text.trim().split('\n').length).toBeGreaterThanOrEqual(personMonths + 2);
  }, 180_000);
  it('writes an xlsx workbook', () => {
    const out = join(dir, 'r.xlsx');
    ladder(['run', policy, '--data', data, '--format', 'xlsx', '--out', out, '--lang', 'en']);
    expect(statSync(out).size).toBeGreaterThan(1_000_000);
  }, 240_000);
});
