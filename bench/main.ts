/**
 * `npm run bench`: generates the bench districts (once), measures every figure beside its
 * baseline in the same run, prints the table and writes bench/results.json. Targets are printed,
 * never asserted: a machine shared with other work gives noisy absolute figures, the ratios less so.
 *
 *   npx tsx bench/run.ts [--only node|browser] [--sizes district,state]
 *     [--runs N]        analysis, scoring (default 3)
 *     [--fast-runs N]   what-if, map draw and recolour, cold start (default 5)
 *     [--slow-runs N]   imports of the district files (default 3)
 *     [--survey-runs N] imports of the million-row survey (default 1: each takes minutes)
 *     [--reuse-build]   keep bench/generated/app/build even if the app's sources changed
 */
import { availableParallelism, loadavg, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { browserFigures } from './browser-figures';
import { generate, type SizeName } from './generate';
import { table, type Figure } from './lib/measure';
import { nodeFigures } from './node-figures';
import { publicFileFigures } from './public-figures';

const RESULTS = fileURLToPath(new URL('./results.json', import.meta.url));

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: 'string' },
      runs: { type: 'string', default: '3' },
      'fast-runs': { type: 'string', default: '5' },
      'slow-runs': { type: 'string', default: '3' },
      'survey-runs': { type: 'string', default: '1' },
      sizes: { type: 'string', default: 'district,state' },
      'reuse-build': { type: 'boolean', default: false }
    }
  });
  const runs = Number(values.runs);
  const fastRuns = Number(values['fast-runs']);
  const slowRuns = Number(values['slow-runs']);
  const surveyRuns = Number(values['survey-runs']);
  const sizes = values.sizes!.split(',') as SizeName[];
  const started = performance.now();
  const log = (line: string) => console.log(line);
  const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
  const loadAtStart = load();

  // How long each part of the bench took, for the budget (under 10 minutes on 2 cores).
  const phases: string[] = [];
  let mark = performance.now();
  const phase = (name: string) => {
    phases.push(`${name} ${((performance.now() - mark) / 1000).toFixed(0)} s`);
    mark = performance.now();
  };

  log('Generating the bench districts…');
  const generated = await generate({ log });
  log(generated.skipped ? '  up to date (same seed and version)' : `  written in ${(generated.ms / 1000).toFixed(1)} s`);
  phase('generation');

  const figures: Figure[] = [];
  if (values.only !== 'browser') {
    for (const size of sizes) {
      log(`Node, ${size}:`);
      figures.push(...(await nodeFigures(size, { slowRuns, surveyRuns, runs, fastRuns, log })));
      phase(`Node ${size}`);
    }
    if (sizes.includes('state')) {
      log('Node, state public files:');
      figures.push(...(await publicFileFigures({ runs: surveyRuns, log })));
      phase('Node state public files');
    }
  }
  let chromiumVersion = 'not run';
  if (values.only !== 'node') {
    log('Chromium:');
    const result = await browserFigures({ fastRuns, slowRuns, surveyRuns, reuseBuild: values['reuse-build']!, log });
    figures.push(...result.figures);
    chromiumVersion = result.chromium;
    phase(result.built ? 'Chromium (with the app build)' : 'Chromium');
  }

  const seconds = (performance.now() - started) / 1000;
  log('');
  log(
    `Machine: ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}, Chromium ${chromiumVersion}; ` +
      `load average ${loadAtStart} at start, ${load()} at end (above ${availableParallelism()} means others were working: figures are noisy)`
  );
  log(
    `Runs (median of): ${fastRuns} what-if, map, cold start; ${runs} analysis, scoring; ${slowRuns} district-file imports; ` +
      `${surveyRuns} million-row survey import. Each figure's baseline runs interleaved with it.`
  );
  log('');
  log(table(figures));
  log('');
  log(`Whole bench: ${seconds.toFixed(0)} s (${phases.join(', ')}). Results in bench/results.json.`);
  writeFileSync(RESULTS, JSON.stringify(figures, null, 2) + '\n');
  return 0;
}
