// The playground's 制度 tab in headless Chromium: the policy being edited as its published document (made in the
// worker), following edits, saying so when the policy has errors, a clause's line link moving the editor, and the
// Word download. Built into a folder of its own so it never races the other playground test's build.

import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { type Browser, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from './static-server.ts';

const CHROMIUM = '/usr/bin/chromium';
const root = join(import.meta.dirname, '../..');
const artifacts = join(root, 'test-results');
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`playground browser tests skipped: ${CHROMIUM} is not installed (apt-get install -y chromium fonts-noto-cjk)`);

describe.skipIf(!haveChromium)('the playground\'s 制度 tab', () => {
  let browser: Browser;
  let page: Page;
  let server: { url: string; close(): Promise<void> };
  const errors: string[] = [];
  const dist = mkdtempSync(join(tmpdir(), 'ladder-playground-doc-'));

  const setText = (text: string) => page.evaluate((t) => (window as unknown as { ladder: { editor: { getModel(): { setValue(s: string): void } } } }).ladder.editor.getModel().setValue(t), text);
  const cursorLine = () => page.evaluate(() => (window as unknown as { ladder: { editor: { getPosition(): { lineNumber: number } } } }).ladder.editor.getPosition().lineNumber);
  const frameText = async () => (await page.frameLocator('[data-testid=policy-doc-frame]').locator('body').innerText());

  beforeAll(async () => {
    const { build } = await import('vite');
    await build({ configFile: join(root, 'playground/vite.config.ts'), logLevel: 'warn', build: { outDir: dist, emptyOutDir: true } });
    server = await serveStatic(dist);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const context = await browser.newContext({ viewport: { width: 1500, height: 950 }, acceptDownloads: true });
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    mkdirSync(artifacts, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the policy being edited as its document, and follows edits', async () => {
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready=true]', { timeout: 60_000 });
    await page.selectOption('[data-testid=policy-select]', 'policies/examples/star-pay.yaml');
    await page.click('[data-tab=policyDoc]');
    await page.waitForFunction(() => !!document.querySelector<HTMLIFrameElement>('[data-testid=policy-doc-frame]')?.contentDocument?.querySelector('h1'), null, { timeout: 30_000 });
    await expect.poll(frameText, { timeout: 15_000 }).toContain('绩效工资 = 星级绩效[星级] × 考核分%');
    expect(await frameText()).toContain('示例：客服代表星级绩效');
    await page.screenshot({ path: join(artifacts, 'playground-policy-doc.png') });

    // An edit shows in the document after the next check, where the reader was.
    const frameScroll = () => page.evaluate(() => document.querySelector<HTMLIFrameElement>('[data-testid=policy-doc-frame]')!.contentWindow!.scrollY);
    await page.evaluate(() => document.querySelector<HTMLIFrameElement>('[data-testid=policy-doc-frame]')!.contentWindow!.scrollTo(0, 400));
    const text = readFileSync(join(root, 'policies/examples/star-pay.yaml'), 'utf8');
    await setText(text.replace('pay:\n', 'pay:\n  餐补: if 全勤 then 150元 else 100元\n'));
    await expect.poll(frameText, { timeout: 15_000 }).toContain('餐补 = 若 全勤 则 150元，否则 100元');
    await expect.poll(frameScroll, { timeout: 5_000 }).toBeGreaterThan(300);

    // A policy with errors: said, and the last document stays (dimmed) rather than a half-made one.
    await setText(text.replace('星级绩效[star]', '星级绩效[sta]'));
    await page.waitForSelector('[data-testid=policy-doc-errors]', { timeout: 15_000 });
    expect(await frameText()).toContain('餐补');
    await setText(text);
    await page.waitForSelector('[data-testid=policy-doc-errors]', { state: 'detached', timeout: 15_000 });
    await expect.poll(frameText, { timeout: 15_000 }).not.toContain('餐补');
    expect(await frameText()).toContain('全勤奖 = 若 全勤 则 200元，否则 0元');
  });

  it('moves the editor to a clause\'s policy line', async () => {
    const link = page.frameLocator('[data-testid=policy-doc-frame]').locator('a.src', { hasText: ':44' }).first();
    await link.click();
    await expect.poll(cursorLine, { timeout: 5_000 }).toBe(44);
  });

  it('downloads the Word file', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=policy-doc-docx]')]);
    expect(download.suggestedFilename()).toBe('star-pay-制度.docx');
    const zip = unzipSync(readFileSync((await download.path())!));
    expect(strFromU8(zip['word/document.xml']!)).toContain('绩效工资');
    expect(errors).toEqual([]);
  });
});
