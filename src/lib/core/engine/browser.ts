import { tableToRows } from './arrow-rows';
import { OFFLINE_SETUP, type Engine } from './engine';

/**
 * duckdb-wasm in a web worker. The bundles are this app's own files, emitted by the bundler: no
 * request leaves the page's origin. The threaded (coi) bundle is left out on purpose.
 */
export async function createBrowserEngine(): Promise<Engine> {
  const duckdb = await import('@duckdb/duckdb-wasm');
  const [mvpWasm, mvpWorker, ehWasm, ehWorker] = await Promise.all([
    import('@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url'),
    import('@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url'),
    import('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url'),
    import('@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url')
  ]);
  const bundle = await duckdb.selectBundle({
    mvp: { mainModule: mvpWasm.default, mainWorker: mvpWorker.default },
    eh: { mainModule: ehWasm.default, mainWorker: ehWorker.default }
  });
  const worker = new Worker(bundle.mainWorker!);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule);
  await db.open({});
  const conn = await db.connect();
  for (const statement of OFFLINE_SETUP) await conn.query(statement);

  return {
    async query(sql) {
      return tableToRows(await conn.query(sql));
    },
    async exec(sql) {
      await conn.query(sql);
    },
    async registerFile(name, data) {
      // The worker takes ownership of the buffer it is sent: send a copy, so the caller's bytes
      // (kept for the workspace) stay usable.
      await db.registerFileBuffer(name, data.slice());
    },
    // A large picked file is read by the worker in place, never copied whole into memory.
    async registerBlob(name, blob) {
      await db.registerFileHandle(name, blob, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
    },
    async dropFile(name) {
      await db.dropFile(name);
    },
    async prepare<T>(sql: string) {
      const statement = await conn.prepare(sql);
      return {
        query: async () => tableToRows<T>(await statement.query()),
        close: () => statement.close()
      };
    },
    async close() {
      await conn.close();
      await db.terminate();
      worker.terminate();
    }
  };
}
