/**
 * The need-versus-capacity chart: a panel per tier, need and capacity side by side. Each tier has
 * its own scale, because tier 1 need is the whole enrollment and would flatten tiers 2 and 3.
 * The chart is laid out once as shapes; SVG draws all of them, the PNG fallback the bars and axes.
 */
import { esc } from './markup';
import { Raster } from './png';
import { count, tierName } from '../../present';

export const NEED_COLOUR = '#f1a340';
export const CAPACITY_COLOUR = '#542788';
const INK = '#222222';
const GRID = '#d9d9d9';

export interface ChartTier {
  tier: number;
  need: number;
  capacity: number;
}

type Shape =
  /** `legend`: a swatch whose label is text, so the PNG fallback (no text) leaves it out. */
  | { kind: 'rect'; x: number; y: number; w: number; h: number; fill: string; legend?: boolean }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string }
  | { kind: 'text'; x: number; y: number; text: string; anchor: 'start' | 'middle' | 'end'; size: number; bold?: boolean; rotate?: boolean };

export const CHART_WIDTH = 680;
export const CHART_HEIGHT = 280;

/** A round step that gives about four gridlines up to max. */
function niceStep(max: number): number {
  if (!(max > 0)) return 1;
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough)!;
  return Math.max(step, 1);
}

const LEFT = 34;
const RIGHT = 8;
const panelWidth = (count: number) => (CHART_WIDTH - LEFT - RIGHT) / Math.max(count, 1);

/**
 * Widths, in chart units, of the strips under the chart: the left margin, each tier's panel, the
 * right margin. DOCX sets each tier's figures in a table of these widths under the image, for
 * readers that show the PNG fallback, which has no text.
 */
export function chartStrips(count: number): number[] {
  return [LEFT, ...Array<number>(count).fill(panelWidth(count)), RIGHT];
}

function layout(tiers: ChartTier[]): Shape[] {
  const shapes: Shape[] = [];
  const top = 44;
  const bottom = CHART_HEIGHT - 40;
  const left = LEFT;
  const panel = panelWidth(tiers.length);

  // Legend, as text beside swatches, so the colours are named and not only shown.
  shapes.push({ kind: 'rect', x: left, y: 8, w: 12, h: 12, fill: NEED_COLOUR, legend: true });
  shapes.push({ kind: 'text', x: left + 18, y: 18, text: 'Need (students)', anchor: 'start', size: 12 });
  shapes.push({ kind: 'rect', x: left + 150, y: 8, w: 12, h: 12, fill: CAPACITY_COLOUR, legend: true });
  shapes.push({ kind: 'text', x: left + 168, y: 18, text: 'Capacity (students a year)', anchor: 'start', size: 12 });
  shapes.push({ kind: 'text', x: CHART_WIDTH - 8, y: 18, text: 'Each tier has its own scale', anchor: 'end', size: 11 });
  shapes.push({ kind: 'text', x: 12, y: (top + bottom) / 2, text: 'Students', anchor: 'middle', size: 12, rotate: true });

  tiers.forEach((t, i) => {
    const x0 = left + i * panel;
    const axisX = x0 + 44;
    const plotRight = x0 + panel - 12;
    const step = niceStep(Math.max(t.need, t.capacity));
    const max = Math.max(step, Math.ceil(Math.max(t.need, t.capacity) / step) * step);
    const y = (v: number) => bottom - (v / max) * (bottom - top);

    for (let v = 0; v <= max + step / 2; v += step) {
      shapes.push({ kind: 'line', x1: axisX, y1: y(v), x2: plotRight, y2: y(v), stroke: v === 0 ? INK : GRID });
      shapes.push({ kind: 'text', x: axisX - 4, y: y(v) + 4, text: count(v), anchor: 'end', size: 10 });
    }
    shapes.push({ kind: 'line', x1: axisX, y1: top, x2: axisX, y2: bottom, stroke: INK });

    const slot = (plotRight - axisX) / 2;
    const barWidth = Math.min(56, slot * 0.6);
    [
      { value: t.need, fill: NEED_COLOUR },
      { value: t.capacity, fill: CAPACITY_COLOUR }
    ].forEach((bar, j) => {
      const cx = axisX + slot * (j + 0.5);
      const h = bottom - y(bar.value);
      // A bar of a few students still shows as a sliver, so "small" never reads as "none".
      const shown = bar.value > 0 ? Math.max(h, 1.5) : 0;
      shapes.push({ kind: 'rect', x: cx - barWidth / 2, y: bottom - shown, w: barWidth, h: shown, fill: bar.fill });
      shapes.push({ kind: 'text', x: cx, y: bottom - shown - 4, text: count(bar.value), anchor: 'middle', size: 10, bold: true });
    });
    shapes.push({ kind: 'text', x: (axisX + plotRight) / 2, y: bottom + 18, text: tierName(t.tier), anchor: 'middle', size: 12, bold: true });
    const gap = Math.max(t.need - t.capacity, 0);
    shapes.push({ kind: 'text', x: (axisX + plotRight) / 2, y: bottom + 33, text: `gap ${count(gap)}`, anchor: 'middle', size: 11 });
  });
  return shapes;
}

const r = (n: number) => Math.round(n * 10) / 10;

/**
 * The chart as an SVG element (for HTML) or, with `standalone`, a document with its XML
 * declaration (for DOCX). Only system font names: the report loads no fonts.
 */
export function chartSvg(tiers: ChartTier[], title: string, options: { standalone?: boolean } = {}): string {
  const body = layout(tiers)
    .map((s) => {
      if (s.kind === 'rect') return `<rect x="${r(s.x)}" y="${r(s.y)}" width="${r(s.w)}" height="${r(s.h)}" fill="${s.fill}"/>`;
      if (s.kind === 'line') return `<line x1="${r(s.x1)}" y1="${r(s.y1)}" x2="${r(s.x2)}" y2="${r(s.y2)}" stroke="${s.stroke}" stroke-width="1"/>`;
      const rotate = s.rotate ? ` transform="rotate(-90 ${r(s.x)} ${r(s.y)})"` : '';
      const weight = s.bold ? ' font-weight="bold"' : '';
      return `<text x="${r(s.x)}" y="${r(s.y)}" text-anchor="${s.anchor}" font-size="${s.size}"${weight}${rotate}>${esc(s.text)}</text>`;
    })
    .join('');
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" role="img" aria-label="${esc(title)}">` +
    `<title>${esc(title)}</title>` +
    `<rect width="${CHART_WIDTH}" height="${CHART_HEIGHT}" fill="#ffffff"/>` +
    `<g font-family="Liberation Sans, Arial, Helvetica, sans-serif" fill="${INK}">${body}</g></svg>`;
  return options.standalone ? `<?xml version="1.0" encoding="UTF-8"?>\n${svg}` : svg;
}

/** The bars and axes as a PNG, at `scale` pixels per SVG unit: DOCX's fallback for readers without SVG. */
export function chartPng(tiers: ChartTier[], scale = 2): Uint8Array {
  const raster = new Raster(CHART_WIDTH * scale, CHART_HEIGHT * scale);
  for (const s of layout(tiers)) {
    if (s.kind === 'rect' && !s.legend) raster.fill(s.x * scale, s.y * scale, s.w * scale, s.h * scale, s.fill);
    else if (s.kind === 'line') {
      // Only straight axis and grid lines are drawn, so a line is a thin rectangle about it.
      const x = Math.min(s.x1, s.x2) * scale;
      const y = Math.min(s.y1, s.y2) * scale;
      if (s.y1 === s.y2) raster.fill(x, y - scale / 2, Math.abs(s.x2 - s.x1) * scale, scale, s.stroke);
      else raster.fill(x - scale / 2, y, scale, Math.abs(s.y2 - s.y1) * scale, s.stroke);
    }
  }
  return raster.toPng();
}
