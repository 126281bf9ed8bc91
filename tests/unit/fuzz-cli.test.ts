/**
 * The command line on broken files: it exits 0 or 1, never with a stack trace, and on 1 writes
 * nothing. Each run starts DuckDB anew (seconds), so the runs are few unless FUZZ_RUNS is set.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mutation, VALID } from '../helpers/mutations';

const run = promisify(execFile);
const RUNS = Math.max(3, Math.floor(Number(process.env.FUZZ_RUNS ?? 25) / 10));
const ROOT = join(import.meta.dirname, '..', '..');

describe('continuum analyze on broken files', () => {
  it('exits 0 or 1 without a stack trace, and writes nothing on 1', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom<'schools' | 'staff' | 'services'>('schools', 'staff', 'services'), mutation, async (kind, mutate) => {
        const dir = mkdtempSync(join(tmpdir(), 'continuum-fuzz-'));
        for (const k of ['schools', 'staff', 'services'] as const) {
          writeFileSync(join(dir, `${k}.csv`), k === kind ? mutate(VALID[k]) : VALID[k]);
        }
        const out = join(dir, 'out');
        const args = ['bin/continuum.js', 'analyze', '--schools', join(dir, 'schools.csv'), '--staff', join(dir, 'staff.csv'), '--services', join(dir, 'services.csv'), '--out', out];
        // A header of 10,000 unknown columns gives a warning each, over execFile's 1 MB default.
        const result = await run('node', args, { cwd: ROOT, maxBuffer: 64 << 20 }).then(
          (r) => ({ code: 0, stderr: r.stderr }),
          (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr })
        );
        expect([0, 1]).toContain(result.code);
        expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
        if (result.code === 1) {
          expect(existsSync(out)).toBe(false);
          // The broken file may be readable and the problems elsewhere (a mangled id leaves staff pointing nowhere).
          expect(result.stderr).toMatch(/(schools|staff|services)\.csv:\d+: /);
        } else {
          expect(existsSync(join(out, 'tier_gaps.csv'))).toBe(true);
        }
      }),
      { numRuns: RUNS }
    );
  }, 600_000);
});
