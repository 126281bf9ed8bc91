/** Timing, the results' shape, and the table printed at the end of a run. */

export interface Figure {
  name: string;
  /** Median of the runs, or null where the figure could not be measured (see `note`). */
  value: number | null;
  unit: string;
  baseline: number | null;
  /** value / baseline: how many times the bare operation the real one costs. */
  ratio: number | null;
  /** Upper bound the figure should stay under; null where the issue sets none. */
  target: number | null;
  pass: boolean | null;
  /** What the baseline is, and anything a reader needs to read the figure right. */
  note?: string;
  /** Every run, figure and baseline, for the record. */
  runs?: number[];
  baselineRuns?: number[];
}

export function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}

/**
 * Runs the figure and its baseline `n` times each, interleaved (figure, baseline, figure, …), so
 * a burst of load from elsewhere on the machine hits both alike. Returns every run's ms.
 */
export async function paired(
  n: number,
  figure: (i: number) => Promise<number>,
  baseline: (i: number) => Promise<number>
): Promise<{ runs: number[]; baselineRuns: number[] }> {
  const runs: number[] = [];
  const baselineRuns: number[] = [];
  for (let i = 0; i < n; i++) {
    runs.push(await figure(i));
    baselineRuns.push(await baseline(i));
  }
  return { runs, baselineRuns };
}

export function figure(
  name: string,
  unit: string,
  measured: { runs: number[]; baselineRuns?: number[] } | { value: number; baseline?: number | null },
  target: number | null = null,
  note?: string
): Figure {
  if ('runs' in measured && measured.runs.length === 0) return notMeasured(name, unit, target, 'no runs asked for');
  const value = 'runs' in measured ? median(measured.runs) : measured.value;
  const baseline = 'runs' in measured ? (measured.baselineRuns?.length ? median(measured.baselineRuns) : null) : (measured.baseline ?? null);
  return {
    name,
    value,
    unit,
    baseline,
    ratio: baseline ? value / baseline : null,
    target,
    pass: target === null ? null : value <= target,
    note,
    ...('runs' in measured ? { runs: measured.runs.map(round1), baselineRuns: measured.baselineRuns?.map(round1) } : {})
  };
}

/** The import target (a): at most `limit` times its baseline, so the target is in the figure's own unit. */
export function withinRatio(f: Figure, limit: number): Figure {
  if (f.value === null || f.baseline === null) return f;
  const target = f.baseline * limit;
  return { ...f, target, pass: f.value <= target, note: `target: at most ${limit} × the baseline; ${f.note ?? ''}` };
}

/** Import figures are held to 1.5 times a bare read_csv of the same files (issue 7, target a). */
export const IMPORT_RATIO = 1.5;

export function notMeasured(name: string, unit: string, target: number | null, why: string): Figure {
  return { name, value: null, unit, baseline: null, ratio: null, target, pass: null, note: `not measured: ${why}` };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function show(x: number | null, unit: string): string {
  if (x === null) return '—';
  if (unit === 'ms' && x >= 10_000) return `${(x / 1000).toFixed(1)} s`;
  if (unit === 'ms') return `${x < 10 ? x.toFixed(1) : Math.round(x)} ms`;
  if (unit === 'MB') return `${Math.round(x)} MB`;
  return `${x} ${unit}`;
}

/** The terminal table: one line per figure, notes beneath. */
export function table(figures: Figure[]): string {
  const head = ['figure', 'value', 'baseline', 'ratio', 'target', 'pass'];
  const rows = figures.map((f) => [
    f.name,
    show(f.value, f.unit),
    show(f.baseline, f.unit),
    f.ratio === null ? '—' : `${f.ratio.toFixed(1)}×`,
    f.target === null ? '—' : `< ${show(f.target, f.unit)}`,
    f.pass === null ? (f.value === null ? 'n/a' : '—') : f.pass ? 'pass' : 'FAIL'
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const notes = figures.filter((f) => f.note).map((f) => `  ${f.name}: ${f.note}`);
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line), '', 'Baselines and notes:', ...notes].join('\n');
}
