/**
 * The marks of a large map on a <canvas> laid over the SVG basemap: 10,000 SVG elements cost
 * about 100 ms a recolour before any of the app's own code runs (README, Performance), a canvas
 * one repaint. The canvas takes no pointer events: the SVG under it keeps d3's zoom, and the
 * map finds the mark under the pointer with a quadtree (`MarkIndex`).
 */
import { quadtree, type Quadtree, type ZoomTransform } from 'd3';
import { COVERAGE_CLASSES } from '$lib/ui/scales';
import { zoomedRadius } from './marks';
import { MarkRaster, rasterMarks, rgb, type RasterMarks } from './raster';

/** A school's mark in the map's own (viewBox) units at zoom 1, as the SVG marks read it too. */
export interface PaintedMark {
  x: number;
  y: number;
  r: number;
  fill: string | null;
  share: number | null;
}

/** A mark with no figures yet: the grey of "no need counted", never black. */
const NO_FIGURES = COVERAGE_CLASSES[COVERAGE_CLASSES.length - 1].color;
const EDGE = rgb('#ffffff');
const ARC = rgb('#1b1f24');

export interface CanvasView {
  transform: ZoomTransform;
  /** The map's viewBox width, which the canvas spans. */
  mapWidth: number;
  mapHeight: number;
  /**
   * The canvas's size in device pixels, exactly as the page lays it out (its device-pixel
   * content box): a bitmap even a fraction of a pixel off that size is resampled, and blurs.
   */
  width: number;
  height: number;
  /** Width of each mark's edge and ring, in the map's units (it keeps its width on screen as the map zooms). */
  ring: number;
  /** The keyboard's current school, circled. */
  focus: PaintedMark | null;
  focusColour: string;
}

/**
 * Kept from one visit to the map to the next (one map is on the page at a time): the raster's
 * stamps, the marks' arrays and a pixel buffer, so opening the map again neither works the stamps
 * out again nor writes into fresh memory, whose first touch costs the operating system's time.
 */
const raster = new MarkRaster();
let marks: RasterMarks = rasterMarks(0);
let spare: ImageData | null = null;
/** A buffer larger than this (a print at three times, say) is not kept. */
const KEEP_BYTES = 16 * 1024 * 1024;

export class MarkCanvas {
  private readonly context: CanvasRenderingContext2D;
  private image: ImageData | null = null;

  constructor(readonly canvas: HTMLCanvasElement) {
    this.context = canvas.getContext('2d')!;
  }

  /** Paints the marks in view, in order, and says how many it painted. */
  paint(data: readonly PaintedMark[], view: CanvasView): number {
    const width = Math.max(1, Math.round(view.width));
    const height = Math.max(1, Math.round(view.height));
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
      this.release();
    }
    if (!this.image && spare?.width === width && spare.height === height) [this.image, spare] = [spare, null];
    if (this.image) new Uint32Array(this.image.data.buffer).fill(0);
    else this.image = this.context.createImageData(width, height);

    // Device pixels per map unit, and the margins, as the SVG fits its viewBox (xMidYMid meet);
    // marks grow with the zoom as zoomedRadius says (at most twice).
    const scale = Math.min(width / view.mapWidth, height / view.mapHeight);
    const left = (width - scale * view.mapWidth) / 2;
    const top = (height - scale * view.mapHeight) / 2;
    const { k } = view.transform;
    const tx = view.transform.x + left / scale;
    const ty = view.transform.y + top / scale;
    const grow = scale * k;
    const ring = view.ring * scale;
    if (marks.x.length < data.length) marks = rasterMarks(data.length);
    let n = 0;
    for (let i = 0; i < data.length; i++) {
      const d = data[i];
      const r = zoomedRadius(d.r, k) * grow;
      const x = scale * tx + grow * d.x;
      const y = scale * ty + grow * d.y;
      const reach = r + ring;
      if (x < -reach || y < -reach || x > width + reach || y > height + reach) continue;
      marks.x[n] = x;
      marks.y[n] = y;
      marks.r[n] = r;
      marks.fill[n] = rgb(d.fill ?? NO_FIGURES);
      marks.share[n] = d.share ?? 0;
      n++;
    }
    marks.count = n;
    const pixels = { data: this.image.data, width, height };
    const style = { ring, edge: EDGE, arc: ARC };
    raster.paint(pixels, marks, style);
    this.context.putImageData(this.image, 0, 0);

    const focus = view.focus;
    if (focus) {
      // As the SVG's focus ring: 4 units outside the mark, 3 wide, whatever the zoom.
      this.context.beginPath();
      this.context.arc(scale * tx + grow * focus.x, scale * ty + grow * focus.y, zoomedRadius(focus.r, k) * grow + 4 * scale, 0, 2 * Math.PI);
      this.context.lineWidth = 3 * scale;
      this.context.strokeStyle = view.focusColour;
      this.context.stroke();
    }
    return n;
  }

  clear(): void {
    this.canvas.width = 0;
    this.canvas.height = 0;
    this.release();
  }

  /** Gives the pixel buffer back for the next paint of another size, or the next map. */
  private release() {
    if (this.image && this.image.data.byteLength <= KEEP_BYTES) spare = this.image;
    this.image = null;
  }
}

/**
 * Finds the mark under a point, as the SVG would: the topmost (latest painted) mark whose disk
 * and edge hold the point. A mark smaller on screen than `minimum` map units is hit within that.
 */
export class MarkIndex {
  private readonly tree: Quadtree<number>;
  private readonly largest: number;

  constructor(private readonly data: readonly PaintedMark[]) {
    this.tree = quadtree<number>()
      .x((i) => data[i].x)
      .y((i) => data[i].y)
      .addAll(data.map((_, i) => i));
    this.largest = data.reduce((max, d) => Math.max(max, d.r), 0);
  }

  /** The index of the mark at (x, y) in the map's units at zoom 1, or -1. */
  find(x: number, y: number, k: number, ring: number, minimum: number): number {
    const reachOf = (r: number) => Math.max(zoomedRadius(r, k) + ring / (2 * k), minimum / k);
    const reach = reachOf(this.largest);
    let best = -1;
    this.tree.visit((node, x0, y0, x1, y1) => {
      if (!node.length) {
        for (let leaf: typeof node | undefined = node; leaf; leaf = (leaf as { next?: typeof node }).next) {
          const i = (leaf as { data: number }).data;
          const d = this.data[i];
          const hit = reachOf(d.r);
          if (i > best && (d.x - x) ** 2 + (d.y - y) ** 2 <= hit * hit) best = i;
        }
      }
      return x0 > x + reach || x1 < x - reach || y0 > y + reach || y1 < y - reach;
    });
    return best;
  }
}
