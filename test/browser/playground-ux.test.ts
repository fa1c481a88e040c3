// Issue 18 in a real browser: the playground as an HR person meets it — the first five minutes, help that helps,
// one language at a time, views that read well, and narrow screens — at 1440×900, 1024×768 and 390×844.
// Screenshots go to test/browser/screenshots/latest/ (a few earlier ones are kept in screenshots/ as a record of the layout).

import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from './static-server.ts';

const CHROMIUM = '/usr/bin/chromium';
const root = join(import.meta.dirname, '../..');
// Each run's screenshots go to screenshots/latest/ (ignored by git); the few in screenshots/ are a kept record of the layout.
const shots = join(import.meta.dirname, 'screenshots', 'latest');
const haveChromium = existsSync(CHROMIUM);
const STAR_PAY = 'policies/examples/star-pay.yaml';

/** Words a page may show in either language because they are the policy's or the data's own: every bundled
 * policy without its comments, and the sample population's files. */
function ownText(): string {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (/\.(ya?ml|csv)$/.test(e.name)) files.push(join(dir, e.name));
    }
  };
  walk(join(root, 'policies'));
  walk(join(root, 'examples/sample'));
  // The policies' file names are names too (the policy list shows them).
  return files.map((f) => f.slice(root.length + 1)).join('\n') + '\n' + files.map((f) => readFileSync(f, 'utf8').split('\n').map((l) => (f.endsWith('.csv') ? l : l.replace(/(^|\s)#.*$/, ''))).join('\n')).join('\n');
}

type Ed = { ladder: { editor: { getModel(): { getValue(): string; setValue(s: string): void }; setPosition(p: object): void; focus(): void; trigger(s: string, id: string, a: object): void; revealLineInCenter(n: number): void } } };

describe.skipIf(!haveChromium)('issue 18: the playground an HR person enjoys', () => {
  let browser: Browser;
  let server: { url: string; close(): Promise<void> };
  const own = haveChromium ? ownText() : '';

  beforeAll(async () => {
    const { build } = await import('vite');
    // A build of its own: playground.test.ts builds playground/dist and may run at the same time.
    const out = mkdtempSync(join(tmpdir(), 'ladder-playground-ux-'));
    await build({ configFile: join(root, 'playground/vite.config.ts'), logLevel: 'warn', build: { outDir: out, emptyOutDir: true } });
    server = await serveStatic(out);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
    mkdirSync(shots, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(width: number, height: number, context?: BrowserContext): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
    const ctx = context ?? await browser.newContext({ viewport: { width, height } });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    return { page, context: ctx, errors };
  }
  const ready = (page: Page) => page.waitForSelector('body[data-ready=true]', { timeout: 60_000 });
  const setText = (page: Page, text: string) => page.evaluate((t) => (window as unknown as Ed).ladder.editor.getModel().setValue(t), text);
  const getText = (page: Page) => page.evaluate(() => (window as unknown as Ed).ladder.editor.getModel().getValue());
  const markers = (page: Page) => page.evaluate(() => {
    const w = window as unknown as { ladder: { monaco: { editor: { getModelMarkers(f: object): { startLineNumber: number; message: string; code: string }[] } } } };
    return w.ladder.monaco.editor.getModelMarkers({ owner: 'ladder' }).map((m) => ({ line: m.startLineNumber, message: m.message, code: String(m.code) }));
  });

  it('first five minutes: a loading state at once, a welcome that stays dismissed, a small policy with real results, a small problems box', async () => {
    const { page, context, errors } = await open(1440, 900);
    // Before the worker answers, the results pane says it is loading (it is there from the first paint).
    await page.waitForSelector('[data-testid=loading], [data-testid=results] tbody tr');
    await page.waitForSelector('[data-testid=welcome]:not([hidden])');
    expect(await page.$$eval('[data-testid=welcome] li', (ls) => ls.length)).toBe(3);
    await ready(page);
    expect(await page.inputValue('[data-testid=policy-select]')).toBe(STAR_PAY);
    await page.waitForSelector('[data-testid=results] tbody tr');
    expect(await page.$('[data-testid=loading]')).toBeNull();
    // Real pay on the sample: the first row's total is a positive amount.
    const total = await page.textContent('[data-testid=results] tbody tr:first-child td.total-col');
    expect(Number(total!.replace(/,/g, ''))).toBeGreaterThan(1000);
    // The problems box is one line when there is nothing to list.
    const box = await page.locator('[data-testid=problems]').boundingBox();
    expect(box!.height).toBeLessThan(70);
    await page.screenshot({ path: join(shots, 'first-open-1440.png') });
    await page.click('[data-testid=welcome-ok]');
    expect(await page.isHidden('[data-testid=welcome]')).toBe(true);
    await page.reload();
    await ready(page);
    expect(await page.isHidden('[data-testid=welcome]')).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('help that helps: the quick fix for 星级积效 writes 星级绩效, YAML errors at the line to change in each language, no boxes on full-width punctuation', async () => {
    const { page, context } = await open(1440, 900);
    await ready(page);
    const good = await getText(page);
    const lines = good.split('\n');
    const at = lines.findIndex((l) => l.includes('绩效工资: 星级绩效[star]')) + 1;
    await setText(page, good.replace('绩效工资: 星级绩效[star]', '绩效工资: 星级积效[star]'));
    await page.waitForFunction(() => document.querySelector('[data-testid=problems] li.error') !== null);
    const col = lines[at - 1]!.indexOf('星级绩效') + 2;
    await page.evaluate(([l, c]) => { const e = (window as unknown as Ed).ladder.editor; e.focus(); e.setPosition({ lineNumber: l, column: c }); e.trigger('test', 'editor.action.quickFix', {}); }, [at, col]);
    // The first quick fix offered (checked by the compiler before it is shown) writes the right name.
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: '星级绩效' }).first();
    await fix.waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(shots, 'quick-fix-1440.png') });
    await fix.click();
    await page.waitForFunction(() => (window as unknown as Ed).ladder.editor.getModel().getValue().includes('绩效工资: 星级绩效[star]'), undefined, { timeout: 15_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid=problems] li.error') === null);

    // A missing space after a colon: flagged at its own line, with the fix, in Chinese; then in English.
    await setText(page, good.replace('  绩效工资: 星级绩效', '  绩效工资:星级绩效'));
    await page.waitForFunction(() => document.querySelector('[data-testid=problems] li.error') !== null);
    let ms = await markers(page);
    expect(ms).toHaveLength(1);
    expect(ms[0]!.line).toBe(at);
    expect(ms[0]!.message).toContain('冒号后缺少空格');
    await page.screenshot({ path: join(shots, 'yaml-error-zh-1440.png') });
    await page.click('[data-testid=lang]');
    await page.waitForFunction(() => /space is missing after the colon/.test(document.querySelector('[data-testid=problems]')?.textContent ?? ''));
    ms = await markers(page);
    expect(ms[0]!.line).toBe(at);
    await page.click('[data-testid=lang]');
    // A dedented line: the line itself, with the indentation to use.
    await setText(page, good.replace('\n  全勤奖:', '\n 全勤奖:'));
    await page.waitForFunction(() => /改为 2 个空格/.test(document.querySelector('[data-testid=problems]')?.textContent ?? ''));
    expect((await markers(page))[0]!.line).toBe(lines.findIndex((l) => l.startsWith('  全勤奖:')) + 1);

    // Full-width punctuation the language accepts is not boxed as "ambiguous".
    await setText(page, `${good}\nvalues:\n  例子：{ type: number }\n# 注释，（全角）；×÷\n`);
    await page.evaluate(() => (window as unknown as Ed).ladder.editor.revealLineInCenter(1_000));
    await page.waitForTimeout(500);
    expect(await page.locator('.editor .unicode-highlight').count()).toBe(0);
    await setText(page, good);
    await context.close();
  });

  /** The strings of the page outside the editor, as shown (hidden panels excluded). */
  const shownText = (page: Page) => page.evaluate(() => ['header', '.right', '[data-testid=problems]', '[data-testid=notice]', 'dialog[open]']
    .flatMap((s) => [...document.querySelectorAll(s)].map((e) => (e as HTMLElement).innerText)).join('\n'));

  function foreign(text: string, lang: 'zh' | 'en'): string[] {
    // The language button names the other language in that language (中文 / English), as every site does.
    if (lang === 'en') return [...new Set(text.match(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+/g) ?? [])].filter((run) => run !== '中文' && !own.includes(run) && !own.includes(run.replace(/[（）：，。；、]/g, '')) && !/^[（）：，。；、★]+$/.test(run));
    const allowed = new Set(['Ladder', 'Excel', 'CSV', 'XLSX', 'JSON', 'YAML', 'HTML', 'English', 'seed', 'html', 'format', 'examples', 'sample', 'csv', 'xlsx', 'yaml', 'policies']);
    return [...new Set(text.match(/[A-Za-z]{3,}/g) ?? [])].filter((w) => !allowed.has(w) && !own.includes(w));
  }

  for (const lang of ['zh', 'en'] as const) {
    it(`all ${lang === 'zh' ? 'Chinese' : 'English'}: every view shows no word of the other language (policy and data names aside)`, async () => {
      const { page, context } = await open(1440, 900);
      await ready(page);
      await page.click('[data-testid=welcome-ok]');
      if (lang === 'en') {
        await page.click('[data-testid=lang]');
        await page.waitForFunction(() => document.querySelector('[data-tab=results]')?.textContent === 'Results');
      }
      const good = await getText(page);
      await page.waitForSelector('[data-testid=results] tbody tr');
      // A month with changes (the first rating), so the 变动 column has text.
      await page.selectOption('[data-testid=results-month]', { index: 1 });
      const found: Record<string, string[]> = {};
      const look = async (view: string) => { found[view] = foreign(await shownText(page), lang); };
      await look('results');
      expect(await page.$$eval('[data-testid=results] td.changes', (tds) => tds.map((t) => t.textContent ?? '').filter(Boolean).length)).toBeGreaterThan(0);
      await page.click('[data-testid=results] tbody tr:first-child td.total-col button');
      await page.waitForSelector('[data-testid=explain-tree]');
      await look('explain');
      await page.click('[data-tab=charts]');
      await page.waitForSelector('[data-testid=chart-payroll] svg');
      await look('charts');
      await setText(page, good.replace('3: 1200', '3: 1300'));
      await page.click('[data-tab=diff]');
      await page.click('[data-testid=diff-go]');
      await page.waitForSelector('[data-testid=diff-changes]');
      await look('diff');
      await page.click('[data-tab=compare]');
      await page.click('[data-testid=compare-go]');
      await page.waitForSelector('[data-testid=compare-table]', { timeout: 60_000 });
      await look('compare');
      await page.click('[data-tab=sweep]');
      await look('sweep');
      await page.click('[data-tab=data]');
      await look('data');
      await page.click('[data-tab=results]');
      await page.click('[data-testid=results] tbody tr:first-child .edit-col button');
      await page.waitForSelector('dialog[open] input');
      await look('edit dialog');
      await page.keyboard.press('Escape');
      await page.screenshot({ path: join(shots, `language-${lang}-1440.png`) });
      expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
      await setText(page, good);
      await context.close();
    }, 180_000);
  }

  it('views: tables fit at 1024×768 with 合计 in sight, charts with a value axis, one report, gainers open their why, the sweep from the cursor, an xlsx refused', async () => {
    const { page, context, errors } = await open(1024, 768);
    await ready(page);
    await page.click('[data-testid=welcome-ok]');
    await page.waitForSelector('[data-testid=results] tbody tr');
    // 合计 is on screen; only the table scrolls sideways, never the panel or the page.
    const totalBox = await page.locator('[data-testid=results] thead th.total-col').boundingBox();
    expect(totalBox!.x + totalBox!.width).toBeLessThanOrEqual(1024);
    expect(await page.evaluate(() => { const p = document.querySelector('[data-view=results]') as HTMLElement; return p.scrollWidth <= p.clientWidth + 1 && document.documentElement.scrollWidth <= 1024; })).toBe(true);
    await page.screenshot({ path: join(shots, 'results-1024.png') });

    await page.click('[data-tab=charts]');
    await page.waitForSelector('[data-testid=chart-tier] svg');
    expect(await page.locator('[data-testid=chart-payroll] [data-axis=value]').count()).toBeGreaterThan(2);
    expect(await page.locator('[data-testid=chart-tier] text.value').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(shots, 'charts-1024.png') });

    const good = await getText(page);
    await setText(page, good.replace('3: 1200', '3: 1300'));
    await page.click('[data-tab=diff]');
    await page.click('[data-testid=diff-go]');
    await page.waitForSelector('[data-testid=diff-gains] [data-testid=diff-person]');
    // The CLI's report is there once, folded; the figures are the panel's tables.
    expect(await page.locator('[data-view=diff] iframe.report').count()).toBe(1);
    expect(await page.locator('[data-view=diff] details.full-report[open]').count()).toBe(0);
    const person = await page.getAttribute('[data-testid=diff-gains] [data-testid=diff-person]', 'data-employee');
    await page.click('[data-testid=diff-gains] [data-testid=diff-person]');
    await page.waitForSelector('[data-testid=diff-why] li');
    expect(await page.textContent('[data-testid=diff-why] h4')).toContain(person!);
    await page.screenshot({ path: join(shots, 'diff-1024.png') });

    // Compare: the table's rows do not overlap (按职级月均 wraps inside its row), the report is folded once.
    await setText(page, good);
    await page.click('[data-tab=compare]');
    await page.click('[data-testid=compare-go]');
    await page.waitForSelector('[data-testid=compare-table] tbody tr', { timeout: 60_000 });
    const rows = await page.$$eval('[data-testid=compare-table] tbody tr', (trs) => trs.map((tr) => { const r = tr.getBoundingClientRect(); return [r.top, r.bottom]; }));
    rows.slice(1).forEach(([top], k) => expect(top).toBeGreaterThanOrEqual(rows[k]![1]! - 1));
    // … and no cell's text runs into its neighbour.
    expect(await page.$$eval('[data-testid=compare-table] td', (tds) => tds.filter((td) => td.scrollWidth > td.clientWidth + 1).map((td) => td.textContent))).toEqual([]);
    expect(await page.locator('[data-view=compare] iframe.report').count()).toBe(1);
    expect(await page.evaluate(() => { const p = document.querySelector('[data-view=compare]') as HTMLElement; return p.scrollWidth <= p.clientWidth + 1; })).toBe(true);
    await page.screenshot({ path: join(shots, 'compare-1024.png') });

    // 取光标处的数: the path and five values around the number under the cursor.
    const lines = good.split('\n');
    const line = lines.findIndex((l) => l.includes('3: 1200')) + 1;
    await page.evaluate(([l, c]) => (window as unknown as Ed).ladder.editor.setPosition({ lineNumber: l, column: c }), [line, lines[line - 1]!.indexOf('1200') + 2]);
    await page.click('[data-tab=sweep]');
    await page.fill('[data-testid=sweep-values]', '1,2');
    await page.click('[data-testid=sweep-from-cursor]');
    expect(await page.inputValue('[data-testid=sweep-path]')).toBe('tables.星级绩效.rows.3');
    expect(await page.inputValue('[data-testid=sweep-values]')).toBe('1000,1100,1200,1300,1400');

    // An Excel file opened as a policy is refused, and the editor keeps its text.
    await page.setInputFiles('[data-testid=open-file]', join(root, 'examples/sample/sample.xlsx'));
    await page.waitForSelector('[data-testid=notice]:not([hidden])');
    expect(await page.textContent('[data-testid=notice]')).toContain('不是策略文件');
    expect(await getText(page)).toBe(good);
    expect(await page.inputValue('[data-testid=policy-select]')).toBe(STAR_PAY);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('a phone (390×844): read-only, results, explanation and charts stacked, nothing off the side', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const { page, errors } = await open(390, 844, context);
    await ready(page);
    await page.waitForSelector('[data-testid=results] tbody tr');
    expect(await page.isHidden('[data-testid=editor]')).toBe(true);
    expect(await page.isVisible('[data-testid=read-only]')).toBe(true);
    const results = await page.locator('[data-testid=results]').boundingBox();
    expect(results!.width).toBeGreaterThan(340);
    for (const v of ['results', 'explain', 'charts']) expect(await page.isVisible(`[data-view=${v}]`)).toBe(true);
    await page.waitForSelector('[data-testid=chart-payroll] svg');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(shots, 'phone-390.png') });
    await page.click('[data-testid=results] tbody tr:first-child td.total-col button');
    await page.waitForSelector('[data-testid=explain-tree]');
    await page.screenshot({ path: join(shots, 'phone-390-explain.png') });
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
