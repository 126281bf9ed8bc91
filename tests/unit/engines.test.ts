/**
 * The command line runs on native DuckDB where it installed, and on duckdb-wasm otherwise: both
 * engines must write the same bytes. `analyze` on the sample district (survey included), the
 * bench's state of 10,000 schools, and a state's public files as one district, on each.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDistrict } from '../../bench/generate';
import { createNativeEngine, DUCKDB_VERSION } from '../../src/lib/core/engine/native';
import { continuumWith, SAMPLE_INPUTS } from '../helpers/cli';

const TIMEOUT = 240_000;
let temp: string;
beforeAll(() => (temp = mkdtempSync(join(tmpdir(), 'continuum-engines-'))));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

async function bothEngines(name: string, inputs: string[]) {
  const outputs: Record<string, Record<string, string>> = {};
  for (const engine of ['native', 'wasm']) {
    const out = join(temp, `${name}-${engine}`);
    const run = await continuumWith(['analyze', ...inputs, '--out', out], engine === 'wasm' ? { CONTINUUM_ENGINE: 'wasm' } : {}, TIMEOUT);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('native DuckDB is not available');
    outputs[engine] = Object.fromEntries(readdirSync(out).sort().map((f) => [f, readFileSync(join(out, f), 'utf8')]));
  }
  return outputs;
}

describe('native DuckDB and duckdb-wasm', () => {
  it('run the same DuckDB version', async () => {
    const native = await createNativeEngine();
    expect(native, 'the native engine opens, at the version duckdb-wasm runs').toBeDefined();
    expect(await native!.query('SELECT version() AS v')).toEqual([{ v: DUCKDB_VERSION }]);
    await native!.close();
  });

  it('write byte-identical analyze files for the sample district, survey included', async () => {
    const { native, wasm } = await bothEngines('sample', SAMPLE_INPUTS);
    expect(Object.keys(native)).toEqual(['staffing.csv', 'survey_summary.csv', 'tier_gaps.csv']);
    expect(native).toEqual(wasm);
  }, TIMEOUT);

  it('write byte-identical analyze files for the bench state of 10,000 schools', async () => {
    const paths = await writeDistrict('state', mkdtempSync(join(temp, 'state-')));
    const { native, wasm } = await bothEngines('state', ['--schools', paths.schools, '--staff', paths.staff, '--services', paths.services, '--needs', paths.needs]);
    expect(native['tier_gaps.csv'].split('\n')).toHaveLength(1 + 10_000 * 3 + 1);
    expect(native).toEqual(wasm);
  }, TIMEOUT * 2);

  it('write byte-identical files for a state’s public files taken as one district', async () => {
    const dir = 'tests/fixtures/public';
    const { native, wasm } = await bothEngines('public', [
      '--schools', `${dir}/ccd_sch_029_2223_w_1a_083023.csv`, '--enrollment', `${dir}/ccd_sch_052_2223_l_1a_083023.csv`,
      '--locations', `${dir}/EDGE_GEOCODE_PUBLICSCH_2223.TXT`, '--district', '0899902',
      '--staff', `${dir}/crdc-2021-school-support.csv`, '--services', `${dir}/services-0899902.csv`
    ]);
    expect(native).toEqual(wasm);
  }, TIMEOUT);
});
