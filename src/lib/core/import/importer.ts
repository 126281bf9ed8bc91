import { CCD_STATUS, CCD_TOTAL, FILES, FILE_KINDS, INPUT_FILES, PART_KINDS, isPartKind, partColumns, type FileKind, type FileSpec, type InputFileKind, type PartKind } from '../contract/files';
import { headerKey } from '../contract/normalize';
import type { ValueMapping } from '../contract/mappings';
import { inTransaction, sqlIdent, sqlNumber, sqlString, type Engine } from '../engine/engine';
import { districtsIn, filterSchools, fillFromParts, ignoreRowsOfSchoolsLeftOut, leaveOutMapped, type DistrictCount } from './filters';

import { headerMatcher, resolveLayout, stageColumns, type Layout } from './layouts';
import type { Problem } from './problems';
import { schemaSql, tableColumns } from './schema';
import { CLEAR_SURVEY_SQL, surveySchemaSql } from '../survey/schema';
import { columnMappings, problemsSql } from './sql';
import { stageFile } from './stage';
import type { SourceFile } from './source';

export interface DistrictFile {
  kind: InputFileKind;
  source: SourceFile;
  /** Header (as written) → contract column, set by hand for headers the contract does not know. */
  mapping?: Record<string, string>;
  /** Spreadsheet rows the user chose to leave out (e.g. public files' -999 codes). */
  excludeRows?: number[];
}

export interface DistrictOptions {
  /** The batch is the whole workspace: what it does not bring is emptied. */
  replaceAll?: boolean;
  progress?: (message: string) => void;
  /** What the district's own values mean (the mappings file, or the choices made in the app). */
  mappings?: ValueMapping[];
  /** Keep only this district's schools (district_id) out of a state file. */
  district?: string;
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
  options: DistrictOptions = {}
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
  options: DistrictOptions = {}
): Promise<CheckedDistrict> {
  await engine.exec(schemaSql());
  await engine.exec(surveySchemaSql());
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const staged: { file: DistrictFile; norm: string; spec: FileSpec; after?: Layout['after'] }[] = [];
  const report = (p: Problem) => (p.severity === 'error' ? errors : warnings).push(p);
  // Warnings that say what was left out are kept with the data, for the reports' inputs section.
  const kept: Problem[] = [];
  const keep = (p: Problem) => {
    kept.push(p);
    report(p);
  };

  const seen = new Map<InputFileKind, string>();
  for (const file of files) {
    const earlier = seen.get(file.kind);
    if (earlier) {
      report({ file: file.source.name, row: 1, message: `is a second ${file.kind} file (with ${earlier}): load one`, severity: 'error' });
      continue;
    }
    seen.set(file.kind, file.source.name);
    options.progress?.(`Reading ${file.source.name}…`);
    const supplied = file.kind === 'schools' ? files.flatMap((f) => (isPartKind(f.kind) ? partColumns(f.kind) : [])) : [];
    const normalized = await stageAndNormalize(engine, file, options.mappings ?? [], supplied, report, keep, (share) =>
      options.progress?.(`Reading ${file.source.name}: ${Math.round(share * 100)}%`)
    );
    if (normalized) staged.push({ file, ...normalized });
  }

  const newSchools = staged.find((s) => s.file.kind === 'schools');
  const parts = staged.filter((s): s is (typeof staged)[number] & { file: { kind: PartKind } } => isPartKind(s.file.kind));
  if (parts.length && !newSchools) {
    for (const { file } of parts) {
      report({ file: file.source.name, row: 1, message: `fills the schools file's ${file.kind}: load it with ${FILES.schools.fileName}`, severity: 'error' });
    }
  }
  // Status and district filters come first; then the separate files fill enrollment and
  // coordinates; then every school kept must have its enrollment (the checks below).
  const leftOut = newSchools ? await filterSchools(engine, newSchools.norm, newSchools.file.source.name, options.district, report, keep) : undefined;
  for (const { file, norm } of staged) {
    if (file.kind === 'schools') continue;
    await ignoreRowsOfSchoolsLeftOut(engine, norm, file.source.name, leftOut?.table ?? (options.replaceAll ? undefined : 'left_out_schools'), keep);
  }
  if (newSchools) {
    for (const part of parts) await fillFromParts(engine, newSchools.norm, part.norm, part.file.kind, part.file.source.name, keep);
  }
  for (const { file, norm, after } of staged) await after?.(engine, norm, file.source.name, keep);
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
  for (const { file, norm, spec } of staged) {
    const rows = await engine.query<Omit<Problem, 'file'> & { value: string | null; rows: number | null }>(
      `SELECT * EXCLUDE (check_order) FROM (${problemsSql(spec, norm, schoolIds, schoolsFile)}) ORDER BY row, check_order`
    );
    rows.forEach(({ value, rows: count, ...r }) =>
      report({ file: file.source.name, ...r, ...(value !== null && count !== null ? { value, rows: count, kind: file.kind, mapAs: r.column } : {}) })
    );
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
        ${CLEAR_SURVEY_SQL} DELETE FROM input_files; DELETE FROM input_notes; DELETE FROM left_out_schools;`);
    }
    if (newSchools) {
      // A new schools file ends the parts and the schools left out that came with the old one.
      await engine.exec(`DELETE FROM input_files WHERE kind IN (${PART_KINDS.map(sqlString).join(', ')});
        DELETE FROM input_notes WHERE kind IN (${PART_KINDS.map(sqlString).join(', ')});
        DELETE FROM left_out_schools; INSERT INTO left_out_schools SELECT school_id, reason FROM ${leftOut!.table}`);
    }
    for (const { file, norm } of staged) {
      const kind = file.kind;
      const notes = kept.filter((p) => p.file === file.source.name);
      await engine.exec(`DELETE FROM input_notes WHERE kind = ${sqlString(kind)};
        ${notes.length ? `INSERT INTO input_notes VALUES ${notes.map((p) => `(${sqlNumber(kept.indexOf(p))}, ${sqlString(kind)}, ${sqlString(p.file)}, ${sqlNumber(p.row)}, ${p.column ? sqlString(p.column) : 'NULL'}, ${sqlString(p.message)})`).join(', ')};` : ''}
        INSERT OR REPLACE INTO input_files VALUES (${sqlString(kind)}, ${sqlString(file.source.name)}, (SELECT count(DISTINCT _row) FROM ${norm}), current_timestamp)`);
      if (isPartKind(kind)) continue;
      const columns = tableColumns(kind as FileKind).map((c) => sqlIdent(c.name)).join(', ');
      await engine.exec(`DELETE FROM ${kind}; INSERT INTO ${kind} SELECT ${columns} FROM ${norm} ORDER BY _row`);
      const [{ n }] = await engine.query<{ n: number }>(`SELECT count(*) AS n FROM ${kind}`);
      loaded[kind as FileKind] = n;
    }
    return loaded;
  };
  const discard = async () => {
    for (const { norm } of staged) await engine.exec(`DROP TABLE IF EXISTS ${norm}`);
    if (leftOut) await engine.exec(`DROP TABLE IF EXISTS ${leftOut.table}`);
  };
  return { ok: errors.length === 0, errors, warnings, write, discard };
}

async function stageAndNormalize(
  engine: Engine,
  file: DistrictFile,
  mappings: ValueMapping[],
  supplied: string[],
  report: (p: Problem) => void,
  keep: (p: Problem) => void,
  progress: (share: number) => void
): Promise<{ norm: string; spec: FileSpec; after?: Layout['after'] } | undefined> {
  const stage = `stage_${file.kind}`;
  const spec = INPUT_FILES[file.kind];
  const staged = await stageFile(engine, file.source, stage, {
    progress,
    findHeader: headerMatcher(file.kind, file.mapping),
    // A CCD membership file: only each school's total row, and only the columns read.
    keep: file.kind === 'enrollment' ? (headers) => stageColumns(headers, spec.columns, file.mapping, { ...CCD_TOTAL }) : undefined
  });
  if ('message' in staged) {
    report(staged);
    return undefined;
  }
  const name = file.source.name;
  staged.notes.forEach((message) => report({ file: name, row: 1, message, severity: 'warning' }));
  const layout = resolveLayout(file.kind, staged.headers, file.mapping, supplied, staged.columns);
  const { resolution } = layout;
  resolution.warnings.forEach((w) => report({ file: name, row: 1, column: w.header, message: w.message, severity: 'warning' }));
  const alreadyWarned = new Set(resolution.warnings.map((w) => w.header));
  const known = new Set([...layout.used, ...(file.kind === 'schools' ? CCD_STATUS.columns : []), ...(file.kind === 'enrollment' ? [CCD_TOTAL.column] : [])]);
  // One line for all of them: the CCD directory alone has sixty.
  const extras = resolution.extras.filter((e) => e.header && !alreadyWarned.has(e.header) && !known.has(headerKey(e.header))).map((e) => e.header);
  if (extras.length) {
    const listed = extras.slice(0, 12).join(', ') + (extras.length > 12 ? `, and ${extras.length - 12} more` : '');
    const what = extras.length === 1 ? 'column the contract does not name is kept as an extra attribute' : 'columns the contract does not name are kept as extra attributes';
    report({ file: name, row: 1, message: `${extras.length} ${what}: ${listed}`, severity: 'warning', columns: extras });
  }
  if (resolution.missing.length) {
    for (const column of resolution.missing) {
      const accepted = [column.name, ...column.synonyms].map((s) => `"${s}"`).join(', ');
      const wide = file.kind === 'staff' ? ' (or one FTE column per role, as the CRDC School Support file has)' : '';
      report({ file: name, row: 1, column: column.name, message: `required column is missing (headers accepted: ${accepted})${wide}`, severity: 'error' });
    }
    await engine.exec(`DROP TABLE IF EXISTS ${stage}`);
    return undefined;
  }
  if (file.excludeRows?.length) {
    await engine.exec(`DELETE FROM ${stage} WHERE _row IN (${file.excludeRows.map(sqlNumber).join(',')})`);
    report({ file: name, row: 1, message: `rows left out by the user: ${file.excludeRows.join(', ')}`, severity: 'warning' });
  }
  const norm = `norm_${file.kind}`;
  const mapped = file.kind === 'enrollment' || file.kind === 'locations' ? {} : columnMappings(spec, mappings.filter((m) => m.file === file.kind));
  await engine.exec(layout.normalize(stage, norm, mapped));
  await engine.exec(`DROP TABLE IF EXISTS ${stage}`);
  await leaveOutMapped(engine, norm, name, keep);
  return { norm, spec: layout.spec, after: layout.after };
}

/**
 * The districts a schools file holds (a state's CCD directory holds them all), with their school
 * counts, open schools only: for choosing one before anything loads. Nothing is written.
 */
export function schoolDistricts(engine: Engine, file: DistrictFile): Promise<DistrictCount[]> {
  return readOpenSchools(engine, file, (norm) => districtsIn(engine, norm), []);
}

/** The open schools of a schools file not loaded yet (ids and names), for the meanings of a value that names a school. */
export function schoolsInFile(engine: Engine, file: DistrictFile): Promise<{ school_id: string; school_name: string }[]> {
  return readOpenSchools(
    engine,
    file,
    (norm) => engine.query(`SELECT school_id, school_name FROM ${norm} WHERE school_id IS NOT NULL AND school_name IS NOT NULL ORDER BY _row`),
    []
  );
}

/** Reads a schools file's open schools into a normalized table for `read`, then drops it; nothing is written. */
async function readOpenSchools<T>(engine: Engine, file: DistrictFile, read: (norm: string) => Promise<T>, none: T): Promise<T> {
  await engine.exec(schemaSql());
  const ignore = () => {};
  const normalized = await stageAndNormalize(engine, { ...file, kind: 'schools' }, [], ['enrollment'], ignore, ignore, () => {});
  if (!normalized) return none;
  try {
    const leftOut = await filterSchools(engine, normalized.norm, file.source.name, undefined, ignore, ignore);
    await engine.exec(`DROP TABLE IF EXISTS ${leftOut.table}`);
    return await read(normalized.norm);
  } finally {
    await engine.exec(`DROP TABLE IF EXISTS ${normalized.norm}`);
  }
}

/** The file each input table was loaded from. */
export async function loadedFiles(engine: Engine): Promise<Map<FileKind, string>> {
  await engine.exec(schemaSql());
  const rows = await engine.query<{ kind: FileKind; file_name: string }>(`SELECT kind, file_name FROM input_files`);
  return new Map(rows.map((r) => [r.kind, r.file_name]));
}
