import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openReady } from './helpers';

/** The sample schools, split by whether they have both coordinates (a tiny CSV parse: quotes allowed). */
function sampleSchools() {
  const text = readFileSync(join(import.meta.dirname, '..', '..', 'sample-data', 'schools.csv'), 'utf8');
  const rows = text
    .trim()
    .split(/\r?\n/)
    .map((line) => [...line.matchAll(/("([^"]|"")*"|[^,]*)(,|$)/g)].map((m) => m[1].replace(/^"|"$/g, '').replace(/""/g, '"')));
  const header = rows[0];
  const col = (name: string) => header.indexOf(name);
  const schools = rows.slice(1).map((r) => ({
    id: r[col('school_id')],
    name: r[col('school_name')],
    mapped: r[col('latitude')].trim() !== '' && r[col('longitude')].trim() !== ''
  }));
  return { mapped: schools.filter((s) => s.mapped), unmapped: schools.filter((s) => !s.mapped) };
}

const marks = (page: Page) => page.locator('svg.map [data-school-id]');

async function openMap(page: Page) {
  await openReady(page, '/map');
  await expect(page.locator('svg.map[data-drawn]')).toBeVisible();
}

const fills = (page: Page) =>
  page.$$eval('svg.map [data-school-id]', (els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-school-id')!, e.getAttribute('fill')])));

test('draws one mark per school with coordinates and lists the rest by name', async ({ page }) => {
  const { mapped, unmapped } = sampleSchools();
  expect(unmapped.length).toBeGreaterThan(0);
  const started = Date.now();
  await openMap(page);
  const drawMs = await page.locator('svg.map').getAttribute('data-draw-ms');
  const description = `${Date.now() - started} ms from navigation (DuckDB start and sample load included); the map's own draw ${drawMs} ms`;
  test.info().annotations.push({ type: 'navigation to drawn map', description });
  console.log(`navigation to drawn map: ${description}`);

  await expect(marks(page)).toHaveCount(mapped.length);
  const ids = await marks(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-school-id')));
  expect(new Set(ids)).toEqual(new Set(mapped.map((s) => s.id)));

  const beside = page.locator('section.unplaced');
  for (const s of unmapped) await expect(beside.getByRole('link', { name: s.name })).toBeVisible();
  await expect(beside.locator('li')).toHaveCount(unmapped.length);
  // The table beside it holds every school, mapped or not.
  await page.getByRole('button', { name: /Show all/ }).click();
  await expect(page.locator('table tbody tr')).toHaveCount(mapped.length + unmapped.length);
});

test('recolours the same marks when the tier or the colouring changes', async ({ page }) => {
  await openMap(page);
  // Tag the elements: a recolour must change attributes on these, not draw new ones.
  await marks(page).evaluateAll((els) => els.forEach((e) => ((e as unknown as { probe: boolean }).probe = true)));
  const before = await fills(page);

  await page.getByRole('radio', { name: 'Tier 1 (universal)' }).check();
  await expect.poll(async () => Object.entries(await fills(page)).filter(([id, fill]) => before[id] !== fill).length).toBeGreaterThan(0);

  const tier1 = await fills(page);
  await page.getByRole('radio', { name: 'Gap' }).check();
  await expect.poll(async () => Object.entries(await fills(page)).filter(([id, fill]) => tier1[id] !== fill).length).toBeGreaterThan(0);

  const gap = await fills(page);
  await page.getByLabel('Provider').selectOption('community');
  await expect.poll(async () => Object.entries(await fills(page)).filter(([id, fill]) => gap[id] !== fill).length).toBeGreaterThan(0);

  expect(await marks(page).evaluateAll((els) => els.every((e) => (e as unknown as { probe?: boolean }).probe === true))).toBe(true);
  await expect(marks(page)).toHaveCount(sampleSchools().mapped.length);
});

test('works by keyboard: Tab reaches a school, Escape hides its tooltip, Enter opens it', async ({ page }) => {
  await openMap(page);
  await page.getByRole('button', { name: 'Reset view' }).focus();
  await page.keyboard.press('Tab');
  const focused = page.locator('svg.map [data-school-id]:focus');
  await expect(focused).toHaveCount(1);
  await expect(page.getByRole('tooltip')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('tooltip')).toHaveCount(0);

  // Arrow keys move between schools; the mark reached is the one Enter opens.
  await page.keyboard.press('ArrowDown');
  const id = await focused.getAttribute('data-school-id');
  expect(id).toBeTruthy();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/school\\?id=${encodeURIComponent(id!)}$`));
});

test('draws a GeoJSON file the user loads, in the browser', async ({ page }) => {
  await openMap(page);
  const ring = [
    [-73.0, 41.25],
    [-72.9, 41.25],
    [-72.9, 41.35],
    [-73.0, 41.35],
    [-73.0, 41.25]
  ];
  const zones = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { name: 'North zone', students: 1200 }, geometry: { type: 'Polygon', coordinates: [ring] } },
      { type: 'Feature', properties: { name: 'South zone', students: 800 }, geometry: { type: 'Polygon', coordinates: [ring.map(([x, y]) => [x, y - 0.1])] } }
    ]
  };
  await page.getByLabel('GeoJSON file').setInputFiles({ name: 'zones.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(zones)) });
  await expect(page.locator('svg.map .overlay path')).toHaveCount(2);
  await expect(page.getByLabel('Shade by')).toHaveValue('students');
  const zoneFills = await page.locator('svg.map .overlay path').evaluateAll((els) => els.map((e) => e.getAttribute('fill')));
  expect(new Set(zoneFills).size).toBe(2);
  // The marks are all still there, over the zones.
  await expect(marks(page)).toHaveCount(sampleSchools().mapped.length);

  await page.getByLabel('GeoJSON file').setInputFiles({ name: 'bad.geojson', mimeType: 'application/json', buffer: Buffer.from('{"type":"Point"') });
  await expect(page.getByRole('alert')).toContainText('not JSON');
});

test('has no serious or critical accessibility violations', async ({ page }) => {
  await openMap(page);
  // With a tooltip open too, as a keyboard user would meet it.
  await page.getByRole('button', { name: 'Reset view' }).focus();
  await page.keyboard.press('Tab');
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`)).toEqual([]);
});

test('makes no request outside its own origin', async ({ page, baseURL }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await openMap(page);
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await page.getByRole('radio', { name: 'Tier 2 (targeted)' }).check();
  await expect(marks(page).first()).toBeVisible();

  const origin = new URL(baseURL!).origin;
  expect(requests.length).toBeGreaterThan(0);
  // blob: URLs (DuckDB's worker) carry the page's origin; data: URLs are not requests to anyone.
  const elsewhere = requests.filter((url) => !url.startsWith('data:') && new URL(url).origin !== origin);
  expect(elsewhere).toEqual([]);
});
