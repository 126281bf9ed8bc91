/**
 * Native DuckDB (`@duckdb/node-api`, pinned to the DuckDB version of the duckdb-wasm build) for
 * the command line: the same SQL as the browser's engine, with every core and the machine's
 * memory instead of WebAssembly's one thread and 3.1 GiB. Rows come out as node.ts gives them
 * (integers and decimals as numbers, timestamps as epoch milliseconds, maps as objects), so every
 * file the CLI writes is the same on either engine; tests compare them byte for byte.
 */
import { mkdtempSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OFFLINE_SETUP, sqlString, type Engine, type Row } from './engine';

type NodeApi = typeof import('@duckdb/node-api');
type Reader = Awaited<ReturnType<InstanceType<NodeApi['DuckDBConnection']>['runAndReadAll']>>;

/** The DuckDB version both engines must run: duckdb-wasm 1.32's. */
export const DUCKDB_VERSION = 'v1.4.3';

function plain(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.getTime();
  if (type.startsWith('MAP(') && Array.isArray(value)) {
    return Object.fromEntries(value.map((entry: { key: unknown; value: unknown }) => [String(entry.key), plain(entry.value, '')]));
  }
  if (Array.isArray(value)) return value.map((v) => plain(v, ''));
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v, '')]));
  return value;
}

function rows<T>(reader: Reader): T[] {
  const names = reader.columnNames();
  const types = reader.columnTypes().map(String);
  return reader.getRowObjectsJS().map((raw) => {
    const row: Row = {};
    names.forEach((name, i) => (row[name] = plain(raw[name], types[i])));
    return row as T;
  });
}

/**
 * Opens native DuckDB, or returns undefined where the package cannot load (not installed for
 * this platform) or runs another DuckDB version than the browser's.
 */
export async function createNativeEngine(): Promise<Engine | undefined> {
  let api: NodeApi;
  try {
    api = await import('@duckdb/node-api');
  } catch {
    return undefined;
  }
  const instance = await api.DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const [{ version }] = rows<{ version: string }>(await connection.runAndReadAll('SELECT version() AS version'));
  if (version !== DUCKDB_VERSION) {
    connection.closeSync();
    instance.closeSync();
    return undefined;
  }
  // Files handed over as bytes are written here and found by name, as duckdb-wasm finds its registered files.
  const files = mkdtempSync(join(tmpdir(), 'continuum-duckdb-'));
  for (const statement of [...OFFLINE_SETUP, `SET file_search_path = ${sqlString(files)}`]) await connection.run(statement);

  return {
    async query<T>(sql: string) {
      return rows<T>(await connection.runAndReadAll(sql));
    },
    async exec(sql) {
      await connection.run(sql);
    },
    async registerFile(name, data) {
      writeFileSync(join(files, name), data);
    },
    async dropFile(name) {
      try {
        unlinkSync(join(files, name));
      } catch {
        // Never written, or gone already.
      }
    },
    async prepare<T>(sql: string) {
      const statement = await connection.prepare(sql);
      return {
        query: async () => rows<T>(await statement.runAndReadAll()),
        close: async () => statement.destroySync()
      };
    },
    async close() {
      connection.closeSync();
      instance.closeSync();
      rmSync(files, { recursive: true, force: true });
    }
  };
}
