// The HTML reports opened in a real browser (Debian's Chromium, driven by playwright-core): the charts render with
// visible marks. `.ci/run` installs Chromium; where it is missing this file says so and skips.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';

const CHROMIUM = '/usr/bin/chromium';
const root = join(import.meta.dirname, '../..');
const artifacts = join(root, 'test-results');
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`browser tests skipped: ${CHROMIUM} is not installed (apt-get install -y chromium fonts-noto-cjk)`);

describe.skipIf(!haveChromium)('HTML reports in headless Chromium', () => {
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'ladder-browser-'));
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    mkdirSync(artifacts, { recursive: true });
  });
  afterAll(async () => { await browser?.close(); });

  it('draws the diff report charts', async () => {
    const starPay = join(root, 'policies/examples/star-pay.yaml');
    const changed = join(dir, 'new.yaml');
    writeFileSync(changed, readFileSync(starPay, 'utf8').replace('3: 1200, 4: 1500', '3: 1300, 4: 1500'));
    const out = join(dir, 'diff.html');
    const code = await main(['diff', starPay, changed, '--data', join(root, 'examples/demo'), '--format', 'html', '--out', out], { out: () => {}, err: () => {} });
    expect(code).toBe(0);
    const page = await browser.newPage({ viewport: { width: 1000, height: 1600 } });
    await page.goto(pathToFileURL(out).href);
    const charts = await page.$$eval('svg', (svgs) => svgs.map((s) => {
      const box = s.getBoundingClientRect();
      const marks = [...s.querySelectorAll('rect, circle')].filter((m) => { const b = m.getBoundingClientRect(); return b.width > 0 && b.height > 0; });
      return { width: box.width, height: box.height, marks: marks.length };
    }));
    expect(charts).toHaveLength(3);
    for (const c of charts) {
      expect(c.width).toBeGreaterThan(100);
      expect(c.marks).toBeGreaterThan(0);
    }
    // The Chinese text is laid out with a CJK font (a box glyph would make every character the same narrow width).
    const title = await page.locator('h1').boundingBox();
    expect(title!.width).toBeGreaterThan(100);
    await page.screenshot({ path: join(artifacts, 'diff-report.png'), fullPage: true });
    await page.close();
  });

  it('lays out the payslips, one statement per person in Chinese type', async () => {
    const out = join(dir, 'slips.html');
    const code = await main(['payslip', join(root, 'policies/examples/star-pay.yaml'), '--data', join(root, 'examples/demo'), '--month', '2026-01', '--out', out], { out: () => {}, err: () => {} });
    expect(code).toBe(0);
    const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
    await page.goto(pathToFileURL(out).href);
    const slips = await page.$$eval('section.slip', (ss) => ss.map((s) => ({ rows: s.querySelectorAll('tr').length, width: s.querySelector('h2')!.getBoundingClientRect().width })));
    expect(slips.length).toBeGreaterThan(1);
    // A header row, three pay lines and the total for each; the heading laid out with a CJK font.
    for (const s of slips) { expect(s.rows).toBe(5); expect(s.width).toBeGreaterThan(100); }
    await page.screenshot({ path: join(artifacts, 'payslips.png') });
    await page.close();
  });

  it('draws the sweep report charts, a bar per value, over-budget values in red', async () => {
    const starPay = join(root, 'policies/examples/star-pay.yaml');
    const out = join(dir, 'sweep.html');
    const code = await main(['sweep', starPay, '--data', join(root, 'examples/demo'), '--vary', 'tables.星级绩效.rows.3=1000..1400:100', '--budget', '1', '--format', 'html', '--out', out], { out: () => {}, err: () => {} });
    expect(code).toBe(0);
    const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
    await page.goto(pathToFileURL(out).href);
    const charts = await page.$$eval('svg', (svgs) => svgs.map((s) => [...s.querySelectorAll('rect')].filter((m) => { const b = m.getBoundingClientRect(); return b.width > 0 && b.height > 0; }).map((m) => m.getAttribute('fill'))));
    // Total cost and mean pay, five values each; a budget of 1 yuan: every total-cost bar is over it.
    expect(charts.map((c) => c.length)).toEqual([5, 5]);
    expect(new Set(charts[0])).toEqual(new Set(['#d0453a']));
    await page.screenshot({ path: join(artifacts, 'sweep-report.png'), fullPage: true });
    await page.close();
  });
});
