import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { tableToRows } from './arrow-rows';
import { OFFLINE_SETUP, type Engine } from './engine';

type NodeBlocking = typeof import('@duckdb/duckdb-wasm/blocking');

const require = createRequire(import.meta.url);

/** duckdb-wasm's Node build: the same WebAssembly engine the browser runs. */
export async function createNodeEngine(): Promise<Engine> {
  const duckdb: NodeBlocking = require('@duckdb/duckdb-wasm/blocking');
  const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
  const bundles = {
    mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs') },
    eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: join(dist, 'duckdb-node-eh.worker.cjs') }
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate(() => {});
  db.open({});
  const conn = db.connect();
  for (const statement of OFFLINE_SETUP) conn.query(statement);

  return {
    async query(sql) {
      return tableToRows(conn.query(sql));
    },
    async exec(sql) {
      conn.query(sql);
    },
    async registerFile(name, data) {
      db.registerFileBuffer(name, data);
    },
    async dropFile(name) {
      db.dropFile(name);
    },
    async prepare<T>(sql: string) {
      const statement = conn.prepare(sql);
      return {
        query: async () => tableToRows<T>(statement.query()),
        close: async () => statement.close()
      };
    },
    async close() {
      conn.close();
      db.reset();
    }
  };
}
