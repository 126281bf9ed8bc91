/**
 * Starts duckdb-wasm in the page. Imported dynamically, so the server-side render never loads it;
 * the app starts it at once and reads the kept workspace while it compiles.
 */
import type { Engine } from '../engine/engine';

export function startBrowserEngine(): Promise<Engine> {
  return import('../engine/browser').then(({ createBrowserEngine }) => createBrowserEngine());
}
