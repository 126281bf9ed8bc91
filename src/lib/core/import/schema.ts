import { FILES, FILE_KINDS, type FileKind } from '../contract/files';
import { sqlIdent } from '../engine/engine';
import { SQL_TYPES } from './sql';

/** The typed table of an input file: its spreadsheet row, the contract columns, and the extras. */
export function tableColumns(kind: FileKind): { name: string; type: string }[] {
  return [
    { name: '_row', type: 'INTEGER' },
    ...FILES[kind].columns.map((c) => ({ name: c.name, type: SQL_TYPES[c.type] })),
    { name: 'extra', type: 'MAP(VARCHAR, VARCHAR)' }
  ];
}

/** Empty tables for every input, so the model's views work before anything is loaded. */
export function schemaSql(): string {
  const tables = FILE_KINDS.map(
    (kind) =>
      `CREATE TABLE IF NOT EXISTS ${kind} (${tableColumns(kind)
        .map((c) => `${sqlIdent(c.name)} ${c.type}`)
        .join(', ')});`
  );
  return [
    ...tables,
    `CREATE TABLE IF NOT EXISTS input_files (kind VARCHAR PRIMARY KEY, file_name VARCHAR, rows INTEGER, loaded_at TIMESTAMP);`,
    // What a load left out or could not read (rows the mappings leave out, closed schools, staff
    // not reported), kept for the reports' inputs section.
    `CREATE TABLE IF NOT EXISTS input_notes (note_order INTEGER, kind VARCHAR, file_name VARCHAR, "row" INTEGER, "column" VARCHAR, message VARCHAR);`,
    // Schools a filter left out (CCD status, another district): later files' rows for them are ignored.
    `CREATE TABLE IF NOT EXISTS left_out_schools (school_id VARCHAR, reason VARCHAR);`
  ].join('\n');
}
