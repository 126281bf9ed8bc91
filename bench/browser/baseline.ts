/**
 * The browser baselines, on a page of the bench's own: duckdb-wasm opened as the app opens it
 * (same package version, same mvp/eh bundles chosen by selectBundle, a plain worker, files read
 * in place with BROWSER_FILEREADER), but with nothing of the app around it; and a bare SVG of
 * circles for the map. Driven by bench/browser-figures.ts through `window.bench`.
 */
import * as duckdb from '@duckdb/duckdb-wasm';

const DIST = '/__bench/duckdb/';

/** Resolves after the frame that shows what the DOM holds now has been produced. */
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

async function open() {
  const bundle = await duckdb.selectBundle({
    mvp: { mainModule: `${DIST}duckdb-mvp.wasm`, mainWorker: `${DIST}duckdb-browser-mvp.worker.js` },
    eh: { mainModule: `${DIST}duckdb-eh.wasm`, mainWorker: `${DIST}duckdb-browser-eh.worker.js` }
  });
  const worker = new Worker(bundle.mainWorker!);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule);
  await db.open({});
  const conn = await db.connect();
  await conn.query('SELECT 1');
  return { db, conn };
}

// Opened at page load: the time to here is the floor under the app's cold start.
const opened = open().then(async (handle) => {
  await nextFrame();
  (window as unknown as { __benchColdMs: number }).__benchColdMs = performance.now();
  return handle;
});

const palettes = [
  ['#d73027', '#fc8d59', '#fee08b', '#91cf60', '#1a9850'],
  ['#4575b4', '#91bfdb', '#e0f3f8', '#fee090', '#fc8d59']
];
let marks: SVGCircleElement[] = [];

const bench = {
  /** CREATE TABLE AS SELECT * FROM read_csv(all_varchar) of each picked file; ms from the first byte read. */
  async bareImport(prefix: string): Promise<number> {
    const { db, conn } = await opened;
    const files = Array.from((document.getElementById('files') as HTMLInputElement).files ?? []);
    const started = performance.now();
    for (const [i, file] of files.entries()) {
      const name = `${prefix}_${i}_${file.name}`;
      await db.registerFileHandle(name, file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
      await conn.query(`CREATE OR REPLACE TABLE ${prefix}_${i} AS SELECT * FROM read_csv('${name}', all_varchar = true)`);
    }
    return performance.now() - started;
  },
  /** Draws one circle per school (x, y, r) with createElementNS and setAttribute; ms to the next frame. */
  async draw(points: [number, number, number][]): Promise<number> {
    const svg = document.getElementById('map')!;
    svg.replaceChildren();
    await nextFrame();
    const started = performance.now();
    const group = document.createElementNS('http://www.w3.org/2000/svg', 'g');
    marks = points.map(([x, y, r], i) => {
      const c = document.createElementNS('http://www.w3.org/2000/svg', 'circle');
      c.setAttribute('cx', String(x));
      c.setAttribute('cy', String(y));
      c.setAttribute('r', String(r));
      c.setAttribute('fill', palettes[0][i % 5]);
      c.setAttribute('data-school-id', String(i));
      group.appendChild(c);
      return c;
    });
    svg.appendChild(group);
    await nextFrame();
    return performance.now() - started;
  },
  /** Sets every circle's fill from the other palette; ms to the next frame. */
  async recolour(round: number): Promise<number> {
    const palette = palettes[(round + 1) % 2];
    const started = performance.now();
    marks.forEach((c, i) => c.setAttribute('fill', palette[(i * 7 + round) % 5]));
    await nextFrame();
    return performance.now() - started;
  }
};

(window as unknown as { bench: typeof bench }).bench = bench;
