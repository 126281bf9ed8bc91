import { sqlNumber, sqlString, type Engine } from '../engine/engine';
import type { Problem } from './problems';
import { isXlsx, prepareSource, sourceHead, type SourceFile } from './source';

export interface StagedFile {
  file: string;
  /** Temp table: `_row` (spreadsheet row) and raw text columns `c0`, `c1`, …; header rows excluded. */
  table: string;
  headers: string[];
  notes: string[];
}

/** Cells longer than this are not data a district file holds; DuckDB's default is 2 MB a line. */
const MAX_LINE_BYTES = 16 * 1024 * 1024;

/**
 * Reads a file through DuckDB `read_csv`, every column as text, into a temp staging table that
 * keeps each record's spreadsheet row. `headerRows` records at the top are headers: the last of
 * them names the columns (form tools put ids or import metadata on the others).
 */
export async function stageFile(
  engine: Engine,
  source: SourceFile,
  table: string,
  options: { headerRows?: number; headerRow?: number; progress?: (share: number) => void } = {}
): Promise<StagedFile | Problem> {
  let prepared;
  try {
    prepared = await prepareSource(source, options.progress);
  } catch (error) {
    // A file that cannot be read at all (gone from disk) has no head to tell its kind by.
    const head = await sourceHead(source).catch(() => new Uint8Array());
    const what = isXlsx(source.name, head) ? 'an Excel workbook (.xlsx)' : 'a text file';
    return { file: source.name, row: 1, message: `cannot be read as ${what}: ${reason(error)}`, severity: 'error' };
  }
  const registered = `continuum_${table}.csv`;
  if (prepared.data instanceof Uint8Array) await engine.registerFile(registered, prepared.data);
  else if (engine.registerBlob) await engine.registerBlob(registered, prepared.data);
  else await engine.registerFile(registered, new Uint8Array(await prepared.data.arrayBuffer()));
  try {
    const blanks = prepared.blanks;
    const read = `read_csv(${sqlString(registered)}, header = false, all_varchar = true,
      delim = ${sqlString(prepared.delimiter)}, quote = '"', escape = '"', null_padding = true,
      max_line_size = ${sqlNumber(MAX_LINE_BYTES)}, sample_size = -1)`;
    // read_csv's column0, column1… (zero-padded to the widest) become c0, c1… as they are read.
    await engine.exec(`CREATE OR REPLACE TEMP TABLE ${table}_raw AS
      SELECT row_number() OVER () AS _rec, COLUMNS('^column0*(\\d+)$') AS 'c\\1' FROM ${read}`);
    const columns = await engine.query<{ column_name: string }>(
      `SELECT column_name FROM (DESCRIBE ${table}_raw) WHERE column_name <> '_rec'`
    );
    const headerRows = options.headerRows ?? 1;
    const headerRec = options.headerRow ?? headerRows - 1;
    const names = columns.map((c) => c.column_name);
    const [headerRecord] = await engine.query<Record<string, string | null>>(
      `SELECT * FROM ${table}_raw WHERE _rec = ${sqlNumber(headerRec + 1)}`
    );
    if (!headerRecord) return emptyFile(source.name);
    const headers = names.map((n) => (headerRecord[n] ?? '').trim());
    const anyContent = names.map((n) => `nullif(trim(${n}), '') IS NOT NULL`).join(' OR ');
    // _rec counts records from 1; the blank lines DuckDB skipped are added back to make it the
    // sheet's row. A row whose every cell is blank (Excel's ",,,," rows) is a blank line too.
    // Insertion order is kept, so no sort is needed.
    const shift = blanks.length ? `+ coalesce((SELECT count(*) FROM (SELECT unnest([${blanks.map(sqlNumber).join(',')}]) AS b) WHERE b < _rec), 0)` : '';
    await engine.exec(`CREATE OR REPLACE TEMP TABLE ${table} AS
      SELECT (_rec ${shift})::INTEGER AS _row, * EXCLUDE (_rec) FROM ${table}_raw
      WHERE _rec > ${sqlNumber(headerRows)} AND (${anyContent});
      DROP TABLE ${table}_raw`);
    return { file: source.name, table, headers, notes: prepared.notes };
  } catch (error) {
    return { file: source.name, row: 1, message: `cannot be read as CSV: ${reason(error)}`, severity: 'error' };
  } finally {
    await engine.dropFile(registered);
  }
}

function emptyFile(file: string): Problem {
  return { file, row: 1, message: 'the file is empty: a header row is needed', severity: 'error' };
}

/** An error (DuckDB's parse errors above all) trimmed to the sentence a user can act on. */
function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split('\n').find((l) => l.trim() && !/^(Invalid Input Error|Error):?$/.test(l.trim())) ?? text;
  return line.replace(/^(Invalid Input Error|Conversion Error|Error):\s*/, '').slice(0, 300);
}
