/**
 * Large and many: a 200 MB services file and a 1,000,000-row family survey load in the browser
 * (with the schools, staff and screening counts of a 3,000-school district they refer to), the
 * tab does not crash, the app shows what was loaded, and it is all still there after a reload
 * (files over 16 MB are kept in IndexedDB as Blobs). The files stay on disk until after the
 * reload: a context without a profile, as Playwright's are, keeps a picked file only as a
 * reference to it (trust.test.ts covers a kept file that went away).
 *
 * The files are written by this test into a temp folder, from a seeded generator: the totals the
 * app must show are counted while the rows are written. They are picked by path, as a user picks
 * them: Playwright hands a path to Chromium, which reads it in place (a buffer is capped at 50 MB).
 *
 * The resident set of the tab's renderer (page, DuckDB's worker and its WASM memory) is read from
 * /proc every second, and its peak printed after each step.
 */
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { renderers } from '../../bench/lib/memory';
import { SeededRandom } from '../../scripts/seeded-random';
import { openReady } from './helpers';

const SCHOOLS = 3_000;
const SERVICES_BYTES = 200 * 1024 * 1024;
const RESPONDENTS = 1_000_000;
const SEED = 20270801;

/** Lines gathered into ~4 MB strings: one write per chunk, waiting when the stream is full. */
async function writeLines(path: string, header: string, rows: (emit: (line: string) => Promise<void> | void) => Promise<void>): Promise<number> {
  const out = createWriteStream(path);
  let chunk = header + '\n';
  const flush = async () => {
    if (!out.write(chunk)) await once(out, 'drain');
    chunk = '';
  };
  await rows((line) => {
    chunk += line + '\n';
    if (chunk.length >= 4 << 20) return flush();
  });
  await flush();
  out.end();
  await once(out, 'finish');
  return statSync(path).size;
}

const fmt = (n: number) => n.toLocaleString('en-US');

interface Expected {
  enrollment: number;
  capacity: Record<1 | 2 | 3, number>;
  serviceRows: number;
  servicesBytes: number;
  surveyBytes: number;
}

/** Writes the five files of an invented 3,000-school district; returns their paths and the totals. */
async function generateDistrict(dir: string) {
  const random = new SeededRandom(SEED, 'large');
  const paths = {
    schools: join(dir, 'schools.csv'),
    staff: join(dir, 'staff.csv'),
    needs: join(dir, 'needs.csv'),
    services: join(dir, 'resource-inventory-2027.csv'),
    survey: join(dir, 'family-survey-midyear.csv')
  };
  const levels = ['elementary', 'elementary', 'elementary', 'middle', 'high', 'k8'] as const;
  const endings = { elementary: 'Elementary School', middle: 'Middle School', high: 'High School', k8: 'K-8 Academy' };
  const stems = ['Maple', 'Cedar', 'Harbor', 'Lincoln', 'Riverside', 'Prairie', 'Summit', 'Willow', 'Granite', 'Chavez', 'Tubman', 'Orchard'];
  const schools = Array.from({ length: SCHOOLS }, (_, i) => {
    const level = random.pick(levels);
    return {
      id: `LD${String(i + 1).padStart(5, '0')}`,
      name: `${random.pick(stems)} ${i + 1} ${endings[level]}`,
      level,
      enrollment: random.int(level === 'high' ? 600 : 150, level === 'high' ? 2600 : 900)
    };
  });
  const expected: Expected = {
    enrollment: schools.reduce((s, x) => s + x.enrollment, 0),
    capacity: { 1: 0, 2: 0, 3: 0 },
    serviceRows: 0,
    servicesBytes: 0,
    surveyBytes: 0
  };

  await writeLines(paths.schools, 'school_id,school_name,enrollment,level,latitude,longitude,frl_pct', async (emit) => {
    for (const s of schools) {
      await emit(`${s.id},${s.name},${s.enrollment},${s.level},${random.between(39, 42).toFixed(5)},${random.between(-84, -80).toFixed(5)},${random.between(5, 95).toFixed(1)}`);
    }
  });
  const roles = ['school_counselor', 'school_psychologist', 'school_social_worker', 'school_nurse'];
  await writeLines(paths.staff, 'school_id,role,fte', async (emit) => {
    for (const s of schools) for (const role of roles) if (random.chance(0.8)) await emit(`${s.id},${role},${random.pick(['1', '0.5', '0.4', '1.0', '0.8'])}`);
  });
  await writeLines(paths.needs, 'school_id,tier,students', async (emit) => {
    for (const s of schools.filter((_, i) => i % 3 === 0)) {
      await emit(`${s.id},2,${Math.round(s.enrollment * random.between(0.08, 0.25))}`);
      await emit(`${s.id},3,${Math.round(s.enrollment * random.between(0.02, 0.09))}`);
    }
  });

  // The resource inventory as a resource-mapping sheet has it: the contract's columns, and a
  // contact and a description per row (extra columns, kept). Rows are ~300 bytes; the file is
  // written to 200 MB.
  const services: [string, 1 | 2 | 3][] = [
    ['sel_curriculum', 1], ['schoolwide_prevention', 1], ['screening', 1], ['parent_education', 1],
    ['group_counseling', 2], ['check_in_check_out', 2], ['mentoring', 2],
    ['individual_counseling', 3], ['case_management', 3], ['family_therapy', 3], ['crisis_intervention', 3], ['telehealth', 3]
  ];
  const agencies = Array.from({ length: 400 }, (_, i) => `${random.pick(stems)} ${random.pick(['Family Services', 'Behavioral Health', 'Youth Services', 'Counseling Center'])} ${i}`);
  const descriptions = Array.from({ length: 200 }, (_, i) =>
    `"Program ${i}: weekly sessions during the school day, referral through the student support team; families are called within two school days, and interpreters are booked ahead."`
  );
  let bytes = 0;
  await writeLines(paths.services, 'school_id,provider,provider_type,service,tier,capacity,languages,requires_diagnosis,funding,agreement,contact,description', async (emit) => {
    // A few services open to every school, as a crisis line is.
    for (let i = 0; i < 5; i++) {
      const capacity = random.int(500, 5000);
      expected.capacity[3] += capacity;
      expected.serviceRows++;
      await emit(`*,District Crisis Line ${i},community,crisis_intervention,3,${capacity},en;es,no,District general fund,yes,crisis@example.org,"Open to every school, day and night."`);
    }
    for (let i = 0; bytes < SERVICES_BYTES; i++) {
      const school = schools[i % SCHOOLS];
      const [service, tier] = random.pick(services);
      const community = random.chance(tier === 3 ? 0.6 : 0.25);
      const capacity = tier === 1 ? random.int(50, school.enrollment) : random.int(2, 120);
      expected.capacity[tier] += capacity;
      expected.serviceRows++;
      const line =
        `${school.id},${community ? random.pick(agencies) : `${school.name} student support team`},${community ? 'community' : 'school'},${service},${tier},${capacity},` +
        `${random.pick(['en', 'en;es', 'en;es;vi', ''])},${community && tier === 3 ? random.pick(['yes', 'no']) : 'no'},${random.pick(['Medicaid', 'Title I', 'District general fund', ''])},` +
        `${community ? random.pick(['yes', 'no']) : ''},intake-${i % 9000}@example.org,${random.pick(descriptions)}`;
      bytes += line.length + 1;
      await emit(line);
    }
  });
  expected.servicesBytes = statSync(paths.services).size;

  // The family survey as a form tool exports it: a timestamp, the school, the language, and the
  // nine items of the family mid-year template, answered mostly with their English labels.
  const items = ['aware_1', 'aware_2', 'access_1', 'access_2', 'comm_1', 'comm_2', 'satis_1', 'climate_1', 'climate_2'];
  const answers = ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree', '', "Don't know", 'N/A', '4', '5'];
  await writeLines(paths.survey, `Timestamp,school_id,language,${items.join(',')}`, async (emit) => {
    const row = new Array<string>(items.length);
    for (let n = 0; n < RESPONDENTS; n++) {
      for (let k = 0; k < items.length; k++) row[k] = answers[Math.floor(random.float() * answers.length)];
      await emit(`2/${1 + (n % 28)}/2027 ${8 + (n % 10)}:${String(n % 60).padStart(2, '0')}:00,${schools[Math.floor(random.float() * SCHOOLS)].id},English,${row.join(',')}`);
    }
  });
  expected.surveyBytes = statSync(paths.survey).size;
  return { paths, expected };
}

/** Waits for `done` while failing at once if the tab crashes or the page throws. */
async function watch(page: Page, what: string, done: () => Promise<boolean>, timeout: number, log: (line: string) => void) {
  const deadline = Date.now() + timeout;
  let lastStatus = '';
  while (Date.now() < deadline) {
    if (crashed.has(page)) throw new Error(`the tab crashed while ${what}`);
    const errors = pageErrors.get(page) ?? [];
    if (errors.length) throw new Error(`the page threw while ${what}: ${errors.join(' | ')}`);
    if (await page.locator('body[data-workspace=failed]').count()) throw new Error(`the app failed while ${what}: ${await page.locator('main').innerText()}`);
    if (await done()) return;
    const status = ((await page.locator('.status').textContent().catch(() => '')) ?? '').trim();
    if (status && status !== lastStatus) log(`  ${what}: ${status}`);
    lastStatus = status;
    await page.waitForTimeout(1000);
  }
  throw new Error(`timed out after ${timeout / 1000} s while ${what}`);
}
const crashed = new WeakSet<Page>();
const pageErrors = new WeakMap<Page, string[]>();

test('a 200 MB services file and a 1,000,000-row survey load, show their counts and survive a reload', async ({ page }) => {
  test.setTimeout(600_000);
  const started = Date.now();
  const at = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  const log = (line: string) => console.log(`[${at()}] ${line}`);
  page.on('crash', () => crashed.add(page));
  pageErrors.set(page, []);
  page.on('pageerror', (e) => pageErrors.get(page)!.push(e.message));

  // The tab's renderer holds the most memory of the browser's processes; sampled every second.
  let peakMb = 0;
  const sampler = setInterval(() => (peakMb = Math.max(peakMb, renderers()[0]?.peakMb ?? 0)), 1000);
  const memory = () => `peak ${Math.round(Math.max(peakMb, renderers()[0]?.peakMb ?? 0))} MB`;

  const dir = mkdtempSync(join(tmpdir(), 'continuum-large-'));
  try {
    const { paths, expected } = await generateDistrict(dir);
    log(`generated: services ${(expected.servicesBytes / 1e6).toFixed(0)} MB (${fmt(expected.serviceRows)} rows), survey ${(expected.surveyBytes / 1e6).toFixed(0)} MB (${fmt(RESPONDENTS)} rows)`);
    expect(expected.servicesBytes).toBeGreaterThanOrEqual(SERVICES_BYTES);

    await openReady(page, '/import');
    await page.getByLabel('Choose files to load').setInputFiles(Object.values(paths));
    const load = page.getByRole('button', { name: 'Check and load 5 files' });
    await expect(load).toBeEnabled({ timeout: 60_000 });
    log('picked the five files');
    await load.click();
    const loaded = page.getByText('Loaded.');
    const refused = page.locator('.error[role=alert]');
    await watch(page, 'loading', async () => (await loaded.isVisible()) || (await refused.isVisible()), 480_000, log);
    if (await refused.isVisible()) throw new Error(`the files were refused: ${await page.locator('main').innerText()}`);
    await expect(page.locator('body[data-workspace=ready]')).toHaveCount(1);
    await expect(page.locator('.status .warning')).toHaveCount(0); // kept in IndexedDB: no quota message
    log(`loaded (${memory()})`);

    const overview = async () => {
      await page.getByRole('link', { name: 'Overview', exact: true }).click();
      const tier = (t: number) => page.locator(`article.tier[data-tier="${t}"]`);
      await expect(tier(1)).toContainText(fmt(expected.enrollment));
      for (const t of [1, 2, 3] as const) await expect(tier(t)).toContainText(fmt(expected.capacity[t]));
      await expect(page.getByRole('button', { name: new RegExp(`^Show all ${fmt(SCHOOLS).replace(',', ',?')} schools$`) })).toBeVisible();
      await page.getByRole('link', { name: 'Schools', exact: true }).click();
      await expect(page.getByText(`${SCHOOLS} of ${SCHOOLS} schools`)).toBeVisible({ timeout: 60_000 });
      await page.getByRole('link', { name: 'Survey', exact: true }).click();
      await expect(page.getByText(`${fmt(RESPONDENTS)} respondents.`)).toBeVisible({ timeout: 60_000 });
      await expect(page.locator('.badge')).toHaveCount(0); // not the sample district
    };
    await overview();
    log('overview, schools and survey show the counts');

    await page.reload();
    await watch(page, 'reloading', async () => (await page.locator('body[data-workspace=ready]').count()) === 1, 480_000, log);
    await expect(page.locator('main')).not.toContainText('Continuum could not start');
    log(`reloaded (${memory()})`);
    await overview();
    log(`the same counts after the reload (${memory()})`);

    // LARGE_SCREENSHOTS=DIR: look at the pages with the large district loaded, as its user would.
    // By the app's own links: a full page load would import every file again.
    const shots = process.env.LARGE_SCREENSHOTS;
    if (shots) {
      const views: [string, () => Promise<void>][] = [
        ...['Overview', 'Map', 'Resource matrix', 'Schools', 'Survey', 'Scenarios', 'Reports'].map(
          (name) => [name, () => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click()] as [string, () => Promise<void>]
        ),
        ['School', async () => {
          await page.getByRole('link', { name: 'Schools', exact: true }).click();
          await page.locator('main table a').first().click();
        }]
      ];
      for (const [name, open] of views) {
        const t = Date.now();
        await open();
        // Settled: the page's text has not changed for three seconds.
        for (let last = '', same = 0; same < 3; same++) {
          await page.waitForTimeout(1000);
          const text = await page.locator('main').innerText();
          if (text !== last) same = -1;
          last = text;
        }
        await page.screenshot({ path: join(shots, `large-${name.toLowerCase().replace(/ /g, '-')}.png`), fullPage: true });
        log(`  ${name}: settled in ${((Date.now() - t) / 1000 - 3).toFixed(0)} s (${memory()})`);
      }
    }
    expect(crashed.has(page)).toBe(false);
  } finally {
    clearInterval(sampler);
    rmSync(dir, { recursive: true, force: true });
  }
});
