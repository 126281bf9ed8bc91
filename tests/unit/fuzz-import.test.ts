/**
 * Property tests: any mutation of a valid district file ends in data or in clear errors that
 * name the file — never an exception, a hang, or a half-replaced table. Runs are bounded for CI;
 * FUZZ_RUNS=500 npx vitest run tests/unit/fuzz-import.test.ts tries harder.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileKind } from '../../src/lib/core/contract/files';
import type { Engine } from '../../src/lib/core/engine/engine';
import { importDistrict } from '../../src/lib/core/import/importer';
import { tierGaps } from '../../src/lib/core/model/model';
import { load, openEngine, text } from '../helpers/district';
import { mutation, VALID } from '../helpers/mutations';

const RUNS = Number(process.env.FUZZ_RUNS ?? 25);

describe('fuzzed district files', () => {
  let engine: Engine;
  let baseline: string;

  const fingerprint = async () =>
    JSON.stringify([
      await engine.query('SELECT * EXCLUDE (extra) FROM schools ORDER BY _row'),
      await engine.query('SELECT * EXCLUDE (extra) FROM staff ORDER BY _row'),
      await engine.query('SELECT * EXCLUDE (extra) FROM services ORDER BY _row'),
      await engine.query('SELECT kind, file_name, rows FROM input_files ORDER BY kind')
    ]);
  const loadValid = async () => {
    const outcome = await load(engine, {
      schools: text('schools.csv', VALID.schools),
      staff: text('staff.csv', VALID.staff),
      services: text('services.csv', VALID.services)
    });
    expect(outcome.errors).toEqual([]);
  };

  beforeAll(async () => {
    engine = await openEngine();
    await loadValid();
    baseline = await fingerprint();
  });
  afterAll(() => engine.close());

  it('end in data or in errors that name the file, and a failed import changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom<'schools' | 'staff' | 'services'>('schools', 'staff', 'services'), mutation, async (kind, mutate) => {
        const name = `mutated-${kind}.csv`;
        const batch = (['schools', 'staff', 'services'] as const).map((k) => ({
          kind: k as FileKind,
          source: k === kind ? { name, data: mutate(VALID[k]) } : text(`${k}.csv`, VALID[k])
        }));
        const outcome = await importDistrict(engine, batch);
        if (outcome.ok) {
          expect((await tierGaps(engine)).length).toBeGreaterThan(0);
          await loadValid();
        } else {
          expect(outcome.errors.length).toBeGreaterThan(0);
          for (const e of outcome.errors) {
            expect(['schools.csv', 'staff.csv', 'services.csv', name]).toContain(e.file);
            expect(e.row).toBeGreaterThanOrEqual(1);
            expect(e.message.length).toBeGreaterThan(5);
          }
          expect(await fingerprint()).toBe(baseline);
        }
      }),
      { numRuns: RUNS }
    );
  }, 600_000);

  it('give the same tables when the same files are imported twice', async () => {
    await loadValid();
    const first = await fingerprint();
    await loadValid();
    expect(await fingerprint()).toBe(first);
  });
});
