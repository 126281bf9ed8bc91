/**
 * Looks at the app as its user would: opens each page of the built app (served by `vite
 * preview` on port 4173) in Debian's Chromium and saves a full-page screenshot to screenshots/.
 * Usage: npx vite preview --port 4391 & npx tsx scripts/screenshots.ts [path ...]
 * (BASE_URL=http://127.0.0.1:5180 for a dev server on another port)
 */
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';

const pages = process.argv.slice(2).length ? process.argv.slice(2) : ['/', '/map', '/matrix', '/schools', '/import', '/settings', '/privacy'];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
});
mkdirSync('screenshots', { recursive: true });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
page.on('console', (m) => m.type() === 'error' && console.log('console error:', m.text()));
page.on('pageerror', (e) => console.log('page error:', e.message));
for (const path of pages) {
  const started = Date.now();
  await page.goto(`${process.env.BASE_URL ?? 'http://127.0.0.1:4391'}${path}`);
  await page.waitForSelector('body[data-workspace=ready]', { timeout: 60_000 });
  await page.waitForTimeout(500);
  const file = `screenshots/${path.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'overview'}.png`;
  await page.screenshot({ path: file, fullPage: true });
  console.log(`${path} → ${file} (${Date.now() - started} ms)`);
}
await browser.close();
