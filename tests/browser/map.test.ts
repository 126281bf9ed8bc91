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

/**
 * A state-sized district, written here from a seeded generator: 3,000 schools in a box of about
 * one degree, with four corner schools fixing the box and two schools whose classes are known in
 * a clear patch round its centre. The map fits the box's corners, so the centre school is drawn
 * at the centre of the map (the latitude chosen as Mercator's middle, not the plain mean).
 */
function stateFiles(count = 3000) {
  let seed = 20_27;
  const random = () => {
    // mulberry32
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const [west, east, south, north] = [-83.5, -82.5, 39.5, 40.5];
  const mercator = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
  const middle = ((2 * Math.atan(Math.exp((mercator(south) + mercator(north)) / 2)) - Math.PI / 2) * 180) / Math.PI;
  const centre = { id: 'C0001', name: 'Centre Hill Academy', lon: (west + east) / 2, lat: middle };
  const schools: string[] = ['school_id,school_name,enrollment,level,latitude,longitude'];
  const staff: string[] = ['school_id,role,fte'];
  const services: string[] = ['school_id,provider,provider_type,service,tier,capacity'];
  const add = (id: string, name: string, enrollment: number, lat: number, lon: number) => {
    schools.push(`${id},${name},${enrollment},elementary,${lat.toFixed(5)},${lon.toFixed(5)}`);
    staff.push(`${id},school_counselor,1`);
  };
  // The centre school: tier 3 fully covered (need 5% of 2,000 = 100, capacity 100); no tier 1 capacity.
  add(centre.id, centre.name, 2000, centre.lat, centre.lon);
  services.push(`${centre.id},Harbor Counseling,community,individual_counseling,3,100`);
  // Its neighbour to the east, in the clear patch: nothing at tier 3.
  add('C0002', 'East Meadow School', 2000, centre.lat, centre.lon + 0.12);
  const corners: [string, number, number][] = [['NW', north, west], ['NE', north, east], ['SW', south, west], ['SE', south, east]];
  for (const [at, lat, lon] of corners) add(`K${at}`, `Corner ${at} School`, 300, lat, lon);
  for (let i = 0; schools.length - 1 < count; i++) {
    const lat = south + random() * (north - south);
    const lon = west + random() * (east - west);
    // The patch round the two known schools stays clear.
    if (Math.abs(lat - centre.lat) < 0.08 && Math.abs(lon - centre.lon - 0.06) < 0.15) continue;
    const id = `S${String(i).padStart(5, '0')}`;
    add(id, `Generated School ${i}`, 100 + Math.floor(random() * 1400), lat, lon);
    services.push(`${id},District Counseling,school,group_counseling,${1 + Math.floor(random() * 3)},${Math.floor(random() * 120)}`);
  }
  const file = (name: string, lines: string[]) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n') + '\n') });
  return { files: [file('schools.csv', schools), file('staff.csv', staff), file('services.csv', services)], centre, count };
}

test.describe('a state-sized map, painted on a canvas', () => {
  test.setTimeout(180_000);

  async function openStateMap(page: Page) {
    const state = stateFiles();
    await openReady(page, '/import');
    await page.getByLabel('Choose files to load').setInputFiles(state.files);
    await page.getByRole('button', { name: 'Check and load 3 files' }).click();
    await expect(page.getByText('Loaded.')).toBeVisible({ timeout: 120_000 });
    await page.locator('nav a', { hasText: 'Map' }).click();
    await expect(page.locator('svg.map[data-drawn]')).toBeVisible({ timeout: 60_000 });
    return state;
  }

  /** The colour the canvas holds at a point of the page, as #rrggbb (the canvas is transparent between marks). */
  const canvasColour = (page: Page, x: number, y: number) =>
    page.locator('canvas.marks-canvas').evaluate(
      (canvas: HTMLCanvasElement, [x, y]) => {
        const box = canvas.getBoundingClientRect();
        const px = Math.floor(((x - box.left) * canvas.width) / box.width);
        const py = Math.floor(((y - box.top) * canvas.height) / box.height);
        const [r, g, b, a] = canvas.getContext('2d')!.getImageData(px, py, 1, 1).data;
        return a < 255 ? `transparent ${a}` : `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
      },
      [x, y]
    );

  /** How many of the canvas's pixels are the focus ring's colour (no class uses it). */
  const focusPixels = (page: Page) =>
    page.locator('canvas.marks-canvas').evaluate((canvas: HTMLCanvasElement) => {
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i] === 0x0a && data[i + 1] === 0x58 && data[i + 2] === 0xca) n++;
      return n;
    });

  async function mapCentre(page: Page) {
    const box = (await page.locator('svg.map').boundingBox())!;
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }

  test('draws every school as one picture, coloured by class, and recolours it', async ({ page }) => {
    const state = await openStateMap(page);
    const svg = page.locator('svg.map');
    await expect(svg).toHaveAttribute('data-marks', 'canvas');
    await expect(svg).toHaveAttribute('data-mark-count', String(state.count));
    // No element per school: the SVG holds the basemap only.
    await expect(page.locator('svg.map [data-school-id]')).toHaveCount(0);

    const centre = await mapCentre(page);
    // Tier 3 (the map opens on it): the centre school is fully covered.
    expect(await canvasColour(page, centre.x, centre.y)).toBe('#542788');
    const before = await svg.getAttribute('data-recolour-ms');
    await page.getByRole('radio', { name: 'Tier 1 (universal)' }).check();
    // Tier 1: no capacity for 2,000 students, under half covered.
    await expect.poll(() => canvasColour(page, centre.x, centre.y)).toBe('#b35806');
    expect(await svg.getAttribute('data-recolour-ms')).not.toBe(before);
    // A corner of the map between schools holds nothing: the basemap shows through.
    expect(await canvasColour(page, centre.x, centre.y - 25)).toMatch(/^transparent/);

    // Zooming in repaints: the centre stays where it was, and fewer schools are in view.
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(async () => Number(await svg.getAttribute('data-mark-count'))).toBeLessThan(state.count);
    expect(await canvasColour(page, centre.x, centre.y)).toBe('#b35806');
  });

  test('shows a school under the pointer and opens it on a click', async ({ page }) => {
    const state = await openStateMap(page);
    const centre = await mapCentre(page);
    await page.mouse.move(centre.x, centre.y);
    const tooltip = page.getByRole('tooltip');
    await expect(tooltip).toBeVisible();
    await expect(tooltip).toContainText(state.centre.name);
    await expect(tooltip).toContainText('Click to open the school');
    // Off every school, the tooltip goes.
    await page.mouse.move(centre.x, centre.y - 25);
    await expect(tooltip).toBeHidden();
    await page.mouse.click(centre.x, centre.y);
    await expect(page).toHaveURL(new RegExp(`/school\\?id=${state.centre.id}$`));
  });

  test('is one Tab stop whose arrow keys move a current school, named for screen readers', async ({ page }) => {
    await openStateMap(page);
    expect(await focusPixels(page)).toBe(0);
    await page.getByRole('button', { name: 'Reset view' }).focus();
    await page.keyboard.press('Tab');
    const svg = page.locator('svg.map');
    await expect(svg).toBeFocused();
    const tooltip = page.getByRole('tooltip');
    const live = page.locator('.map-frame [aria-live=polite]');
    // The first school in reading order: the north-west corner.
    await expect(tooltip).toContainText('Corner NW School');
    await expect(live).toContainText('Corner NW School');
    await expect(svg).toHaveAttribute('aria-describedby', await tooltip.getAttribute('id') as string);

    await page.keyboard.press('Escape');
    await expect(tooltip).toBeHidden();
    // The arrows move the current school; the tooltip and the live region follow it.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    await expect(live).not.toContainText('Corner NW School');
    const name = (await tooltip.locator('strong').textContent())!;
    expect(name).not.toBe('Corner NW School');
    await expect(live).toContainText(name);
    const id = name.startsWith('Generated School ') ? `S${name.slice('Generated School '.length).padStart(5, '0')}` : null;
    expect(id).not.toBeNull();

    // One Tab stop (the map itself, no school inside it), and the current school is circled in the focus colour.
    await expect(page.locator('svg.map [tabindex]')).toHaveCount(0);
    expect(await focusPixels(page)).toBeGreaterThan(20);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/school\\?id=${id}$`));
  });

  test('has no serious or critical accessibility violations', async ({ page }) => {
    await openStateMap(page);
    await page.getByRole('button', { name: 'Reset view' }).focus();
    await page.keyboard.press('Tab');
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`)).toEqual([]);
  });
});
