import Papa from 'papaparse';
import { sqlNumber, sqlString, type Engine } from '../engine/engine';
import type { Problem } from './problems';
import { isXlsx, prepareSource, sourceHead, type PreparedSource, type SourceFile } from './source';

export interface StagedFile {
  file: string;
  /** Temp table: `_row` (spreadsheet row) and raw text columns `c0`, `c1`, …; header rows excluded. */
  table: string;
  headers: string[];
  /** The column indices staged: all, unless only some were kept. */
  columns: Set<number>;
  notes: string[];
}

/** Cells longer than this are not data a district file holds; DuckDB's default is 2 MB a line. */
const MAX_LINE_BYTES = 16 * 1024 * 1024;

export interface StageOptions {
  /** Records at the top that are headers; the one at `headerRow` (0-based) names the columns. */
  headerRows?: number;
  headerRow?: number;
  /**
   * Which of the first records names the columns, for files with title lines above the header
   * (ELSI's exports); those lines and footnote lines below the data are skipped, with a note.
   */
  findHeader?: (records: string[][]) => number;
  /**
   * Given the headers, only these columns (by index) and rows are staged: a state's CCD membership
   * file has millions of rows, of which one per school holds the total.
   */
  keep?: (headers: string[]) => { columns: number[]; where: string } | undefined;
  progress?: (share: number) => void;
}

const HEAD_RECORDS = 60;

/** The first records of prepared text, as papaparse reads them (blank lines skipped, as DuckDB does). */
async function headRecords(prepared: PreparedSource): Promise<string[][]> {
  const bytes = prepared.data instanceof Uint8Array ? prepared.data.subarray(0, 256 * 1024) : new Uint8Array(await prepared.data.slice(0, 256 * 1024).arrayBuffer());
  const text = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');
  return Papa.parse<string[]>(text, { delimiter: prepared.delimiter, preview: HEAD_RECORDS, skipEmptyLines: true }).data;
}

/**
 * Reads a file through DuckDB `read_csv`, every column as text, into a temp staging table that
 * keeps each record's spreadsheet row. `headerRows` records at the top are headers: the last of
 * them names the columns (form tools put ids or import metadata on the others).
 */
export async function stageFile(engine: Engine, source: SourceFile, table: string, options: StageOptions = {}): Promise<StagedFile | Problem> {
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
    const notes = [...prepared.notes];
    let headerRows = options.headerRows ?? 1;
    let headerRec = options.headerRow ?? headerRows - 1;
    const head = options.findHeader || options.keep ? await headRecords(prepared) : [];
    if (options.findHeader) {
      headerRec = options.findHeader(head);
      headerRows = headerRec + 1;
      if (headerRec > 0) notes.push(`${headerRec} ${headerRec === 1 ? 'line' : 'lines'} above the header row skipped (a title or notes)`);
    }
    const kept = head[headerRec] ? options.keep?.(head[headerRec].map((h) => h.trim())) : undefined;
    const dialect = `header = false, all_varchar = true, delim = ${sqlString(prepared.delimiter)}, quote = '"', escape = '"',
      null_padding = true, max_line_size = ${sqlNumber(MAX_LINE_BYTES)}`;
    if (kept) {
      // Columns named up front: DuckDB then streams the file once, keeping only what is asked for.
      const width = Math.max(...head.map((r) => r.length));
      const columns = Array.from({ length: width }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
      await engine.exec(`CREATE OR REPLACE TEMP TABLE ${table}_raw AS
        SELECT * FROM (SELECT row_number() OVER () AS _rec, ${kept.columns.map((i) => `c${i}`).join(', ')}
          FROM read_csv(${sqlString(registered)}, ${dialect}, columns = {${columns}}))
        WHERE _rec = ${sqlNumber(headerRec + 1)} OR (_rec > ${sqlNumber(headerRows)} AND ${kept.where})`);
    } else {
      // read_csv's column0, column1… (zero-padded to the widest) become c0, c1… as they are read.
      await engine.exec(`CREATE OR REPLACE TEMP TABLE ${table}_raw AS
        SELECT row_number() OVER () AS _rec, COLUMNS('^column0*(\\d+)$') AS 'c\\1' FROM read_csv(${sqlString(registered)}, ${dialect}, sample_size = -1)`);
    }
    const columns = await engine.query<{ column_name: string }>(
      `SELECT column_name FROM (DESCRIBE ${table}_raw) WHERE column_name <> '_rec'`
    );
    const names = columns.map((c) => c.column_name);
    const [headerRecord] = await engine.query<Record<string, string | null>>(
      `SELECT * FROM ${table}_raw WHERE _rec = ${sqlNumber(headerRec + 1)}`
    );
    if (!headerRecord) return emptyFile(source.name);
    // Headers by column index: a staged subset of columns keeps its indices (c3, c15).
    const width = Math.max(0, ...names.map((n) => Number(n.slice(1)) + 1));
    const headers = Array.from({ length: width }, (_, i) => (headerRecord[`c${i}`] ?? (kept ? head[headerRec]?.[i] : '') ?? '').trim());
    const anyContent = names.map((n) => `nullif(trim(${n}), '') IS NOT NULL`).join(' OR ');
    // _rec counts records from 1; the blank lines DuckDB skipped are added back to make it the
    // sheet's row. A row whose every cell is blank (Excel's ",,,," rows) is a blank line too.
    // Insertion order is kept, so no sort is needed.
    const shift = blanks.length ? `+ coalesce((SELECT count(*) FROM (SELECT unnest([${blanks.map(sqlNumber).join(',')}]) AS b) WHERE b < _rec), 0)` : '';
    await engine.exec(`CREATE OR REPLACE TEMP TABLE ${table} AS
      SELECT (_rec ${shift})::INTEGER AS _row, * EXCLUDE (_rec) FROM ${table}_raw
      WHERE _rec > ${sqlNumber(headerRows)} AND (${anyContent});
      DROP TABLE ${table}_raw`);
    if (options.findHeader && names.length > 1) {
      const footnotes = await skipFootnotes(engine, table, names);
      if (footnotes) notes.push(`${footnotes} note ${footnotes === 1 ? 'line' : 'lines'} below the data skipped`);
    }
    return { file: source.name, table, headers, columns: new Set(names.map((n) => Number(n.slice(1)))), notes };
  } catch (error) {
    return { file: source.name, row: 1, message: `cannot be read as CSV: ${reason(error)}`, severity: 'error' };
  } finally {
    await engine.dropFile(registered);
  }
}

/**
 * Footnotes below the data (ELSI's sources and legends): the trailing rows after the last row
 * with two or more cells, each a single sentence in the first cell. Returns how many were dropped.
 */
async function skipFootnotes(engine: Engine, table: string, names: string[]): Promise<number> {
  const filled = names.map((n) => `(nullif(trim(${n}), '') IS NOT NULL)::INTEGER`).join(' + ');
  const rest = names.slice(1).map((n) => `nullif(trim(${n}), '') IS NULL`).join(' AND ');
  const where = `_row > coalesce((SELECT max(_row) FROM ${table} WHERE ${filled} >= 2), 0) AND ${rest} AND regexp_matches(trim(${names[0]}), '\\s')`;
  const [{ n }] = await engine.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${table} WHERE ${where}`);
  if (n) await engine.exec(`DELETE FROM ${table} WHERE ${where}`);
  return n;
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
