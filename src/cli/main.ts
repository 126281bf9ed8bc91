import { mkdtemp, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createCliEngine } from './engine';
import { toCsv } from '../lib/core/export/csv';
import { districtDocx } from '../lib/core/export/report/docx';
import { districtHtml } from '../lib/core/export/report/html';
import { reportXlsx } from '../lib/core/export/report/xlsx';
import { schoolFiles } from '../lib/core/export/report/zip';
import { formatProblem, type Problem } from '../lib/core/import/problems';
import { districtTiers } from '../lib/core/model/queries';
import { schoolsWithGapText, tierName } from '../lib/core/present';
import {
  staffing,
  STAFFING_COLUMNS,
  surveySummary,
  SURVEY_SUMMARY_COLUMNS,
  TIER_GAP_COLUMNS,
  tierGaps
} from '../lib/core/model/model';
import { Session } from '../lib/core/session/session';
import { loadInputs, type InputPaths } from './inputs';

const USAGE = `Usage:
  continuum analyze --schools F --staff F --services F [--needs F] [--enrollment F]
                    [--locations F] [--district ID] [--mappings F]
                    [--survey F [--template NAME|PATH] [--scales F]] --out DIR
  continuum report  (same options)

analyze writes need, capacity, gap and coverage by school and tier (tier_gaps.csv), staffing
against the recommended ratios (staffing.csv) and, with --survey, the survey summary
(survey_summary.csv). --scales names a scales file of the district's own answer scales, beside
the built-in ones of survey-templates/scales.csv (a scale of the same name replaces the built-in).

Files as public sources publish them load unedited: --schools takes the NCES CCD school
directory (closed, inactive and future schools are left out), an ELSI export or the HIFLD layer;
--enrollment the CCD membership file (each school's "Education Unit Total" row) or any
school_id,enrollment file; --locations the EDGE geocode file (pipe-delimited) or any
school_id,latitude,longitude file; --staff an HR roster or the CRDC School Support file (one FTE
column per role; its negative reserve codes are "not reported"). --district ID keeps one
district's schools out of a state file. --mappings names a file,column,value,means CSV that says
what the district's own values mean (a job title, a tier, a survey answer, a school as a family
wrote it), or "leave out" (a roster's teachers); the app downloads the same file.

Both then print, per tier, how many schools have a gap: the count the Overview and the Map show.

report writes the gap report for the school improvement plan: district.html, district.docx,
district.xlsx, and schools/<school_id>.html and .docx for every school. In file names, a school_id's
characters other than letters, digits, '.', '_' and '-' become '_'; a name starting with '.' or '-'
(or a Windows device name) gets a leading '_'; names that would clash get ~2, ~3...`;

const OPTIONS = {
  schools: { type: 'string' },
  staff: { type: 'string' },
  services: { type: 'string' },
  needs: { type: 'string' },
  enrollment: { type: 'string' },
  locations: { type: 'string' },
  district: { type: 'string' },
  mappings: { type: 'string' },
  survey: { type: 'string' },
  template: { type: 'string' },
  scales: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' }
} as const;

/** Runs the command line; returns the exit status (0 done, 1 invalid input, 2 usage). */
export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  } catch (error) {
    process.stderr.write(`continuum: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.help || !command) {
    process.stdout.write(USAGE + '\n');
    return command || values.help ? 0 : 2;
  }
  if (command !== 'analyze' && command !== 'report') {
    process.stderr.write(`continuum: unknown command "${command}"\n${USAGE}\n`);
    return 2;
  }
  const missing = (['schools', 'staff', 'services', 'out'] as const).filter((k) => !values[k]);
  if (missing.length) {
    process.stderr.write(`continuum: missing ${missing.map((m) => `--${m}`).join(', ')}\n${USAGE}\n`);
    return 2;
  }
  try {
    return await run(values as InputPaths & { out: string }, command === 'analyze' ? analyze : report);
  } catch (error) {
    process.stderr.write(`continuum: ${(error as Error).message}\n`);
    return 1;
  }
}

/**
 * Loads the inputs and writes what `produce` makes of them, all or nothing: invalid input prints
 * every problem and writes no file.
 */
async function run(
  options: InputPaths & { out: string },
  produce: (session: Session, options: InputPaths) => Promise<Record<string, string | Uint8Array>>
): Promise<number> {
  const session = await Session.open(await createCliEngine());
  try {
    const { errors, warnings } = await loadInputs(session, options);
    printProblems([...errors, ...warnings]);
    if (errors.length) return 1;
    await writeAll(options.out, await produce(session, options));
    process.stdout.write(await gapSummary(session));
    return 0;
  } finally {
    await session.close();
  }
}

/** The count the Overview and the Map show, from the same view: schools with a gap, per tier. */
async function gapSummary(session: Session): Promise<string> {
  const tiers = await districtTiers(session.engine);
  return tiers.map((t) => `${tierName(t.tier)}: ${schoolsWithGapText(t.schools_with_gap, t.schools)}\n`).join('');
}

async function analyze({ engine }: Session, options: InputPaths): Promise<Record<string, string>> {
  const outputs: Record<string, string> = {
    'tier_gaps.csv': toCsv(await tierGaps(engine), TIER_GAP_COLUMNS),
    'staffing.csv': toCsv(await staffing(engine), STAFFING_COLUMNS)
  };
  if (options.survey) outputs['survey_summary.csv'] = toCsv(await surveySummary(engine), SURVEY_SUMMARY_COLUMNS);
  return outputs;
}

async function report(session: Session): Promise<Record<string, string | Uint8Array>> {
  const made = await session.report();
  return {
    'district.html': districtHtml(made),
    'district.docx': await districtDocx(made),
    'district.xlsx': await reportXlsx(made),
    ...(await schoolFiles(made, 'schools/'))
  };
}

function printProblems(problems: Problem[]) {
  for (const p of problems) process.stderr.write(formatProblem(p) + '\n');
}

/** Writes into a temporary folder beside the target, then moves each file in: no half-written output. */
export async function writeAll(outDir: string, files: Record<string, string | Uint8Array>): Promise<void> {
  const target = resolve(outDir);
  await mkdir(dirname(target), { recursive: true });
  const temp = await mkdtemp(join(dirname(target), '.continuum-'));
  try {
    for (const [name, content] of Object.entries(files)) {
      await mkdir(dirname(join(temp, name)), { recursive: true });
      await writeFile(join(temp, name), content);
    }
    await mkdir(target, { recursive: true });
    for (const name of Object.keys(files)) {
      const destination = join(target, name);
      await mkdir(dirname(destination), { recursive: true });
      if (existsSync(destination)) await rm(destination, { recursive: true });
      await rename(join(temp, name), destination);
    }
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
