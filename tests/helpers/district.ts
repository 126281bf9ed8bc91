import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { FileKind } from '../../src/lib/core/contract/files';
import { createNodeEngine } from '../../src/lib/core/engine/node';
import type { Engine } from '../../src/lib/core/engine/engine';
import { importDistrict, type DistrictFile } from '../../src/lib/core/import/importer';
import type { Problem } from '../../src/lib/core/import/problems';
import { prepareModel } from '../../src/lib/core/model/model';
import { applySettings } from '../../src/lib/core/model/settings';
import { DEFAULT_SETTINGS } from '../../src/lib/core/contract/settings';
import type { SourceFile } from '../../src/lib/core/import/source';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
export const SAMPLE = join(import.meta.dirname, '..', '..', 'sample-data');

/** A fresh engine with the model's tables and views, as the app and the command line open it. */
export async function openEngine(): Promise<Engine> {
  const engine = await createNodeEngine();
  await prepareModel(engine);
  return engine;
}

/** A source from text, named as a user's file would be. */
export function text(name: string, content: string): SourceFile {
  return { name, data: new TextEncoder().encode(content) };
}

/** A source read from disk, named by its file name. */
export function file(path: string): SourceFile {
  return { name: basename(path), data: new Uint8Array(readFileSync(path)) };
}

export function files(sources: Partial<Record<FileKind, SourceFile>>): DistrictFile[] {
  return Object.entries(sources).map(([kind, source]) => ({ kind: kind as FileKind, source: source! }));
}

export async function load(engine: Engine, sources: Partial<Record<FileKind, SourceFile>>) {
  return importDistrict(engine, files(sources));
}

/** A fixture named by its path under tests/fixtures (`bad/schools.csv`), as the fixtures README writes it. */
export function fixture(path: string): SourceFile {
  return { name: path, data: new Uint8Array(readFileSync(join(FIXTURES, path))) };
}

/** `FILE:ROW: column` of each problem, as the fixtures README lists them (`FILE:ROW` when no column). */
export function where(problems: Problem[]): string[] {
  return problems.map((p) => (p.column ? `${p.file}:${p.row}: ${p.column}` : `${p.file}:${p.row}`));
}

const UNUSED_COLUMN = /the contract does not name/;

/** The columns named by the "unused columns" note: the contract allows these beside the listed warnings. */
export function unusedColumns(warnings: Problem[]): string[] {
  return warnings.filter((w) => UNUSED_COLUMN.test(w.message)).flatMap((w) => w.columns ?? []);
}

/** Every warning except the "unused column" notes. */
export function otherWarnings(warnings: Problem[]): Problem[] {
  return warnings.filter((w) => !UNUSED_COLUMN.test(w.message));
}

/** Empties every input and survey table, so the next import starts from nothing. */
export async function clearDistrict(engine: Engine): Promise<void> {
  await engine.exec(`DELETE FROM schools; DELETE FROM staff; DELETE FROM services; DELETE FROM needs;
    DELETE FROM survey_items; DELETE FROM survey_responses; DELETE FROM survey_answers; DELETE FROM input_files;`);
}

/** An engine with the hand-checked district of tests/fixtures/hand loaded: the survey tests' schools. */
export async function openHandDistrict(): Promise<Engine> {
  const engine = await openEngine();
  const outcome = await load(engine, {
    schools: fixture('hand/schools.csv'),
    staff: fixture('hand/staff.csv'),
    services: fixture('hand/services.csv'),
    needs: fixture('hand/needs.csv')
  });
  if (outcome.errors.length) throw new Error(`the hand district did not load: ${outcome.errors[0].message}`);
  return engine;
}

/** Empties the survey tables and puts the default settings back, so each survey test starts alike. */
export async function resetSurvey(engine: Engine): Promise<void> {
  await engine.exec('DELETE FROM survey_items; DELETE FROM survey_responses; DELETE FROM survey_answers');
  await applySettings(engine, DEFAULT_SETTINGS);
}

/** Every text the database holds, in every table (temporary ones too), as one string. */
export async function everythingStored(engine: Engine): Promise<string> {
  const tables = await engine.query<{ schema_name: string; table_name: string; database_name: string }>(
    'SELECT database_name, schema_name, table_name FROM duckdb_tables()'
  );
  const dumps = [];
  for (const t of tables) dumps.push(JSON.stringify(await engine.query(`SELECT * FROM "${t.database_name}"."${t.schema_name}"."${t.table_name}"`)));
  return dumps.join('\n');
}
