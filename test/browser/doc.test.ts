// `ladder doc` opened in a real browser (Debian's Chromium, driven by playwright-core): each bundled policy's HTML
// document shows every pay line, table and move of the policy, each clause links to its policy line, and the Word
// file's document.xml parses as XML. Where Chromium is missing this file says so and skips.

import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { compile } from '../../compiler/compile.ts';
import { bundledPolicies, namesOf } from '../doc-helpers.ts';

const CHROMIUM = '/usr/bin/chromium';
const root = join(import.meta.dirname, '../..');
const artifacts = join(root, 'test-results');
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`browser tests skipped: ${CHROMIUM} is not installed (apt-get install -y chromium fonts-noto-cjk)`);

const quiet = { out: () => {}, err: () => {} };
const policies = bundledPolicies().filter((f) => !/\.template\.ya?ml$/.test(f));
const cases = policies.flatMap((file) => (['zh', 'en'] as const).map((lang) => ({ name: relative(root, file), file, lang })));

describe.skipIf(!haveChromium)('the policy document in headless Chromium', () => {
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'ladder-doc-browser-'));
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    mkdirSync(artifacts, { recursive: true });
  });
  afterAll(async () => { await browser?.close(); });

  it.each(cases)('$name in $lang: every pay line, table and move on the page, each clause linked to its line', async ({ name, file, lang }) => {
    const out = join(dir, `${name.replace(/[/\\]/g, '_')}.${lang}.html`);
    expect(await main(['doc', file, '--format', 'html', '--lang', lang, '--out', out], quiet)).toBe(0);
    const page = await browser.newPage({ viewport: { width: 1000, height: 1200 } });
    await page.goto(pathToFileURL(out).href);
    const text = await page.locator('body').innerText();
    const checked = compile({ name: file, text: readFileSync(file, 'utf8') }).checked!;
    for (const n of namesOf(checked, lang)) expect(text, `${n} in ${name}`).toContain(n);
    // Every clause and table has its anchor and a link to a line of the policy file.
    const links = await page.$$eval('.clause, .table', (els) => els.map((e) => ({ id: e.id, line: Number(e.querySelector('a.src')?.getAttribute('data-line') ?? '0') })));
    expect(links.length).toBeGreaterThan(0);
    const lines = readFileSync(file, 'utf8').split('\n').length;
    for (const l of links) {
      expect(l.id).toMatch(/^c\d+-\d+$/);
      expect(l.line).toBeLessThanOrEqual(lines);
    }
    expect(links.filter((l) => l.line > 0).length).toBeGreaterThanOrEqual(links.length - 1);
    if (name === 'policies/scheme-a-tier-ladder.yaml') {
      // Laid out in a CJK font: a box glyph would make the title one narrow width per character.
      expect((await page.locator('h1').boundingBox())!.width).toBeGreaterThan(200);
      await page.screenshot({ path: join(artifacts, `policy-doc-scheme-a-${lang}.png`), fullPage: true });
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('nav').isVisible()).toBe(false);
    }
    await page.close();
  });

  it('parses each Word document\'s XML parts as XML', async () => {
    const page = await browser.newPage();
    for (const file of policies) {
      const out = join(dir, `${relative(root, file).replace(/[/\\]/g, '_')}.docx`);
      expect(await main(['doc', file, '--lang', 'zh', '--out', out], quiet)).toBe(0);
      const zip = unzipSync(readFileSync(out));
      for (const [part, bytes] of Object.entries(zip)) {
        const problem = await page.evaluate((xml) => {
          const doc = new DOMParser().parseFromString(xml, 'application/xml');
          return doc.getElementsByTagName('parsererror')[0]?.textContent ?? null;
        }, strFromU8(bytes));
        expect(problem, `${part} of ${file}`).toBeNull();
      }
    }
    await page.close();
  });
});
