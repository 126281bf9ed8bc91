/**
 * A minimal PNG encoder (8-bit palette, no interlace) for the chart's raster fallback in DOCX, so
 * the report needs no canvas: Node has none, and the browser's would make Node's files differ.
 * A palette, as the chart has a handful of colours: a third of RGB's bytes to compress, for each
 * of a district's hundred-odd school documents.
 */
import { zlibSync } from 'fflate';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** A raster of palette indices, drawn with filled rectangles only (all the fallback chart needs). */
export class Raster {
  readonly pixels: Uint8Array;
  private readonly colours: string[] = [];
  constructor(
    readonly width: number,
    readonly height: number,
    background = '#ffffff'
  ) {
    this.pixels = new Uint8Array(width * height);
    this.fill(0, 0, width, height, background);
  }

  private index(colour: string): number {
    let i = this.colours.indexOf(colour.toLowerCase());
    if (i < 0) {
      if (this.colours.length === 256) throw new Error('a palette PNG holds at most 256 colours');
      i = this.colours.push(colour.toLowerCase()) - 1;
    }
    return i;
  }

  /** Fills the pixels whose centres lie inside the rectangle; colour as `#rrggbb`. */
  fill(x: number, y: number, w: number, h: number, colour: string): void {
    const index = this.index(colour);
    const x0 = Math.max(0, Math.round(x));
    const x1 = Math.min(this.width, Math.round(x + w));
    const y0 = Math.max(0, Math.round(y));
    const y1 = Math.min(this.height, Math.round(y + h));
    if (x1 <= x0) return;
    for (let yy = y0; yy < y1; yy++) this.pixels.fill(index, yy * this.width + x0, yy * this.width + x1);
  }

  toPng(): Uint8Array {
    const { width, height, pixels } = this;
    // Each scanline starts with its filter type: 0, none.
    const raw = new Uint8Array((width + 1) * height);
    for (let y = 0; y < height; y++) raw.set(pixels.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
    const header = new Uint8Array(13);
    const view = new DataView(header.buffer);
    view.setUint32(0, width);
    view.setUint32(4, height);
    header.set([8, 3, 0, 0, 0], 8); // bit depth 8, colour type 3 (palette), deflate, filter 0, no interlace
    const palette = new Uint8Array(this.colours.length * 3);
    this.colours.forEach((c, i) => palette.set([1, 3, 5].map((k) => parseInt(c.slice(k, k + 2), 16)), i * 3));
    const parts = [
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('PLTE', palette),
      chunk('IDAT', zlibSync(raw, { level: 6 })),
      chunk('IEND', new Uint8Array(0))
    ];
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let offset = 0;
    for (const p of parts) {
      out.set(p, offset);
      offset += p.length;
    }
    return out;
  }
}
