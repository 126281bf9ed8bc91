/**
 * Paints the marks of a large map into a pixel buffer, in script. Chromium without a GPU
 * rasterizes 10,000 small anti-aliased circles and arcs through the canvas API in 50 to 100 ms
 * on this project's 2-core machine; written pixel by pixel here they take 10 to 25 ms, because a
 * mark of a few pixels touches only a few dozen of them and most of those are wholly inside it.
 *
 * Every mark is drawn as the SVG marks are: a disk in its class colour with a white edge (the
 * ring's track), then, over all the disks, each ring's dark arc clockwise from twelve o'clock for
 * its share of the way. Edges are anti-aliased by the pixel's distance to them. Each mark's
 * pixels come from a stamp worked out once per size and position within a pixel (`MarkRaster`).
 * Works on RGBA bytes (ImageData's layout, not premultiplied), so nothing here needs a DOM.
 */

/** Marks in device pixels, one per index below `count`, in painting order. */
export interface RasterMarks {
  count: number;
  x: Float64Array;
  y: Float64Array;
  /** Radius to the middle of the edge. */
  r: Float64Array;
  /** 0xRRGGBB. */
  fill: Uint32Array;
  /** Capacity's share of need for the ring, 0 to 1; NaN or 0 for none. */
  share: Float64Array;
}

export interface RasterStyle {
  /** Width of the edge and of the ring's arc, in device pixels. */
  ring: number;
  /** 0xRRGGBB of the edge (the ring's track) and of the arc. */
  edge: number;
  arc: number;
}

export interface Pixels {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** Growable typed arrays for `RasterMarks`, reused from paint to paint. */
export function rasterMarks(capacity: number): RasterMarks {
  return {
    count: 0,
    x: new Float64Array(capacity),
    y: new Float64Array(capacity),
    r: new Float64Array(capacity),
    fill: new Uint32Array(capacity),
    share: new Float64Array(capacity)
  };
}

const colours = new Map<string, number>();

/** '#rgb' or '#rrggbb' as 0xRRGGBB (other forms read as mid grey, which no class uses). */
export function rgb(colour: string): number {
  let value = colours.get(colour);
  if (value === undefined) {
    const hex = colour.trim().replace(/^#/, '');
    const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
    value = /^[0-9a-f]{6}$/i.test(full) ? parseInt(full, 16) : 0x808080;
    colours.set(colour, value);
  }
  return value;
}

/**
 * Lays colour r, g, b (0 to 255) with coverage `a` (0 to 1) over pixel `j`: source-over on straight
 * (not premultiplied) RGBA, as canvas and ImageData keep it. Worked on the pixel's one 32-bit
 * word: over a clear pixel or an opaque one (nearly every pixel a mark's edge falls on) there is
 * no division.
 */
function blend(data: Uint8ClampedArray, words: Uint32Array, j: number, r: number, g: number, b: number, a: number) {
  const below = words[j];
  if (below === 0 || a >= 1) {
    words[j] = word(r, g, b, a * 255 + 0.5);
    return;
  }
  if (!LITTLE_ENDIAN) {
    blendBytes(data, j * 4, r, g, b, a);
    return;
  }
  const keep = 1 - a;
  const ba = below >>> 24;
  const br = below & 0xff;
  const bg = (below >>> 8) & 0xff;
  const bb = (below >>> 16) & 0xff;
  if (ba === 255) {
    words[j] = word(r * a + br * keep + 0.5, g * a + bg * keep + 0.5, b * a + bb * keep + 0.5, 255);
    return;
  }
  const under = (ba / 255) * keep;
  const out = a + under;
  words[j] = word((r * a + br * under) / out + 0.5, (g * a + bg * under) / out + 0.5, (b * a + bb * under) / out + 0.5, out * 255 + 0.5);
}

/** The same, byte by byte, for a big-endian machine. */
function blendBytes(data: Uint8ClampedArray, i: number, r: number, g: number, b: number, a: number) {
  const under = (data[i + 3] / 255) * (1 - a);
  const out = a + under;
  data[i] = (r * a + data[i] * under) / out;
  data[i + 1] = (g * a + data[i + 1] * under) / out;
  data[i + 2] = (b * a + data[i + 2] * under) / out;
  data[i + 3] = out * 255;
}

/** Clockwise from twelve o'clock, as a cheap monotonic stand-in for the angle: 0 to 4 for a full turn. */
function turn(dx: number, dy: number): number {
  const x = dx;
  const y = -dy;
  const p = x / (Math.abs(x) + Math.abs(y) || 1);
  if (y >= 0) return x >= 0 ? p : 4 + p;
  return 2 - p;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** RGBA bytes (0 to 255, fractions dropped) as one 32-bit pixel, to write a pixel at once. */
function word(r: number, g: number, b: number, a: number): number {
  return LITTLE_ENDIAN ? ((a << 24) | (b << 16) | (g << 8) | r) >>> 0 : ((r << 24) | (g << 16) | (b << 8) | a) >>> 0;
}

function opaque(c: number): number {
  return word(c >> 16, (c >> 8) & 0xff, c & 0xff, 255);
}

/**
 * One mark's pixels, worked out once for a radius and a position within its pixel and reused for
 * every mark like it: `dx`, `dy` from the pixel the mark's centre falls in, and for each the
 * coverage `a` and either the share `c` of the fill against the edge (a disk) or how far round
 * the ring the pixel is, 0 to 4 (a ring).
 */
interface Stamp {
  n: number;
  dx: Int16Array;
  dy: Int16Array;
  a: Float32Array;
  c: Float32Array;
  /** How far the stamp reaches from the mark's pixel, for the test against the canvas's edges. */
  reach: number;
}

/** Radii are told apart to an eighth of a pixel, centres to a quarter: finer than anyone sees. */
const RADIUS_STEPS = 8;
const PHASES = 4;
/** Stamps kept before the cache starts again (a zoom through many sizes). */
const MAX_STAMPS = 4000;

function stampOf(entries: number[], reach: number): Stamp {
  const n = entries.length / 4;
  const stamp: Stamp = { n, dx: new Int16Array(n), dy: new Int16Array(n), a: new Float32Array(n), c: new Float32Array(n), reach };
  for (let e = 0; e < n; e++) {
    stamp.dx[e] = entries[e * 4];
    stamp.dy[e] = entries[e * 4 + 1];
    stamp.a[e] = entries[e * 4 + 2];
    stamp.c[e] = entries[e * 4 + 3];
  }
  return stamp;
}

/**
 * Paints marks into pixels, keeping the stamps it works out for the next paint: a recolour or a
 * pan paints the same sizes again, so it only copies stamps.
 */
export class MarkRaster {
  private disks = new Map<number, Stamp>();
  private rings = new Map<number, Stamp>();
  private ring = -1;

  /** Every mark's disk and edge in order (a later mark covers an earlier one), then every ring's arc over them. */
  paint(pixels: Pixels, marks: RasterMarks, style: RasterStyle): void {
    if (style.ring !== this.ring || this.disks.size + this.rings.size > MAX_STAMPS) {
      this.disks.clear();
      this.rings.clear();
      this.ring = style.ring;
    }
    this.paintDisks(pixels, marks, style);
    this.paintRings(pixels, marks, style);
  }

  private key(r: number, x: number, y: number): number {
    const px = Math.min(PHASES - 1, Math.floor((x - Math.floor(x)) * PHASES));
    const py = Math.min(PHASES - 1, Math.floor((y - Math.floor(y)) * PHASES));
    return (Math.round(r * RADIUS_STEPS) * PHASES + py) * PHASES + px;
  }

  /** The centre and radius a key stands for: the middle of its phase, within pixel (0, 0). */
  private unkey(key: number): [number, number, number] {
    const px = key % PHASES;
    const py = Math.floor(key / PHASES) % PHASES;
    const r = Math.floor(key / (PHASES * PHASES)) / RADIUS_STEPS;
    return [(px + 0.5) / PHASES, (py + 0.5) / PHASES, r];
  }

  private diskStamp(key: number, half: number): Stamp {
    const [ox, oy, r] = this.unkey(key);
    const outer = r + half;
    const reach = outer + 0.5;
    const edgeSolid = Math.max(0, r - half) + 0.5;
    const entries: number[] = [];
    const span = Math.ceil(reach) + 1;
    for (let y = -span; y <= span; y++) {
      for (let x = -span; x <= span; x++) {
        const px = x + 0.5 - ox;
        const py = y + 0.5 - oy;
        const d = Math.sqrt(px * px + py * py);
        const aOuter = Math.min(1, reach - d);
        if (aOuter <= 0) continue;
        const aInner = Math.max(0, Math.min(1, edgeSolid - d));
        // The white disk, then the coloured one over it, as one colour with one coverage.
        const a = aInner + aOuter * (1 - aInner);
        entries.push(x, y, a, aInner / a);
      }
    }
    return stampOf(entries, span);
  }

  private ringStamp(key: number, half: number): Stamp {
    const [ox, oy, r] = this.unkey(key);
    const reach = r + half + 0.5;
    const entries: number[] = [];
    const span = Math.ceil(reach) + 1;
    for (let y = -span; y <= span; y++) {
      for (let x = -span; x <= span; x++) {
        const dx = x + 0.5 - ox;
        const dy = y + 0.5 - oy;
        const a = Math.min(1, half + 0.5 - Math.abs(Math.sqrt(dx * dx + dy * dy) - r));
        if (a > 0) entries.push(x, y, a, turn(dx, dy));
      }
    }
    return stampOf(entries, span);
  }

  private paintDisks(pixels: Pixels, marks: RasterMarks, style: RasterStyle): void {
    const { data, width, height } = pixels;
    const words = new Uint32Array(data.buffer, data.byteOffset, width * height);
    const half = style.ring / 2;
    const edge = style.edge;
    const er = edge >> 16;
    const eg = (edge >> 8) & 0xff;
    const eb = edge & 0xff;
    const edgeWord = opaque(edge);
    for (let m = 0; m < marks.count; m++) {
      const x = marks.x[m];
      const y = marks.y[m];
      const key = this.key(marks.r[m], x, y);
      let stamp = this.disks.get(key);
      if (!stamp) this.disks.set(key, (stamp = this.diskStamp(key, half)));
      const fill = marks.fill[m];
      const fr = fill >> 16;
      const fg = (fill >> 8) & 0xff;
      const fb = fill & 0xff;
      const fillWord = opaque(fill);
      const bx = Math.floor(x);
      const by = Math.floor(y);
      const inside = bx - stamp.reach >= 0 && by - stamp.reach >= 0 && bx + stamp.reach < width && by + stamp.reach < height;
      const base = by * width + bx;
      const { n, dx, dy, a: cover, c: share } = stamp;
      for (let e = 0; e < n; e++) {
        if (!inside) {
          const px = bx + dx[e];
          const py = by + dy[e];
          if (px < 0 || py < 0 || px >= width || py >= height) continue;
        }
        const j = base + dy[e] * width + dx[e];
        const a = cover[e];
        const c = share[e];
        if (a >= 1 && c >= 1) words[j] = fillWord;
        else if (a >= 1 && c <= 0) words[j] = edgeWord;
        else {
          const w = 1 - c;
          blend(data, words, j, fr * c + er * w, fg * c + eg * w, fb * c + eb * w, a);
        }
      }
    }
  }

  private paintRings(pixels: Pixels, marks: RasterMarks, style: RasterStyle): void {
    const { data, width, height } = pixels;
    const words = new Uint32Array(data.buffer, data.byteOffset, width * height);
    const half = style.ring / 2;
    const arc = style.arc;
    const ar = arc >> 16;
    const ag = (arc >> 8) & 0xff;
    const ab = arc & 0xff;
    const arcWord = opaque(arc);
    for (let m = 0; m < marks.count; m++) {
      const share = marks.share[m];
      if (!(share > 0)) continue;
      const x = marks.x[m];
      const y = marks.y[m];
      const key = this.key(marks.r[m], x, y);
      let stamp = this.rings.get(key);
      if (!stamp) this.rings.set(key, (stamp = this.ringStamp(key, half)));
      // Clockwise from twelve o'clock for `share` of the way; a full ring takes every pixel.
      const angle = 2 * Math.PI * Math.min(1, share);
      const end = share >= 1 ? 5 : turn(Math.sin(angle), -Math.cos(angle));
      const bx = Math.floor(x);
      const by = Math.floor(y);
      const inside = bx - stamp.reach >= 0 && by - stamp.reach >= 0 && bx + stamp.reach < width && by + stamp.reach < height;
      const base = by * width + bx;
      const { n, dx, dy, a: cover, c: round } = stamp;
      for (let e = 0; e < n; e++) {
        if (round[e] > end) continue;
        if (!inside) {
          const px = bx + dx[e];
          const py = by + dy[e];
          if (px < 0 || py < 0 || px >= width || py >= height) continue;
        }
        const j = base + dy[e] * width + dx[e];
        const a = cover[e];
        if (a >= 1) words[j] = arcWord;
        else blend(data, words, j, ar, ag, ab, a);
      }
    }
  }
}
