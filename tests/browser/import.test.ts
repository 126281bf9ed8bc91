import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openReady } from './helpers';

const EXCEL = join(import.meta.dirname, '..', 'fixtures', 'excel');
const BAD = join(import.meta.dirname, '..', 'fixtures', 'bad');
const messyFiles = ['schools.csv', 'staff.csv', 'services.csv', 'needs.csv'].map((f) => join(EXCEL, f));

const tierCard = (page: Page, tier: number) => page.locator(`article.tier[data-tier="${tier}"]`);

/** Drops files on the drop zone as a browser does: a drop event carrying a DataTransfer. */
async function dropFiles(page: Page, paths: string[]) {
  const files = paths.map((p) => ({ name: p.split('/').pop()!, bytes: [...readFileSync(p)] }));
  await page.locator('.drop').evaluate((zone, list) => {
    const transfer = new DataTransfer();
    for (const f of list) transfer.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: 'text/csv' }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, files);
}

test.beforeEach(async ({ page }) => {
  // Each test starts from an empty browser profile: the sample district.
  await openReady(page, '/');
});

test('the messy files of a real export load through the drop zone and change the numbers', async ({ page }) => {
  await expect(tierCard(page, 1)).toContainText('57,091');
  await openReady(page, '/import');
  await dropFiles(page, messyFiles);
  await expect(page.locator('article.file')).toHaveCount(4);
  // Each file is recognized by its headers; the preview shows how a friendly header is read.
  await expect(page.locator('article.file').filter({ hasText: 'staff.csv' }).locator('select').first()).toHaveValue('staff');
  await expect(page.locator('article.file').filter({ hasText: 'schools.csv' }).locator('tr.reading select').first()).toHaveValue('school_id');
  await page.getByRole('button', { name: /Check and load 4 files/ }).click();
  await expect(page.getByText('Loaded.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Warnings' })).toContainText('Yoga club');
  await page.getByRole('link', { name: 'Overview', exact: true }).click();
  await expect(tierCard(page, 1)).toContainText('5,256');
  await expect(page.locator('.badge')).toHaveCount(0);
});

test('a bad file shows every problem and leaves the shown data unchanged', async ({ page }) => {
  await openReady(page, '/import');
  await page.getByLabel('Choose files to load').setInputFiles(join(BAD, 'schools.csv'));
  await page.getByRole('button', { name: /Check and load 1 file/ }).click();
  await expect(page.getByRole('alert')).toContainText('Nothing was changed: 7 problems');
  const problems = page.getByRole('region', { name: 'Problems' });
  await expect(problems.locator('tbody tr')).toHaveCount(7);
  await expect(problems).toContainText('enrollment');
  await expect(problems.locator('tbody tr').first()).toContainText('schools.csv');
  await page.getByRole('link', { name: 'Overview', exact: true }).click();
  await expect(tierCard(page, 1)).toContainText('57,091');
  await expect(page.locator('.badge')).toHaveText('fictional sample');
});

test('loaded data survives a reload, and can be removed from the browser', async ({ page }) => {
  await openReady(page, '/import');
  await page.getByLabel('Choose files to load').setInputFiles(messyFiles);
  await page.getByRole('button', { name: /Check and load/ }).click();
  await expect(page.getByText('Loaded.')).toBeVisible();
  await openReady(page, '/');
  await expect(tierCard(page, 1)).toContainText('5,256');

  await openReady(page, '/privacy');
  await page.getByRole('button', { name: 'Remove all data from this browser' }).click();
  await page.getByRole('button', { name: 'Yes, remove everything' }).click();
  await expect(page.getByText('Everything was removed')).toBeVisible();
  await openReady(page, '/');
  await expect(tierCard(page, 1)).toContainText('57,091');
});

test('settings change every figure at once', async ({ page }) => {
  await openReady(page, '/settings');
  await page.getByLabel('Tier 3 (intensive)').fill('0.2');
  await page.getByRole('link', { name: 'Overview', exact: true }).click();
  // 85 schools have no screening count: their tier 3 need grows from 5% to 20% of enrollment.
  await expect(tierCard(page, 3)).not.toContainText('3,030');
  await openReady(page, '/settings');
  await page.getByRole('button', { name: 'Reset to the published standards' }).click();
  await expect(page.getByText('Saved in this browser')).toBeVisible();
  await openReady(page, '/');
  await expect(tierCard(page, 3)).toContainText('3,030');
});

for (const path of ['/', '/import', '/settings', '/privacy', '/reports']) {
  test(`no serious accessibility violations on ${path}`, async ({ page }) => {
    await openReady(page, path);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}

test('no request leaves the page origin', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  for (const path of ['/', '/import', '/settings', '/privacy', '/reports']) await openReady(page, path);
  expect(requests.length).toBeGreaterThan(5);
  expect(requests.filter((url) => !url.startsWith(origin) && !url.startsWith('blob:'))).toEqual([]);
});

test('the Reports page writes the district report in the browser, with no request leaving the origin', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await openReady(page, '/reports');
  const download = page.waitForEvent('download');
  await page.getByRole('region', { name: 'District report' }).getByRole('button', { name: 'HTML' }).click();
  const html = await (await download).path().then((p) => readFileSync(p!, 'utf8'));
  expect(html).toContain('Harbor City Public Schools');
  expect(html).toContain('n&lt;10');
  expect(requests.filter((url) => !url.startsWith(origin) && !url.startsWith('blob:'))).toEqual([]);
});
