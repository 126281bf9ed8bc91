/**
 * A state's public files as NCES and OCR publish them (bench/state-files.ts: the CCD directory,
 * the CCD membership file of about 2.2 million rows, the EDGE geocodes, one district's CRDC School
 * Support file) loaded as one district with `--district`, through the real command line as a
 * user runs it: wall time and peak resident memory, against a bare read_csv of the membership
 * file in the same engine.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sqlString } from '../src/lib/core/engine/engine';
import { createNodeEngine } from '../src/lib/core/engine/node';
import { GENERATED_DIR } from './generate';
import { figure, median, notMeasured, timed, type Figure } from './lib/measure';
import { writeStateFiles, type StateFiles } from './state-files';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const STATE_PUBLIC_DIR = join(GENERATED_DIR, 'state-public');
const MANIFEST = join(STATE_PUBLIC_DIR, 'manifest.json');
/** Bump when bench/state-files.ts writes other bytes. */
const VERSION = 1;

/** The state's public files, written once (seeded: the same bytes every time). */
export async function statePublicFiles(log: (line: string) => void): Promise<StateFiles> {
  if (existsSync(MANIFEST)) {
    const kept = JSON.parse(readFileSync(MANIFEST, 'utf8')) as { version: number; files: StateFiles };
    if (kept.version === VERSION && Object.values(kept.files.paths).every((p) => existsSync(p))) return kept.files;
  }
  log('  writing the state public files (CCD directory, membership, EDGE, CRDC)…');
  const files = await writeStateFiles(STATE_PUBLIC_DIR);
  writeFileSync(MANIFEST, JSON.stringify({ version: VERSION, files }, null, 2));
  return files;
}

/** The CLI's `analyze` on the state's files: ms, and peak resident MB where /usr/bin/time can tell. */
function cliRun(files: StateFiles, out: string): Promise<{ ms: number; peakMb: number | null; stdout: string }> {
  const args = [
    'bin/continuum.js', 'analyze',
    '--schools', files.paths.schools, '--enrollment', files.paths.enrollment, '--locations', files.paths.locations,
    '--district', files.district, '--staff', files.paths.staff, '--services', files.paths.services, '--out', out
  ];
  const timer = existsSync('/usr/bin/time');
  const [command, argv] = timer ? ['/usr/bin/time', ['-f', 'peak-kb %M', process.execPath, ...args]] : [process.execPath, args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, argv as string[], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code !== 0) return reject(new Error(`continuum analyze exited ${code}: ${stderr.split('\n').filter((l) => !/extra attribute/.test(l)).slice(-5).join(' | ')}`));
      const kb = /peak-kb (\d+)/.exec(stderr)?.[1];
      resolve({ ms, peakMb: kb ? Math.round(Number(kb) / 1024) : null, stdout });
    });
  });
}

/** The bare read: the membership file as text into a table, nothing checked, in duckdb-wasm's Node build. */
async function bareMembershipRead(path: string): Promise<number> {
  const engine = await createNodeEngine();
  try {
    await engine.registerFile('membership.csv', new Uint8Array(readFileSync(path)));
    const { ms } = await timed(() => engine.exec(`CREATE TEMP TABLE bare AS SELECT * FROM read_csv(${sqlString('membership.csv')}, all_varchar = true)`));
    return ms;
  } finally {
    await engine.close();
  }
}

export async function publicFileFigures(options: { runs: number; log: (line: string) => void }): Promise<Figure[]> {
  const files = await statePublicFiles(options.log);
  options.log(`  state public files: one district of ${files.rows.schools.toLocaleString('en-US')} schools, ${files.rows.enrollment.toLocaleString('en-US')} membership rows, through the CLI…`);
  const runs: number[] = [];
  const peaks: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    const out = mkdtempSync(join(tmpdir(), 'continuum-state-'));
    try {
      const run = await cliRun(files, join(out, 'out'));
      const tierOne = readFileSync(join(out, 'out', 'tier_gaps.csv'), 'utf8').split('\n').slice(1).filter((l) => l.split(',').at(-5) === '1');
      const need = tierOne.reduce((sum, l) => sum + Number(l.split(',').at(-4)), 0);
      if (tierOne.length !== files.districtSchools || Math.round(need) !== files.districtEnrollment) {
        throw new Error(`the district loaded ${tierOne.length} schools, ${need} students; ${files.districtSchools} and ${files.districtEnrollment} expected`);
      }
      runs.push(run.ms);
      if (run.peakMb !== null) peaks.push(run.peakMb);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
    bare.push(await bareMembershipRead(files.paths.enrollment));
  }
  const size = (path: string) => `${(readFileSync(path).length / 1e6).toFixed(0)} MB`;
  return [
    figure('load a state\'s CCD directory + membership + EDGE files as one district, CLI (Node)', 'ms', { runs, baselineRuns: bare }, null,
      `continuum analyze --district ${files.district}, wall time from start to exit (engine start, the four outputs and the summary included); ` +
        `membership ${files.rows.enrollment.toLocaleString('en-US')} rows, ${size(files.paths.enrollment)}; baseline: bare read_csv(all_varchar) of the membership file alone`),
    peaks.length
      ? figure('peak memory, state public files as one district, CLI (Node)', 'MB', { value: median(peaks) }, null,
          'peak resident set of the continuum process (/usr/bin/time); the file is held once by Node and once inside duckdb-wasm')
      : notMeasured('peak memory, state public files as one district, CLI (Node)', 'MB', null, '/usr/bin/time is not installed')
  ];
}
