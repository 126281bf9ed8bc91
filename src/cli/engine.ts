/**
 * The command line's engine: native DuckDB where `@duckdb/node-api` installed for this platform
 * (every core, the machine's memory), else duckdb-wasm's Node build, said once on standard error.
 * `CONTINUUM_ENGINE=wasm` asks for duckdb-wasm, as the tests do to compare the two.
 */
import type { Engine } from '../lib/core/engine/engine';
import { createNativeEngine } from '../lib/core/engine/native';
import { createNodeEngine } from '../lib/core/engine/node';

export async function createCliEngine(): Promise<Engine> {
  if (process.env.CONTINUUM_ENGINE !== 'wasm') {
    const native = await createNativeEngine();
    if (native) return native;
    process.stderr.write('continuum: native DuckDB is not available here; using duckdb-wasm (one thread, at most 3.1 GiB)\n');
  }
  return createNodeEngine();
}
