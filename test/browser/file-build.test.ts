// The single-file playground (npm run build:file) opened straight from disk, as HR would double-click it: the page,
// its engine worker and the editor's worker all start from file://, the results of the seed policy show, and Format
// Document gives ladder fmt's layout.

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
const root = join(import.meta.dirname, '../..');

describe.skipIf(!existsSync(CHROMIUM))('the single-file playground from file://', () => {
  let browser: Browser | undefined;
  afterAll(async () => { await browser?.close(); });

  it('is one file that loads, checks, runs and formats from file://', async () => {
    const { build } = await import('vite');
    await build({ configFile: join(root, 'playground/vite.config.ts'), mode: 'file', logLevel: 'warn' });
    const out = join(root, 'playground/dist-file');
    expect(readdirSync(out)).toEqual(['index.html']);

    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('request', (r) => { if (!/^(file|blob|data):/.test(r.url())) requests.push(r.url()); });
    await page.goto(pathToFileURL(join(out, 'index.html')).href);
    await page.waitForSelector('body[data-ready=true]', { timeout: 60_000 });
    // The engine worker ran the seed policy over the sample population.
    await page.waitForSelector('[data-testid=results] tbody tr', { timeout: 60_000 });
    // The editor (monaco and its own worker) shows the policy and the compiler's squiggles arrive.
    const text = await page.evaluate(() => (window as unknown as { ladder: { editor: { getModel(): { getValue(): string } } } }).ladder.editor.getModel().getValue());
    expect(text).toMatch(/^# yaml-language-server/);

    // Format Document gives ladder fmt's layout, made by the same formatter in the engine worker.
    const formatted = await page.evaluate(async () => {
      const { editor } = (window as unknown as { ladder: { editor: { getModel(): { setValue(s: string): void; getValue(): string }; getAction(id: string): { run(): Promise<void> } } } }).ladder;
      editor.getModel().setValue('pay:\n    底薪: 1000元   # A1\npolicy:\n    name: t\n');
      await editor.getAction('editor.action.formatDocument').run();
      return editor.getModel().getValue();
    });
    expect(formatted).toBe('policy:\n  name: t\n\npay:\n  底薪: 1000元 # A1\n');
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  }, 180_000);
});
