import { createWriteStream, readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Download, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { openReady, recordForeignRequests } from './helpers';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const messy = ['schools.csv', 'staff.csv', 'services.csv', 'needs.csv'].map((f) => join(FIXTURES, 'excel', f));
const hostile = ['schools.csv', 'staff.csv', 'services.csv'].map((f) => join(FIXTURES, 'hostile', f));
const tier1 = (page: Page) => page.locator('article.tier[data-tier="1"]');

async function loadFiles(page: Page, paths: string[]) {
  await openReady(page, '/import');
  await page.locator('input[type=file][multiple]').setInputFiles(paths);
  await page.getByRole('button', { name: /Check and load/ }).click();
  await expect(page.getByText('Loaded.')).toBeVisible();
}

test('a workspace saved to one file opens on another computer, and a foreign file is refused', async ({ page, browser }) => {
  await loadFiles(page, messy);
  await openReady(page, '/settings');
  await page.getByLabel('Withhold survey results for fewer respondents than').fill('12');
  await expect(page.getByText('Saved in this browser')).toBeVisible();
  await openReady(page, '/import');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save workspace to a file' }).click();
  const saved = join(mkdtempSync(join(tmpdir(), 'continuum-')), 'workspace.continuum');
  await (await download).saveAs(saved);

  // Another computer: a fresh browser profile.
  const other = await browser.newContext();
  const second = await other.newPage();
  await openReady(second, '/import');
  const png = join(mkdtempSync(join(tmpdir(), 'continuum-')), 'photo.continuum');
  writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  await second.getByLabel('Open a workspace file').setInputFiles(png);
  await expect(second.getByRole('alert')).toContainText('photo.continuum is not a Continuum workspace file');
  await second.getByLabel('Open a workspace file').setInputFiles(saved);
  await expect(second.getByText('workspace.continuum is open.')).toBeVisible();
  await openReady(second, '/');
  await expect(tier1(second)).toContainText('5,256');
  await openReady(second, '/settings');
  await expect(second.getByLabel('Withhold survey results for fewer respondents than')).toHaveValue('12');
  await other.close();
});

test('a full storage quota gives a clear message and the loaded data stays on screen', async ({ page }) => {
  await page.addInitScript(() => {
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await loadFiles(page, messy);
  await expect(page.locator('.status')).toContainText('no room left to keep the workspace');
  await page.getByRole('link', { name: 'Overview', exact: true }).click();
  await expect(tier1(page)).toContainText('5,256');
});

test('reloading in the middle of an import leaves the previous data intact', async ({ page }) => {
  await loadFiles(page, messy);
  await openReady(page, '/import');
  await page.locator('input[type=file][multiple]').setInputFiles(join(FIXTURES, 'public', 'hifld-public-schools.csv'));
  await page.getByRole('button', { name: /Check and load/ }).click();
  await page.reload();
  await openReady(page, '/');
  const text = await tier1(page).innerText();
  // Either the import finished before the reload or it never landed: never a mix, never nothing.
  expect(text.includes('5,256') || !text.includes('57,091')).toBe(true);
  await expect(page.locator('.badge')).toHaveCount(0);
});

test('the Content-Security-Policy refuses any request to another origin', async ({ page }) => {
  await openReady(page, '/');
  const csp = await page.evaluate(() => document.querySelector('meta[http-equiv="content-security-policy"]')?.getAttribute('content') ?? '');
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("connect-src 'self'");
  const violation = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective));
        fetch('https://example.org/collect').catch(() => undefined);
        setTimeout(() => resolve('none'), 3000);
      })
  );
  expect(violation).toBe('connect-src');
});

test('names with script, img onerror and javascript: links show as plain text', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => (dialogs.push(d.message()), d.dismiss()));
  await loadFiles(page, hostile);
  for (const path of ['/', '/schools', '/matrix', '/map', '/school?id=X1']) {
    await openReady(page, path);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  }
  await openReady(page, '/');
  await expect(page.getByRole('link', { name: '<script>window.__pwned=1</script>Lincoln Elementary', exact: true })).toBeVisible();
  expect(await page.locator('main script, main img[src=x], main a[href^="javascript:"]').count()).toBe(0);
  expect(dialogs).toEqual([]);
});

test('a kept file that can no longer be read: the app still starts, with the sample district and a message', async ({ page }) => {
  // A context without a profile (a private window; Playwright's contexts are such) keeps a picked
  // file over 16 MB in IndexedDB only as a reference to it on disk: deleting it loses it.
  const dir = mkdtempSync(join(tmpdir(), 'continuum-'));
  try {
    const services = join(dir, 'services.csv');
    const out = createWriteStream(services);
    out.write('school_id,provider,provider_type,service,tier,capacity,notes\n');
    const row = 'S01,Harbor Family Services,community,mentoring,2,5,"weekly, after school"\n';
    out.end(row.repeat(Math.ceil((17 * 1024 * 1024) / row.length)));
    await once(out, 'finish');
    await loadFiles(page, [join(FIXTURES, 'excel', 'schools.csv'), join(FIXTURES, 'excel', 'staff.csv'), services]);
    await expect(page.locator('.badge')).toHaveCount(0);
    rmSync(dir, { recursive: true, force: true });
    await page.reload();
    await expect(page.locator('body[data-workspace=ready]')).toHaveCount(1, { timeout: 60_000 });
    await expect(page.locator('main')).not.toContainText('Continuum could not start');
    await expect(page.locator('.status .warning')).toContainText('The files kept in this browser could not be loaded again (services.csv');
    await expect(page.locator('.badge')).toHaveText('fictional sample');
    await page.getByRole('link', { name: 'Overview', exact: true }).click();
    await expect(tier1(page)).toContainText('57,091');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.describe('every kind of report', () => {
  recordForeignRequests();

  /** Requests an HTML report makes when opened on its own (its images, fonts, styles): none may leave. */
  async function expectSelfContained(page: Page, html: string) {
    const opened = await page.context().newPage();
    const requests: string[] = [];
    opened.on('request', (r) => requests.push(r.url()));
    await opened.setContent(html, { waitUntil: 'load' });
    await opened.close();
    expect(requests.filter((url) => !/^(data|blob|about):/.test(url)), 'requests of the opened report').toEqual([]);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
  }

  /** A DOCX or XLSX (or a ZIP of them): no part points outside the file (Word fetches external targets). */
  function expectNoExternalParts(bytes: Uint8Array, name: string) {
    expect(Array.from(bytes.subarray(0, 2)), `${name} is a ZIP`).toEqual([0x50, 0x4b]);
    for (const [part, data] of Object.entries(unzipSync(bytes))) {
      if (/\.(docx|xlsx)$/.test(part)) expectNoExternalParts(data, `${name}/${part}`);
      else if (/\.rels$/.test(part)) expect(strFromU8(data), `${name}/${part}`).not.toContain('TargetMode="External"');
      else if (/\.html$/.test(part)) expect(strFromU8(data), `${name}/${part}`).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    }
  }

  async function download(page: Page, region: string, button: string): Promise<{ name: string; bytes: Uint8Array }> {
    const started = page.waitForEvent('download');
    await page.getByRole('region', { name: region }).getByRole('button', { name: button, exact: true }).click();
    const file: Download = await started;
    return { name: file.suggestedFilename(), bytes: new Uint8Array(readFileSync((await file.path())!)) };
  }

  test('district and school reports, printed, opened and downloaded in every format, make no request to another origin', async ({ page }) => {
    test.setTimeout(240_000);
    // The print dialog is the browser's own: count the calls instead of opening it.
    await page.addInitScript(() => {
      window.print = () => {
        const top = window.top as unknown as { __printed?: number };
        top.__printed = (top.__printed ?? 0) + 1;
      };
    });
    await openReady(page, '/reports');
    const printed = () => page.evaluate(() => (window as unknown as { __printed?: number }).__printed ?? 0);
    const frame = page.frameLocator('iframe[title="Print view of the report"]');

    // District: print view, HTML, DOCX, XLSX, CSV tables.
    await page.getByRole('region', { name: 'District report' }).getByRole('button', { name: 'Print or save as PDF' }).click();
    await expect.poll(printed).toBe(1);
    await expect(frame.locator('body')).toContainText('Harbor City Public Schools');
    const districtHtml = await download(page, 'District report', 'HTML');
    await expectSelfContained(page, new TextDecoder().decode(districtHtml.bytes));
    for (const button of ['Word (DOCX)', 'Excel (XLSX)', 'CSV (ZIP of tables)']) {
      const file = await download(page, 'District report', button);
      expectNoExternalParts(file.bytes, file.name);
    }

    // One school: print view, HTML, DOCX.
    const school = page.getByRole('region', { name: "One school's report" });
    await school.getByRole('combobox', { name: /^School/ }).selectOption('HC003');
    await school.getByRole('button', { name: 'Print or save as PDF' }).click();
    await expect.poll(printed).toBe(2);
    await expect(frame.locator('body')).toContainText('Marguerite Pierre-Louis Middle School');
    const schoolHtml = await download(page, "One school's report", 'HTML');
    expect(schoolHtml.name).toBe('HC003.html');
    const html = new TextDecoder().decode(schoolHtml.bytes);
    expect(html).toContain('Marguerite Pierre-Louis Middle School');
    await expectSelfContained(page, html);
    const docx = await download(page, "One school's report", 'Word (DOCX)');
    expectNoExternalParts(docx.bytes, docx.name);

    // Every school at once.
    const all = await download(page, "One school's report", 'All schools: HTML and Word in one ZIP');
    expect(Object.keys(unzipSync(all.bytes))).toHaveLength(127 * 2);
    expectNoExternalParts(all.bytes, all.name);
    await expect(page.getByRole('alert')).toHaveCount(0);
  });
});
