/**
 * The one database interface every part of Continuum talks to. Two twins implement it on the
 * same duckdb-wasm build: `node.ts` for the command line and the tests, `browser.ts` for the app,
 * so a number cannot differ between the two.
 */

export type Row = Record<string, unknown>;

export interface Engine {
  /** Runs a query and returns its rows as plain objects (integers as numbers). */
  query<T = Row>(sql: string): Promise<T[]>;
  /** Runs one or more statements for their effect. */
  exec(sql: string): Promise<void>;
  /** Makes bytes readable by `read_csv('name')`. */
  registerFile(name: string, data: Uint8Array): Promise<void>;
  /** Makes a Blob readable in place, without copying it (the browser twin only). */
  registerBlob?(name: string, blob: Blob): Promise<void>;
  dropFile(name: string): Promise<void>;
  /**
   * Plans a query once, to run it many times: a what-if comparison is planned in about 30 ms at
   * 10,000 schools and runs in a few. DuckDB plans it again by itself if the catalog changes.
   */
  prepare<T = Row>(sql: string): Promise<PreparedQuery<T>>;
  close(): Promise<void>;
}

export interface PreparedQuery<T = Row> {
  query(): Promise<T[]>;
  close(): Promise<void>;
}

/** Run right after open: extensions other than CSV would be fetched from the network. */
export const OFFLINE_SETUP = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false'
];

/** Runs `work` in one transaction: all of it lands, or none of it. */
export async function inTransaction<T>(engine: Engine, work: () => Promise<T>): Promise<T> {
  await engine.exec('BEGIN TRANSACTION');
  try {
    const result = await work();
    await engine.exec('COMMIT');
    return result;
  } catch (error) {
    await engine.exec('ROLLBACK');
    throw error;
  }
}

/** Quotes a text value for SQL. */
export function sqlString(value: string): string {
  const quoted = `'${value.replace(/'/g, "''")}'`;
  // DuckDB's parser ends a literal at a NUL byte (a damaged file's header may hold one): chr(0) spells it.
  return value.includes('\u0000') ? `(${quoted.split('\u0000').join("' || chr(0) || '")})` : quoted;
}

/** Quotes an identifier for SQL. */
export function sqlIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * A number for SQL. Whole numbers are written as integers; any other in exponent form
 * (`1.5e-1`), which DuckDB reads as the same DOUBLE the page holds: a plain `0.15` would be a
 * DECIMAL, whose sums differ from the page's (0.1 + 0.2 is exactly 0.3 there). NaN and the
 * infinities have no literal.
 */
export function sqlNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`${value} cannot be written into SQL as a number`);
  return Number.isSafeInteger(value) ? String(value) : value.toExponential();
}
