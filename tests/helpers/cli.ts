import { execFile } from 'node:child_process';
import { join } from 'node:path';

export const REPO = join(import.meta.dirname, '..', '..');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** The real command line (`node bin/continuum.js …`), run from the repository as a user runs it. */
export function continuum(args: string[], timeout = 60_000): Promise<CliRun> {
  return continuumWith(args, {}, timeout);
}

/** The same, with variables added to its environment (`CONTINUUM_ENGINE=wasm`). */
export function continuumWith(args: string[], env: Record<string, string>, timeout = 60_000): Promise<CliRun> {
  const start = Date.now();
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/continuum.js', ...args], { cwd: REPO, timeout, maxBuffer: 16 << 20, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr, ms: Date.now() - start });
    });
  });
}

/** The sample district's five files, as options of `analyze` and `report`. */
export const SAMPLE_INPUTS = [
  '--schools', 'sample-data/schools.csv',
  '--staff', 'sample-data/staff.csv',
  '--services', 'sample-data/services.csv',
  '--needs', 'sample-data/needs.csv',
  '--survey', 'sample-data/survey-family-midyear.csv'
];
