import { FILES, FILE_KINDS, type FileKind } from '../contract/files';
import { resolveHeaders } from '../contract/headers';
import { inTransaction, sqlIdent, sqlNumber, sqlString, type Engine } from '../engine/engine';
import type { Problem } from './problems';
import { schemaSql, tableColumns } from './schema';
import { CLEAR_SURVEY_SQL, surveySchemaSql } from '../survey/schema';
import { normalizeSql, problemsSql } from './sql';
import { stageFile } from './stage';
import type { SourceFile } from './source';

export interface DistrictFile {
  kind: FileKind;
  source: SourceFile;
  /** Header (as written) → contract column, set by hand for headers the contract does not know. */
  mapping?: Record<string, string>;
  /** Spreadsheet rows the user chose to leave out (e.g. public files' -999 codes). */
  excludeRows?: number[];
}

export interface ImportOutcome {
  ok: boolean;
  errors: Problem[];
  warnings: Problem[];
  /** Rows loaded per file kind, when ok. */
  loaded: Partial<Record<FileKind, number>>;
}

/** A checked batch of district files, staged and waiting to be written. */
export interface CheckedDistrict {
  ok: boolean;
  errors: Problem[];
  warnings: Problem[];
  /** Replaces the typed tables with the staged files; the caller holds the transaction. */
  write(): Promise<ImportOutcome['loaded']>;
  /** Drops the staging tables, written or not. */
  discard(): Promise<void>;
}

/**
 * Loads a set of district files all or nothing: every file is staged and checked in DuckDB, every
 * problem of every file is collected, and only when none is an error are the typed tables
 * replaced, in one transaction. (The core session's `load` checks, then writes the district and
 * the survey in one transaction of its own.)
 */
export async function importDistrict(
  engine: Engine,
  files: DistrictFile[],
  options: { replaceAll?: boolean; progress?: (message: string) => void } = {}
): Promise<ImportOutcome> {
  const checked = await checkDistrict(engine, files, options);
  try {
    const loaded = checked.ok ? await inTransaction(engine, checked.write) : {};
    return { ok: checked.ok, errors: checked.errors, warnings: checked.warnings, loaded };
  } finally {
    await checked.discard();
  }
}

/**
 * Stages and checks district files without writing them. Staging runs outside any transaction:
 * a file DuckDB cannot parse fails its own query, and the other files are still checked.
 */
export async function checkDistrict(
  engine: Engine,
  files: DistrictFile[],
  options: { replaceAll?: boolean; progress?: (message: string) => void } = {}
): Promise<CheckedDistrict> {
  await engine.exec(schemaSql());
  await engine.exec(surveySchemaSql());
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const staged: { file: DistrictFile; norm: string }[] = [];
  const report = (p: Problem) => (p.severity === 'error' ? errors : warnings).push(p);

  const seen = new Map<FileKind, string>();
  for (const file of files) {
    const earlier = seen.get(file.kind);
    if (earlier) {
      report({ file: file.source.name, row: 1, message: `is a second ${file.kind} file (with ${earlier}): load one`, severity: 'error' });
      continue;
    }
    seen.set(file.kind, file.source.name);
    options.progress?.(`Reading ${file.source.name}…`);
    const norm = await stageAndNormalize(engine, file, report, (share) =>
      options.progress?.(`Reading ${file.source.name}: ${Math.round(share * 100)}%`)
    );
    if (norm) staged.push({ file, norm });
  }

  const newSchools = staged.find((s) => s.file.kind === 'schools');
  // With replaceAll the batch is the whole workspace (a district replacing the sample): what it
  // does not bring is emptied in the same transaction, so nothing of the old data is checked.
  const current = options.replaceAll ? new Map<FileKind, string>() : await loadedFiles(engine);
  const schoolsFile = newSchools?.file.source.name ?? current.get('schools') ?? FILES.schools.fileName;
  const schoolIds = newSchools ? newSchools.norm : 'schools';
  if (!newSchools && !current.has('schools')) {
    for (const { file } of staged) {
      report({ file: file.source.name, row: 1, message: `needs a schools file: load ${FILES.schools.fileName} with it`, severity: 'error' });
    }
  }
  options.progress?.('Checking every row…');
  for (const { file, norm } of staged) {
    const rows = await engine.query<Omit<Problem, 'file'>>(
      `SELECT * FROM (${problemsSql(FILES[file.kind], norm, schoolIds, schoolsFile)}) ORDER BY row`
    );
    rows.forEach((r) => report({ file: file.source.name, ...r }));
  }
  if (newSchools) {
    // Files already loaded must still point at schools that exist once the new list replaces the old.
    for (const kind of ['staff', 'services', 'needs'] as const) {
      const name = current.get(kind);
      if (!name || staged.some((s) => s.file.kind === kind)) continue;
      const orphans = await engine.query<{ row: number; school_id: string }>(
        `SELECT _row AS row, school_id FROM ${kind} WHERE school_id <> '*' AND school_id NOT IN (SELECT school_id FROM ${newSchools.norm} WHERE school_id IS NOT NULL) ORDER BY _row`
      );
      orphans.forEach((o) =>
        report({ file: name, row: o.row, column: 'school_id', message: `school "${o.school_id}" is not in ${schoolsFile}`, severity: 'error' })
      );
    }
  }

  const write = async () => {
    if (errors.length) throw new Error('a district batch with errors cannot be written');
    const loaded: ImportOutcome['loaded'] = {};
    if (options.replaceAll) {
      await engine.exec(`${FILE_KINDS.map((k) => `DELETE FROM ${k};`).join(' ')}
        ${CLEAR_SURVEY_SQL} DELETE FROM input_files;`);
    }
    for (const { file, norm } of staged) {
      const columns = tableColumns(file.kind).map((c) => sqlIdent(c.name)).join(', ');
      await engine.exec(`DELETE FROM ${file.kind}; INSERT INTO ${file.kind} SELECT ${columns} FROM ${norm} ORDER BY _row;
        INSERT OR REPLACE INTO input_files VALUES (${sqlString(file.kind)}, ${sqlString(file.source.name)}, (SELECT count(*) FROM ${norm}), current_timestamp)`);
      const [{ n }] = await engine.query<{ n: number }>(`SELECT count(*) AS n FROM ${file.kind}`);
      loaded[file.kind] = n;
    }
    return loaded;
  };
  const discard = async () => {
    for (const { norm } of staged) await engine.exec(`DROP TABLE IF EXISTS ${norm}`);
  };
  return { ok: errors.length === 0, errors, warnings, write, discard };
}

async function stageAndNormalize(engine: Engine, file: DistrictFile, report: (p: Problem) => void, progress: (share: number) => void) {
  const stage = `stage_${file.kind}`;
  const staged = await stageFile(engine, file.source, stage, { progress });
  if ('message' in staged) {
    report(staged);
    return undefined;
  }
  const name = file.source.name;
  staged.notes.forEach((message) => report({ file: name, row: 1, message, severity: 'warning' }));
  const spec = FILES[file.kind];
  const resolution = resolveHeaders(staged.headers, spec.columns, file.mapping);
  resolution.warnings.forEach((w) => report({ file: name, row: 1, column: w.header, message: w.message, severity: 'warning' }));
  const alreadyWarned = new Set(resolution.warnings.map((w) => w.header));
  resolution.extras
    .filter((e) => e.header && !alreadyWarned.has(e.header))
    .forEach((e) =>
      report({ file: name, row: 1, column: e.header, message: 'not a column of the contract; kept as an extra attribute', severity: 'warning' })
    );
  if (resolution.missing.length) {
    for (const column of resolution.missing) {
      const accepted = [column.name, ...column.synonyms].map((s) => `"${s}"`).join(', ');
      report({ file: name, row: 1, column: column.name, message: `required column is missing (headers accepted: ${accepted})`, severity: 'error' });
    }
    await engine.exec(`DROP TABLE IF EXISTS ${stage}`);
    return undefined;
  }
  if (file.excludeRows?.length) {
    await engine.exec(`DELETE FROM ${stage} WHERE _row IN (${file.excludeRows.map(sqlNumber).join(',')})`);
    report({ file: name, row: 1, message: `rows left out by the user: ${file.excludeRows.join(', ')}`, severity: 'warning' });
  }
  const norm = `norm_${file.kind}`;
  await engine.exec(normalizeSql(spec, resolution, stage, norm));
  await engine.exec(`DROP TABLE IF EXISTS ${stage}`);
  return norm;
}

/** The file each input table was loaded from. */
export async function loadedFiles(engine: Engine): Promise<Map<FileKind, string>> {
  await engine.exec(schemaSql());
  const rows = await engine.query<{ kind: FileKind; file_name: string }>(`SELECT kind, file_name FROM input_files`);
  return new Map(rows.map((r) => [r.kind, r.file_name]));
}
