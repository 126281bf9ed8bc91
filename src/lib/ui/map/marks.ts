/**
 * How a school's mark reads: its size (enrollment), its fill (coverage class, or gap class),
 * and its ring (capacity as a share of need). Pure functions, so the drawing stays thin.
 */
import { coverageClass, COVERAGE_CLASSES, type CoverageClass } from '$lib/ui/scales';
import type { MapFigure } from '$lib/core/model/map';

export type ColourBy = 'coverage' | 'gap';

export interface MarkClass {
  label: string;
  color: string;
  test: (figure: MapFigure) => boolean;
}

/** Capacity as a share of need, as the ring shows it: 0 to 1, null where no need is counted. */
export function ringShare(coverage: number | null): number | null {
  if (coverage === null || !Number.isFinite(coverage)) return null;
  return Math.max(0, Math.min(1, coverage));
}

const r2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The ring's arc as path data: clockwise from twelve o'clock round a circle at (x, y) of radius
 * r, for `share` of the way (two half arcs for a full ring, which one arc cannot draw).
 */
export function ringArc(x: number, y: number, r: number, share: number): string {
  if (!(share > 0)) return '';
  const top = `M${r2(x)},${r2(y - r)}`;
  const radius = `A${r2(r)},${r2(r)} 0`;
  if (share >= 1) return `${top}${radius} 1 1 ${r2(x)},${r2(y + r)}${radius} 1 1 ${r2(x)},${r2(y - r)}`;
  const angle = 2 * Math.PI * share;
  return `${top}${radius} ${share > 0.5 ? 1 : 0} 1 ${r2(x + r * Math.sin(angle))},${r2(y - r * Math.cos(angle))}`;
}

/** Largest mark radius in pixels: smaller when many schools share the view, so marks stay apart. */
export function maxRadius(schools: number): number {
  if (schools <= 300) return 14;
  return Math.max(5, 14 * Math.sqrt(300 / schools));
}

/** Area proportional to enrollment (a radius by square root), never so small it cannot be hit. */
export function radiusScale(maxEnrollment: number, schools: number): (enrollment: number) => number {
  const top = maxRadius(schools);
  const bottom = Math.max(2.5, top * 0.28);
  const max = Math.max(1, maxEnrollment);
  return (enrollment) => Math.max(bottom, top * Math.sqrt(Math.max(0, enrollment) / max));
}

/** Screen radius at zoom k: marks grow a little as the map zooms in, to at most twice their size. */
export function zoomedRadius(radius: number, k: number): number {
  return (radius * Math.min(Math.sqrt(k), 2)) / k;
}

// Gap classes: the orange half of the same orange–purple scheme as coverage (darker = more
// students without a place), purple for no gap, grey where no need is counted.
const GAP_COLOURS = ['#fee0b6', '#fdb863', '#e08214', '#b35806'];
const NO_GAP = COVERAGE_CLASSES.find((k) => k.label === 'fully covered')!;
const NO_NEED = COVERAGE_CLASSES.find((k) => k.label === 'no need counted')!;

/** A round figure near n, so class limits read as 10, 25, 150 rather than 13.7. */
export function niceStep(n: number): number {
  if (n <= 10) return Math.max(1, Math.ceil(n));
  const magnitude = 10 ** Math.floor(Math.log10(n));
  const steps = [1, 1.5, 2, 2.5, 3, 4, 5, 7.5, 10];
  return magnitude * steps.find((s) => s * magnitude >= n)!;
}

// Gaps are classed as the table shows them, in whole students, so a mark and its row agree.
const students = (gap: number) => Math.round(gap);

/** Class limits for gaps: quartiles of the schools that have a gap, rounded to figures that read well. */
export function gapBreaks(gaps: number[]): number[] {
  const positive = gaps.map(students).filter((g) => g >= 1).sort((a, b) => a - b);
  if (positive.length === 0) return [];
  const at = (q: number) => positive[Math.min(positive.length - 1, Math.floor(q * positive.length))];
  const breaks: number[] = [];
  for (const q of [0.25, 0.5, 0.75]) {
    const b = niceStep(at(q));
    if (b > (breaks.at(-1) ?? 1) && b <= positive.at(-1)!) breaks.push(b);
  }
  return breaks;
}

const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** The gap legend and its tests, from the gaps on the map now. */
export function gapClasses(gaps: number[]): MarkClass[] {
  const breaks = gapBreaks(gaps);
  const limits = [1, ...breaks, Infinity];
  const colours = GAP_COLOURS.slice(GAP_COLOURS.length - (limits.length - 1));
  const classes: MarkClass[] = limits.slice(0, -1).map((low, i) => {
    const high = limits[i + 1];
    const label =
      high === Infinity ? `${whole.format(low)} or more students` : high - 1 === low ? `${whole.format(low)} student${low === 1 ? '' : 's'}` : `${whole.format(low)}–${whole.format(high - 1)} students`;
    return { label, color: colours[i], test: (f) => f.need > 0 && students(f.gap) >= low && students(f.gap) < high };
  });
  return [
    { label: 'no gap', color: NO_GAP.color, test: (f) => f.need > 0 && students(f.gap) < 1 },
    ...classes,
    { label: NO_NEED.label, color: NO_NEED.color, test: (f) => !(f.need > 0) }
  ];
}

/** Coverage classes in the same shape as gap classes, from the shared scale. */
export const COVERAGE_MARK_CLASSES: MarkClass[] = COVERAGE_CLASSES.map((k: CoverageClass) => ({
  label: k.label,
  color: k.color,
  test: (f) => k.test(f.coverage)
}));

const NO_FIGURES: MarkClass = { label: 'no figures', color: NO_NEED.color, test: () => false };

/** A school's class. Asked for every school on every recolour, so it returns the shared classes, never a new object. */
export function markClass(figure: MapFigure | undefined, colourBy: ColourBy, classes: MarkClass[]): MarkClass {
  if (!figure) return NO_FIGURES;
  if (colourBy === 'coverage') return COVERAGE_MARK_CLASSES[COVERAGE_CLASSES.indexOf(coverageClass(figure.coverage))];
  return classes.find((k) => k.test(figure)) ?? classes[classes.length - 1];
}
