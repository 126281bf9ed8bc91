/**
 * The figures measured in headless Chromium (Debian's, launched as scripts/screenshots.ts does)
 * against the built app, served with its SPA fallback by bench/lib/server.ts. The app is driven
 * as a user drives it: files picked on /import and "Check and load" clicked, the map opened from
 * the navigation, the tier changed with its radio. Nothing is added to the app for the bench.
 * Baselines run on the bench's own page (bench/browser/) on the same origin, in the same browser,
 * interleaved with the app's runs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import Papa from 'papaparse';
import { benchFile, GENERATED_DIR, SIZES } from './generate';
import { APP_DIR, APP_BUILD, ensureAppBuild } from './lib/app-build';
import { figure, IMPORT_RATIO, withinRatio, median, notMeasured, type Figure } from './lib/measure';
import { renderers } from './lib/memory';
import { ensureBenchPage, PAGE_DIR } from './lib/page-build';
import { serve } from './lib/server';
import { statePublicFiles } from './public-figures';
import type { StateFiles } from './state-files';

export const PORT = 4392;
const LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
};
const VIEWPORT = { width: 1280, height: 900 };
/** Long enough for a million survey rows on a busy 2-core machine. */
const SLOW = 20 * 60_000;

const DISTRICT_FILES = (['schools', 'staff', 'services', 'needs'] as const).map((k) => benchFile('state', k));
const SURVEY_FILE = benchFile('state', 'survey');

type BenchWindow = Window & {
  __benchReadyMs?: number;
  __benchColdMs?: number;
  __benchTimeline?: [number, string][];
  bench: {
    bareImport(prefix: string): Promise<number>;
    draw(points: [number, number, number][]): Promise<number>;
    recolour(round: number): Promise<number>;
  };
};

export interface BrowserOptions {
  /** Runs of cold start, map draw and recolour. */
  fastRuns: number;
  /** Runs of the state's district-file import. */
  slowRuns: number;
  /** Runs of the million-row survey import (the last runs; the map and memory follow the last). */
  surveyRuns: number;
  /** Keep an existing build of the app even if its sources changed. */
  reuseBuild: boolean;
  log: (line: string) => void;
}

async function freshPage(browser: Browser): Promise<{ context: BrowserContext; page: Page; renderersBefore: Set<number> }> {
  const renderersBefore = new Set(renderers().map((r) => r.pid));
  // A new context is a first visit: empty cache and IndexedDB, so the sample district loads.
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log(`  page error: ${e.message}`));
  return { context, page, renderersBefore };
}

/**
 * ms from navigation start until `selector` is in the page and the next frame is out, with the
 * timeline of the app's status line on the way (what it says it is doing, and when).
 */
async function coldLoad(browser: Browser, url: string, selector: string): Promise<{ ms: number; timeline: string }> {
  const { context, page } = await freshPage(browser);
  try {
    await page.addInitScript((selector: string) => {
      const w = window as unknown as BenchWindow;
      const timeline: [number, string][] = [];
      w.__benchTimeline = timeline;
      const observer = new MutationObserver(() => {
        const status = document.querySelector('.status')?.textContent?.trim() || `workspace ${document.body?.dataset.workspace ?? ''}`;
        if (timeline[timeline.length - 1]?.[1] !== status) timeline.push([performance.now(), status]);
        if (!document.querySelector(selector)) return;
        observer.disconnect();
        requestAnimationFrame(() => setTimeout(() => (w.__benchReadyMs = performance.now()), 0));
      });
      observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-drawn', 'data-workspace'] });
    }, selector);
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as BenchWindow).__benchReadyMs !== undefined, null, { timeout: 180_000, polling: 100 });
    return await page.evaluate(() => {
      const w = window as unknown as BenchWindow;
      const timeline = (w.__benchTimeline ?? []).map(([t, text]) => `${Math.round(t)} ${text.slice(0, 40)}`).join(' → ');
      return { ms: w.__benchReadyMs!, timeline };
    });
  } finally {
    await context.close();
  }
}

async function benchPageColdStart(browser: Browser, url: string): Promise<number> {
  const { context, page } = await freshPage(browser);
  try {
    await page.goto(`${url}/__bench/index.html`);
    await page.waitForFunction(() => (window as unknown as BenchWindow).__benchColdMs !== undefined, null, { timeout: 180_000, polling: 100 });
    return await page.evaluate(() => (window as unknown as BenchWindow).__benchColdMs!);
  } finally {
    await context.close();
  }
}

/** Picks files on /import, clicks "Check and load", and times until "Loaded." (or fails with the problems shown). */
async function appImport(page: Page, files: string[]): Promise<number> {
  // The drop zone's own input, by its label (the page has others, for mappings and workspace files).
  await page.getByLabel('Choose files to load').setInputFiles(files);
  const label = `Check and load ${files.length} file${files.length === 1 ? '' : 's'}`;
  const button = page.getByRole('button', { name: label, exact: true });
  await button.waitFor({ timeout: 120_000 });
  await page.waitForFunction((label) => [...document.querySelectorAll('button')].some((b) => b.textContent?.trim() === label && !b.disabled), label, { timeout: 120_000 });
  const started = Date.now();
  await button.click();
  const outcome = page.locator('p.ok', { hasText: 'Loaded.' }).or(page.locator('p.error'));
  await outcome.first().waitFor({ timeout: SLOW });
  const ms = Date.now() - started;
  if (await page.locator('p.error').count()) {
    const problems = await page.locator('li').allTextContents();
    throw new Error(`the app did not load ${files.join(', ')}: ${(await page.locator('p.error').textContent())?.trim()} ${problems.slice(0, 5).join(' | ')}`);
  }
  return ms;
}

/**
 * A state's public files picked together on /import, one district chosen in the app's district
 * choice, and "Check and load" clicked: ms from the click to "Loaded.", and the tab's peak memory.
 */
async function statePublicImport(browser: Browser, url: string, files: StateFiles): Promise<{ ms: number; peakMb: number | null }> {
  const app = await freshPage(browser);
  try {
    await app.page.goto(`${url}/import`);
    await app.page.locator('body[data-workspace=ready]').waitFor({ timeout: 180_000 });
    const pid = newRenderer(app.renderersBefore);
    const paths = [files.paths.schools, files.paths.enrollment, files.paths.locations, files.paths.staff, files.paths.services];
    await app.page.getByLabel('Choose files to load').setInputFiles(paths);
    const choice = app.page.getByRole('group', { name: 'Which district?' });
    await choice.waitFor({ timeout: SLOW });
    await choice.getByRole('searchbox').fill(files.district);
    await choice.getByRole('radio', { name: new RegExp(files.district) }).check();
    const button = app.page.getByRole('button', { name: `Check and load ${paths.length} files`, exact: true });
    const started = Date.now();
    await button.click();
    const outcome = app.page.locator('p.ok', { hasText: 'Loaded.' }).or(app.page.locator('p.error'));
    await outcome.first().waitFor({ timeout: SLOW });
    const ms = Date.now() - started;
    if (await app.page.locator('p.error').count()) throw new Error(`the app did not load the state's public files: ${(await app.page.locator('p.error').textContent())?.trim()}`);
    const peak = renderers().find((r) => r.pid === pid)?.peakMb;
    return { ms, peakMb: peak === undefined ? null : Math.round(peak) };
  } finally {
    await app.context.close();
  }
}

async function openBenchPage(browser: Browser, url: string) {
  const fresh = await freshPage(browser);
  await fresh.page.goto(`${url}/__bench/index.html`);
  await fresh.page.waitForFunction(() => (window as unknown as BenchWindow).__benchColdMs !== undefined, null, { timeout: 180_000 });
  return fresh;
}

async function bareImport(page: Page, files: string[], prefix: string): Promise<number> {
  await page.locator('#files').setInputFiles(files);
  return page.evaluate((prefix) => (window as unknown as BenchWindow).bench.bareImport(prefix), prefix);
}

/** JS heap of the page's main thread (the DuckDB worker's heap and WASM memory are not in it). */
async function jsHeapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1024 / 1024;
}

/** Clicks the navigation's Map link inside the page and times until the marks are drawn and painted (to within 10 ms). */
async function openMap(page: Page): Promise<{ ms: number; marks: number; own: number }> {
  return page.evaluate(
    () =>
      new Promise<{ ms: number; marks: number; own: number }>((resolve, reject) => {
        const started = performance.now();
        const before = document.querySelector('svg.map');
        // Polled every 10 ms rather than observed: in a run from a fresh clone the observer never
        // fired although the page showed the map drawn. (No named functions in here: tsx would
        // wrap them in a helper the page does not have.)
        const poll = setInterval(() => {
          const svg = document.querySelector('svg.map[data-drawn]');
          if (!svg || svg === before) return;
          clearInterval(poll);
          // A canvas map (many schools) has no element per mark; it says how many it painted.
          const marks = Number(svg.getAttribute('data-mark-count') ?? svg.querySelectorAll('[data-school-id]').length);
          // The map's own timing of its drawing code (data-draw-ms + data-recolour-ms), where it keeps one.
          requestAnimationFrame(() =>
            setTimeout(() => {
              const own = Number(svg.getAttribute('data-draw-ms') ?? NaN) + Number(svg.getAttribute('data-recolour-ms') ?? NaN);
              resolve({ ms: performance.now() - started, marks, own });
            }, 0)
          );
        }, 10);
        const link = [...document.querySelectorAll('nav a')].find((a) => a.textContent?.trim() === 'Map') as HTMLElement | undefined;
        if (!link) return reject(new Error('no Map link in the navigation'));
        link.click();
        setTimeout(() => reject(new Error('the map did not draw within 2 minutes')), 120_000);
      })
  );
}

/**
 * Checks a tier radio in the page and times until the marks' fills stop changing (painted). A
 * map painted on a canvas (many schools) has no marks to watch: its count of recolours
 * (data-recolours, set once a recolour is painted) stands for them.
 */
async function recolourTo(page: Page, tierLabel: string): Promise<{ ms: number; changed: number; own: number }> {
  return page.evaluate(
    (tierLabel) =>
      new Promise<{ ms: number; changed: number; own: number }>((resolve, reject) => {
        const svg = document.querySelector('svg.map');
        const input = [...document.querySelectorAll('input[type=radio]')].find((i) => i.closest('label')?.textContent?.trim() === tierLabel) as HTMLInputElement | undefined;
        if (!svg || !input) return reject(new Error(`no map or no "${tierLabel}" radio`));
        let painted = 0;
        let changed = 0;
        const observer = new MutationObserver((records) => {
          changed += records.length;
          requestAnimationFrame(() => setTimeout(() => (painted = performance.now()), 0));
        });
        observer.observe(svg, { subtree: true, attributes: true, attributeFilter: ['fill', 'data-recolours'] });
        const started = performance.now();
        input.click();
        // Settled: a second with no new fill after the last painted change.
        const poll = setInterval(() => {
          const now = performance.now();
          if ((painted && now - painted > 1000) || now - started > 60_000) {
            clearInterval(poll);
            observer.disconnect();
            resolve({ ms: painted ? painted - started : NaN, changed, own: Number(svg.getAttribute('data-recolour-ms') ?? NaN) });
          }
        }, 50);
      }),
    tierLabel
  );
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/**
 * Runs `work` under Chromium's tracing and says where the page's main thread spent its time:
 * self time by trace event (FunctionCall is script, UpdateLayoutTree is style, Layout, Paint, GC),
 * and how busy the DuckDB worker was meanwhile.
 */
async function traced(browser: Browser, page: Page, pid: number | undefined, work: () => Promise<unknown>): Promise<string> {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'v8', 'blink'] });
  await work();
  const { traceEvents } = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
  const threadName = new Map<string, string>();
  for (const e of traceEvents) if (e.ph === 'M' && e.name === 'thread_name') threadName.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of traceEvents) {
    if (e.ph !== 'X' || e.dur === undefined) continue;
    const key = `${e.pid}:${e.tid}`;
    const list = byThread.get(key);
    if (list) list.push(e);
    else byThread.set(key, [e]);
  }
  const selfTimes = (events: TraceEvent[]) => {
    // Complete events nest: an event's self time is its duration less its children's.
    const self = new Map<string, number>();
    const stack: TraceEvent[] = [];
    const sorted = [...events].sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
    for (const e of sorted) {
      while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur! <= e.ts) stack.pop();
      const parent = stack[stack.length - 1];
      if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - e.dur!);
      self.set(e.name, (self.get(e.name) ?? 0) + e.dur!);
      stack.push(e);
    }
    return self;
  };
  const parts: string[] = [];
  for (const [key, events] of byThread) {
    // The trace covers the whole browser: keep the app tab's renderer (its OS pid, as /proc gave it).
    if (pid !== undefined && !key.startsWith(`${pid}:`)) continue;
    const name = threadName.get(key) ?? '';
    if (name === 'CrRendererMain') {
      const top = [...selfTimes(events)].filter(([, us]) => us > 0).sort((a, b) => b[1] - a[1]).slice(0, 6);
      parts.push(`main thread: ${top.map(([n, us]) => `${n} ${Math.round(us / 1000)}`).join(', ')}`);
    } else if (name.startsWith('DedicatedWorker')) {
      const busy = [...selfTimes(events).values()].reduce((s, us) => s + Math.max(us, 0), 0);
      if (busy > 1000) parts.push(`DuckDB worker busy ${Math.round(busy / 1000)}`);
    }
  }
  return parts.join('; ');
}

/** What the map says its own code took (data-draw-ms, data-recolour-ms), beside the whole. */
function ownNote(own: number[], what: string): string {
  const known = own.filter(Number.isFinite);
  return known.length ? `; of which ${what}, as the map times it: ${Math.round(median(known))} ms` : '';
}

/** The state's schools as circles for the bare SVG: lon/lat scaled linearly, radius by enrollment. */
function baselinePoints(): [number, number, number][] {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(benchFile('state', 'schools'), 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
  const { box } = SIZES.state;
  return parsed.data
    .filter((r) => r.Lat && r.Lon)
    .map((r) => [
      Math.round(((Number(r.Lon) - box.west) / (box.east - box.west)) * 1000 * 10) / 10,
      Math.round(((box.north - Number(r.Lat)) / (box.north - box.south)) * 640 * 10) / 10,
      Math.round(Math.sqrt(Number(r['Total Enrollment'].replace(/[, ]/g, ''))) * 0.15 * 10) / 10
    ]);
}

export async function browserFigures(options: BrowserOptions): Promise<{ figures: Figure[]; chromium: string; built: boolean }> {
  const { log } = options;
  const built = await ensureAppBuild(log, options.reuseBuild);
  if (built.built) log(`  app built in ${(built.ms / 1000).toFixed(1)} s`);
  await ensureBenchPage();
  const server = await serve(APP_BUILD, PAGE_DIR, PORT);
  const browser = await chromium.launch(LAUNCH);
  const figures: Figure[] = [];
  const mapPage = existsSync(join(APP_DIR, 'src/routes/map/+page.svelte'));
  try {
    // (f) Cold start: a first visit to the built app, to a drawn map of the sample district.
    log('  browser: cold start…');
    const cold: { ms: number; timeline: string }[] = [];
    const coldBase: number[] = [];
    const readySelector = mapPage ? 'svg.map[data-drawn]' : 'body[data-workspace=ready]';
    for (let i = 0; i < options.fastRuns; i++) {
      cold.push(await coldLoad(browser, `${server.url}${mapPage ? '/map' : '/'}`, readySelector));
      coldBase.push(await benchPageColdStart(browser, server.url));
    }
    // The median run's timeline says where the time went.
    const middle = [...cold].sort((a, b) => a.ms - b.ms)[cold.length >> 1];
    figures.push(
      figure(`cold start to ${mapPage ? 'a drawn map' : 'a ready workspace'}, sample district (browser)`, 'ms', { runs: cold.map((c) => c.ms), baselineRuns: coldBase }, 1500,
        `navigation start to ${readySelector} plus one frame, empty cache; the median run's status line (ms: text): ${middle?.timeline ?? ''}; baseline: a page that only opens duckdb-wasm and runs SELECT 1`)
    );

    // (a) Import through the real page, state scale; then, in the last run's tab, (e) the map and (g) memory.
    const appDistrict: number[] = [];
    const appSurvey: number[] = [];
    const bareDistrict: number[] = [];
    const bareSurvey: number[] = [];
    const total = Math.max(options.slowRuns, options.surveyRuns, 1);
    for (let i = 0; i < total; i++) {
      const last = i === total - 1;
      const withSurvey = i >= total - options.surveyRuns;
      log(`  browser: state import, run ${i + 1} of ${total}${withSurvey ? ', with the survey' : ''}…`);
      const app = await freshPage(browser);
      await app.page.goto(`${server.url}/import`);
      await app.page.locator('body[data-workspace=ready]').waitFor({ timeout: 180_000 });
      const appPid = newRenderer(app.renderersBefore);
      // Where the memory goes: the tab's resident set (now / peak) after each step.
      const stages: string[] = [];
      const stage = (label: string) => {
        const r = renderers().find((x) => x.pid === appPid);
        if (r) stages.push(`${label} ${Math.round(r.nowMb)}/${Math.round(r.peakMb)}`);
      };
      stage('sample loaded');
      appDistrict.push(await appImport(app.page, DISTRICT_FILES));
      stage('state loaded');
      if (withSurvey) {
        appSurvey.push(await appImport(app.page, [SURVEY_FILE]));
        stage('survey loaded');
      }
      if (!last) await app.context.close();

      const bare = await openBenchPage(browser, server.url);
      const benchPid = newRenderer(bare.renderersBefore);
      bareDistrict.push(await bareImport(bare.page, DISTRICT_FILES, 'd'));
      if (withSurvey) bareSurvey.push(await bareImport(bare.page, [SURVEY_FILE], 's'));
      if (!last) {
        await bare.context.close();
        continue;
      }

      const points = baselinePoints();
      const draws: number[] = [];
      const drawBase: number[] = [];
      const recolours: number[] = [];
      const recolourBase: number[] = [];
      const ownDraw: number[] = [];
      const ownRecolour: number[] = [];
      let marks = 0;
      let drawTrace = '';
      let recolourTrace = '';
      let mapProblem: string | null = mapPage ? null : 'map page missing (src/routes/map/)';
      if (mapPage) {
        log('  browser: map at state scale…');
        try {
          for (let r = 0; r < options.fastRuns; r++) {
            // From another page each time, so the click opens the map anew.
            await app.page.locator('nav a', { hasText: 'Privacy' }).click();
            await app.page.locator('h1', { hasText: 'Your data stays in this browser' }).waitFor();
            const drawn = await openMap(app.page);
            draws.push(drawn.ms);
            ownDraw.push(drawn.own);
            marks = drawn.marks;
            drawBase.push(await bare.page.evaluate((points) => (window as unknown as BenchWindow).bench.draw(points), points));
          }
          const tiers = ['Tier 1 (universal)', 'Tier 2 (targeted)', 'Tier 3 (intensive)'];
          for (let r = 0; r < options.fastRuns; r++) {
            const { ms, changed, own } = await recolourTo(app.page, tiers[r % 3]);
            if (!changed) throw new Error(`choosing ${tiers[r % 3]} changed no mark's fill`);
            recolours.push(ms);
            ownRecolour.push(own);
            recolourBase.push(await bare.page.evaluate((r) => (window as unknown as BenchWindow).bench.recolour(r), r));
          }
          // One more of each, traced, to say where the time goes (not counted in the figures).
          await app.page.locator('nav a', { hasText: 'Privacy' }).click();
          await app.page.locator('h1').first().waitFor();
          drawTrace = await traced(browser, app.page, appPid, () => openMap(app.page));
          recolourTrace = await traced(browser, app.page, appPid, () => recolourTo(app.page, tiers[options.fastRuns % 3]));
        } catch (error) {
          // What the page showed, to look at: the figure alone cannot say why.
          const shot = join(GENERATED_DIR, 'map-failure.png');
          await app.page.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
          mapProblem = `the map page did not work (${shot}): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
        }
      }
      if (mapProblem) {
        figures.push(notMeasured('map first draw, 10,000 schools (browser)', 'ms', 200, mapProblem));
        figures.push(notMeasured('map recolour, 10,000 schools (browser)', 'ms', 50, mapProblem));
      } else {
        figures.push(
          figure('map first draw, 10,000 schools (browser)', 'ms', { runs: draws, baselineRuns: drawBase }, 200,
            `${marks.toLocaleString('en-US')} marks; click on the Map link to data-drawn plus one frame (queries, projection, DOM)${ownNote(ownDraw, 'its drawing code')}; a traced extra run, self ms: ${drawTrace}; baseline: ${points.length.toLocaleString('en-US')} bare SVG circles with setAttribute`)
        );
        figures.push(
          figure('map recolour, 10,000 schools (browser)', 'ms', { runs: recolours, baselineRuns: recolourBase }, 50,
            `tier radio clicked to the last fill change painted (includes the query for the new tier)${ownNote(ownRecolour, 'its recolour loop')}; a traced extra run, self ms: ${recolourTrace}; baseline: setAttribute(fill) on every bare circle`)
        );
      }

      // (g) Peak memory of each tab with the state and its survey loaded (and the map drawn).
      stage('map drawn');
      const all = renderers();
      const appMem = all.find((r) => r.pid === appPid);
      const benchMem = all.find((r) => r.pid === benchPid);
      const heap = await jsHeapMb(app.page);
      if (appMem && benchMem) {
        figures.push(
          figure(`peak memory, state${options.surveyRuns ? ' + 1M survey' : ''} loaded (browser)`, 'MB', { value: appMem.peakMb, baseline: benchMem.peakMb }, 1024,
            `peak resident set (VmHWM) of the tab's renderer process: page, DuckDB worker and its WASM memory, DOM; now ${Math.round(appMem.nowMb)} MB, main-thread JS heap ${Math.round(heap)} MB; MB now/peak after each step: ${stages.join(', ')}; baseline: the bench page holding the same ${options.surveyRuns ? 5 : 4} files as bare tables`)
        );
      } else {
        figures.push(notMeasured('peak memory, state + 1M survey loaded (browser)', 'MB', 1024, 'could not find the tabs\' renderer processes under /proc'));
      }
      await app.context.close();
      await bare.context.close();
    }
    // A state's public files as NCES publishes them, one district chosen in the app.
    log('  browser: a state\'s CCD directory, membership and EDGE files, one district…');
    const publicFiles = await statePublicFiles(log);
    const publicRuns: number[] = [];
    const publicPeaks: number[] = [];
    for (let i = 0; i < options.surveyRuns; i++) {
      const run = await statePublicImport(browser, server.url, publicFiles);
      publicRuns.push(run.ms);
      if (run.peakMb !== null) publicPeaks.push(run.peakMb);
    }
    figures.push(
      figure("load a state's CCD directory + membership + EDGE files as one district (browser)", 'ms', { runs: publicRuns }, null,
        `app: the five files picked on /import, district ${publicFiles.district} chosen, "Check and load 5 files" to "Loaded."; membership ${publicFiles.rows.enrollment.toLocaleString('en-US')} rows, read in place from the picked file`),
      publicPeaks.length
        ? figure("peak memory, state public files as one district (browser)", 'MB', { value: median(publicPeaks) }, null, "peak resident set (VmHWM) of the tab's renderer process")
        : notMeasured("peak memory, state public files as one district (browser)", 'MB', null, "could not find the tab's renderer process under /proc")
    );
    figures.push(
      withinRatio(figure('import state district files, every check (browser)', 'ms', { runs: appDistrict, baselineRuns: bareDistrict }, null,
        'app: click "Check and load 4 files" on /import to "Loaded." (checks, typed tables, saving to IndexedDB); baseline: read_csv(all_varchar) CTAS of the same 4 picked files'), IMPORT_RATIO)
    );
    if (appSurvey.length) figures.push(
      withinRatio(figure('import survey, 1,000,000 responses (browser)', 'ms', { runs: appSurvey, baselineRuns: bareSurvey }, null,
        'app: "Check and load 1 file" to "Loaded."; baseline: read_csv(all_varchar) CTAS of the same picked file'), IMPORT_RATIO)
    );
    return { figures, chromium: browser.version(), built: built.built };
  } finally {
    await browser.close();
    await server.close();
  }
}

/**
 * The renderer process of a page just opened: one that was not there before its context was made
 * (contexts never share renderers). Chromium may start a spare renderer too: the page's is the one
 * holding the most memory once it has loaded.
 */
function newRenderer(before: Set<number>): number | undefined {
  return renderers()
    .filter((r) => !before.has(r.pid))
    .sort((a, b) => b.nowMb - a.nowMb)[0]?.pid;
}
