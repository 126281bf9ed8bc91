/**
 * The figures measured in Node, on duckdb-wasm's Node build (the engine the command line and the
 * tests use, running the same SQL as the browser): import, analysis, what-if and survey scoring.
 * Imported only after bin/raw-loader.js is registered: the model's SQL comes in as `?raw`.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sqlString, type Engine } from '../src/lib/core/engine/engine';
import { createNodeEngine } from '../src/lib/core/engine/node';
import { importDistrict, type DistrictFile } from '../src/lib/core/import/importer';
import { prepareModel, staffing, surveySummary, tierGaps, STAFFING_COLUMNS, SURVEY_SUMMARY_COLUMNS, TIER_GAP_COLUMNS } from '../src/lib/core/model/model';
import { mapFigures, mapPlaces, serviceTiers } from '../src/lib/core/model/map';
import { districtStaffing, districtTiers } from '../src/lib/core/model/queries';
import { ScenarioRunner } from '../src/lib/core/scenario/runner';
import type { Change } from '../src/lib/core/scenario/types';
import { importSurvey } from '../src/lib/core/survey/import';
import { BUILT_IN_SCALES } from '../src/lib/core/survey/builtin-scales';
import { parseTemplate } from '../src/lib/core/survey/template';
import { benchFile, SIZES, type SizeName } from './generate';
import { figure, IMPORT_RATIO, withinRatio, median, paired, timed, type Figure } from './lib/measure';
import { costliest, profiled } from './lib/profile';

const DISTRICT_KINDS = ['schools', 'staff', 'services', 'needs'] as const;
const TEMPLATE = fileURLToPath(new URL('../survey-templates/family-midyear.csv', import.meta.url));

interface Bytes {
  name: string;
  data: Uint8Array;
}

function source(path: string): Bytes {
  return { name: basename(path), data: new Uint8Array(readFileSync(path)) };
}

/** The bare read: every column as text, nothing checked. The least work that puts the bytes in a table. */
async function bareRead(engine: Engine, sources: Bytes[]): Promise<number> {
  const { ms } = await timed(async () => {
    for (const [i, s] of sources.entries()) {
      const name = `bare_${i}.csv`;
      await engine.registerFile(name, s.data);
      await engine.exec(`CREATE OR REPLACE TEMP TABLE bare_${i} AS SELECT * FROM read_csv(${sqlString(name)}, all_varchar = true)`);
      await engine.dropFile(name);
    }
  });
  for (const i of sources.keys()) await engine.exec(`DROP TABLE IF EXISTS bare_${i}`);
  return ms;
}

/** Median ms of `n` runs of `work`. */
async function medianOf(n: number, work: (i: number) => Promise<unknown>): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < n; i++) runs.push((await timed(() => work(i))).ms);
  return median(runs);
}

const ms = (x: number) => `${Math.round(x)} ms`;

export interface NodeOptions {
  /** Runs of the district-file imports. */
  slowRuns: number;
  /** Runs of the survey import at state scale (a million rows); the district's uses `slowRuns`. */
  surveyRuns: number;
  /** Runs of the analysis and the scoring. */
  runs: number;
  /** Runs of the what-if (quick, and the one with the tightest target). */
  fastRuns: number;
  log: (line: string) => void;
}

export async function nodeFigures(size: SizeName, options: NodeOptions): Promise<Figure[]> {
  const spec = SIZES[size];
  const atScale = size === 'state';
  const label = (what: string) => `${what} (${size}, Node)`;
  const count = (n: number) => n.toLocaleString('en-US');
  const figures: Figure[] = [];
  const raw = await createNodeEngine();
  // Every statement timed, so a slow figure can say where its time goes.
  const { engine, take } = profiled(raw);
  try {
    await prepareModel(engine);
    const district = DISTRICT_KINDS.map((kind) => ({ kind, source: source(benchFile(size, kind)) }));
    const survey = source(benchFile(size, 'survey'));
    const template = parseTemplate('family-midyear', readFileSync(TEMPLATE, 'utf8'), BUILT_IN_SCALES);

    // (a) Import with every check against the bare read of the same files. The last run stays loaded.
    options.log(`  ${size}: importing the district files…`);
    let districtStatements = '';
    const imports = await paired(
      options.slowRuns,
      async (i) => {
        take();
        const { ms, result } = await timed(() => importDistrict(engine, district as DistrictFile[], { replaceAll: true }));
        if (!result.ok) throw new Error(`the ${size} files did not load: ${result.errors.slice(0, 3).map((e) => `${e.file}:${e.row}: ${e.message}`).join('; ')}`);
        if (i === 0) districtStatements = costliest(take());
        return ms;
      },
      () => bareRead(engine, district.map((d) => d.source))
    );
    const [{ schools }] = await engine.query<{ schools: number }>('SELECT count(*) AS schools FROM schools');
    if (schools !== spec.schools) throw new Error(`${schools} schools loaded, ${spec.schools} expected`);
    figures.push(
      withinRatio(figure(label('import district files, every check'), 'ms', imports, null,
        `baseline: CREATE TABLE AS SELECT * FROM read_csv(all_varchar) of the same 4 files; costliest statements (first run): ${districtStatements}`), IMPORT_RATIO)
    );

    options.log(`  ${size}: importing ${count(spec.respondents)} survey responses…`);
    let surveyStatements = '';
    const surveys = await paired(
      atScale ? options.surveyRuns : options.slowRuns,
      async (i) => {
        take();
        const { ms, result } = await timed(() => importSurvey(engine, survey, template));
        if (!result.ok) throw new Error(`the ${size} survey did not load: ${result.errors.slice(0, 3).map((e) => `${e.file}:${e.row}: ${e.message}`).join('; ')}`);
        if (result.respondents !== spec.respondents) throw new Error(`${result.respondents} respondents loaded, ${spec.respondents} expected`);
        if (i === 0) surveyStatements = costliest(take());
        return ms;
      },
      () => bareRead(engine, [survey])
    );
    figures.push(
      withinRatio(figure(label(`import survey, ${count(spec.respondents)} responses`), 'ms', surveys, null,
        `baseline: bare read_csv(all_varchar) of the same file; costliest statements (first run): ${surveyStatements}; Node's resident set after: ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB`), IMPORT_RATIO)
    );

    // (b) The full analysis as the CLI and the views pull it, against pulling the same rows from plain tables.
    options.log(`  ${size}: analysis…`);
    await engine.exec(`CREATE OR REPLACE TEMP TABLE plain_tier_gaps AS SELECT school_order, ${TIER_GAP_COLUMNS.join(', ')} FROM tier_gaps;
      CREATE OR REPLACE TEMP TABLE plain_staffing AS SELECT school_order, role_order, ${STAFFING_COLUMNS.join(', ')} FROM staffing;
      CREATE OR REPLACE TEMP TABLE plain_survey_summary AS SELECT school_order, construct_order, ${SURVEY_SUMMARY_COLUMNS.join(', ')} FROM survey_summary;`);
    const parts = { tierGaps: [] as number[], staffing: [] as number[], survey: [] as number[] };
    const analysis = await paired(
      options.runs,
      async () =>
        (
          await timed(async () => {
            parts.tierGaps.push((await timed(() => tierGaps(engine))).ms);
            parts.staffing.push((await timed(() => staffing(engine))).ms);
            parts.survey.push((await timed(() => surveySummary(engine))).ms);
          })
        ).ms,
      async () =>
        (
          await timed(async () => {
            await engine.query(`SELECT ${TIER_GAP_COLUMNS.join(', ')} FROM plain_tier_gaps ORDER BY school_order, tier`);
            await engine.query(`SELECT ${STAFFING_COLUMNS.join(', ')} FROM plain_staffing ORDER BY school_order, role_order`);
            await engine.query(`SELECT ${SURVEY_SUMMARY_COLUMNS.join(', ')} FROM plain_survey_summary ORDER BY school_order, construct_order`);
          })
        ).ms
    );
    await engine.exec('DROP TABLE plain_tier_gaps; DROP TABLE plain_staffing; DROP TABLE plain_survey_summary');
    figures.push(
      figure(label('full analysis: tier gaps + staffing + survey summary'), 'ms', analysis, null,
        `tier gaps ${ms(median(parts.tierGaps))}, staffing ${ms(median(parts.staffing))}, survey summary ${ms(median(parts.survey))}; baseline: the same rows, in the same order, from plain tables (the cost of moving rows to JS)`)
    );

    // (c) One more what-if change on top of a workshop's scenario, then both comparisons.
    options.log(`  ${size}: what-if…`);
    const ids = (await engine.query<{ school_id: string }>('SELECT school_id FROM schools ORDER BY _row')).map((r) => r.school_id);
    const [{ row: serviceRow }] = await engine.query<{ row: number }>('SELECT min(_row) AS row FROM services');
    const workshop: Change[] = [
      { type: 'fte', school_id: ids[1], role: 'school_psychologist', fte: 0.5 },
      { type: 'fte', school_id: ids[2], role: 'school_counselor', fte: 1 },
      { type: 'add_service', school_id: ids[3], provider: 'Bench Clinic', provider_type: 'community', service: 'individual_counseling', tier: 3, capacity: 25 },
      { type: 'remove_service', row: serviceRow, label: 'first service' },
      { type: 'ratio', role: 'school_counselor', ratio: 300 }
    ];
    const salaries = { school_psychologist: 85_000, school_counselor: 65_000, school_social_worker: 62_000, school_nurse: 60_000 };
    const oneMore = (i: number): Change => ({ type: 'fte', school_id: ids[(i * 977 + 11) % ids.length], role: 'school_social_worker', fte: 0.5 });
    const scenario = (i: number) => ({ changes: [...workshop, oneMore(i)] });
    const runner = new ScenarioRunner(engine);
    await runner.apply(workshop); // builds the scenario's views once, as the app does on first use
    const whatIf = await paired(
      options.fastRuns,
      async (i) =>
        (
          await timed(async () => {
            await runner.districtComparison(scenario(i).changes, salaries);
          })
        ).ms,
      async () => (await timed(() => Promise.all([districtTiers(engine), districtStaffing(engine)]))).ms
    );
    const whatIfTarget = atScale ? 50 : null;
    let whatIfNote = 'baseline: the baseline district figures alone (district_tiers + district_staffing)';
    if (whatIfTarget !== null && median(whatIf.runs) > whatIfTarget) {
      // Where the time goes: each step alone, against the scenario's own figures computed bare
      // (the comparisons read the baseline from a copy, so what is left is the scenario itself).
      const apply = await medianOf(options.fastRuns, (i) => runner.apply(scenario(i + 100).changes));
      const tiers = await medianOf(options.fastRuns, () => runner.compareTiers());
      const staff = await medianOf(options.fastRuns, () => runner.compareStaffing(salaries));
      const scenarioTiers = await medianOf(options.fastRuns, () => engine.query('SELECT * FROM scenario.district_tiers'));
      const scenarioStaffing = await medianOf(options.fastRuns, () => engine.query('SELECT * FROM scenario.staffing'));
      whatIfNote += `; where the time goes: applyScenario ${ms(apply)} (the changes, and a hash of the inputs to tell whether the baseline copy is current), compareTiers ${ms(tiers)}, compareStaffing ${ms(staff)}; the scenario's figures alone: district_tiers ${ms(scenarioTiers)}, staffing ${ms(scenarioStaffing)}`;
    }
    figures.push(figure(label(`what-if: one more change, ${count(spec.schools)} schools`), 'ms', whatIf, whatIfTarget, whatIfNote));

    // (d) Scoring the loaded answers: the survey summary, against a bare GROUP BY over the answers.
    options.log(`  ${size}: survey scoring…`);
    const [{ answers }] = await engine.query<{ answers: number }>('SELECT count(*) AS answers FROM survey_answers');
    const scoring = await paired(
      options.runs,
      async () => (await timed(() => surveySummary(engine))).ms,
      async () => (await timed(() => engine.query('SELECT item_id, count(*) AS n, avg(value) AS mean FROM survey_answers GROUP BY item_id'))).ms
    );
    const scoringTarget = atScale ? 1000 : null;
    let scoringNote = `${count(answers)} answers; baseline: SELECT item_id, count(*), avg(value) FROM survey_answers GROUP BY item_id`;
    if (scoringTarget !== null && median(scoring.runs) > scoringTarget) {
      // The summary joins every answer to its respondent and item, and counts distinct respondents per group.
      // max() of every aggregate: under a bare count(*) the optimizer would drop them unrun.
      const joined = 'FROM survey_answers a JOIN survey_responses r ON r.respondent = a.respondent JOIN survey_items i ON i.item_id = a.item_id GROUP BY r.school_id, i.construct';
      const grouped = await paired(
        options.runs,
        async () => (await timed(() => engine.query(`SELECT max(c), max(m) FROM (SELECT count(*) AS c, avg(a.value) AS m ${joined})`))).ms,
        async () => (await timed(() => engine.query(`SELECT max(n), max(c), max(m) FROM (SELECT count(DISTINCT a.respondent) AS n, count(*) AS c, avg(a.value) AS m ${joined})`))).ms
      );
      const [join, distinct] = [median(grouped.runs), median(grouped.baselineRuns)];
      scoringNote += `; where the time goes: joining every answer to its respondent and item and grouping by school and construct ${ms(join)}; the same with count(DISTINCT respondent) ${ms(distinct)}`;
    }
    figures.push(figure(label(`survey scoring, ${count(spec.respondents)} responses`), 'ms', scoring, scoringTarget, scoringNote));

    // The map's own queries, as its page asks them on opening and on a change of tier: what the
    // browser's map figures spend in DuckDB rather than in drawing.
    if (atScale) {
      options.log(`  ${size}: the map's queries…`);
      await engine.exec(`CREATE OR REPLACE TEMP TABLE plain_places AS SELECT school_id, school_name, level, enrollment, latitude, longitude, _row FROM schools;
        CREATE OR REPLACE TEMP TABLE plain_figures AS SELECT * FROM tier_gaps WHERE tier = 3`);
      const open = await paired(
        options.fastRuns,
        async () => (await timed(() => Promise.all([mapPlaces(engine), mapFigures(engine, { tier: 3 }), serviceTiers(engine)]))).ms,
        async () =>
          (
            await timed(async () => {
              await engine.query('SELECT school_id, school_name, level, enrollment, latitude, longitude FROM plain_places ORDER BY _row');
              await engine.query('SELECT school_id, tier, need, capacity, gap, coverage FROM plain_figures');
            })
          ).ms
      );
      figures.push(
        figure(label(`map queries on opening (places, one tier's figures, services), ${count(spec.schools)} schools`), 'ms', open, null,
          'mapPlaces + mapFigures + serviceTiers, as /map asks them (part of the browser\'s map first draw); baseline: the same rows from plain tables')
      );
      const retier = await paired(
        options.fastRuns,
        async (i) => (await timed(() => mapFigures(engine, { tier: 1 + (i % 3) }))).ms,
        async () => (await timed(() => engine.query('SELECT school_id, tier, need, capacity, gap, coverage FROM plain_figures'))).ms
      );
      figures.push(
        figure(label(`map query on a change of tier, ${count(spec.schools)} schools`), 'ms', retier, null,
          'mapFigures for the new tier (part of the browser\'s map recolour); baseline: the same rows from a plain table')
      );
      await engine.exec('DROP TABLE plain_places; DROP TABLE plain_figures');
    }
  } finally {
    await raw.close();
  }
  return figures;
}
