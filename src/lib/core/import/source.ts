/**
 * What a user hands us: a file name and its bytes, or (a large file in the browser) a Blob that
 * DuckDB reads in place. Before DuckDB reads it, a spreadsheet becomes CSV, text that is not
 * UTF-8 is re-encoded, and the delimiter is chosen.
 */

export type SourceFile = { name: string; data: Uint8Array } | { name: string; blob: Blob };

export interface PreparedSource {
  /** UTF-8 delimited text: bytes, or a Blob read in place. */
  data: Uint8Array | Blob;
  delimiter: Delimiter;
  /** For each blank line, the record it precedes (see BlankLineScanner). */
  blanks: number[];
  /** Said once per file, e.g. that it was not UTF-8. */
  notes: string[];
}

/** Files above this are scanned in chunks and read by DuckDB in place, never copied whole. */
export const LARGE_FILE_BYTES = 16 * 1024 * 1024;
const SNIFF_BYTES = 1024 * 1024;

export function sourceSize(source: SourceFile): number {
  return 'data' in source ? source.data.length : source.blob.size;
}

/** The first bytes of a source, for sniffing. */
export async function sourceHead(source: SourceFile, bytes = SNIFF_BYTES): Promise<Uint8Array> {
  if ('data' in source) return source.data.subarray(0, bytes);
  return new Uint8Array(await source.blob.slice(0, bytes).arrayBuffer());
}

export async function sourceBytes(source: SourceFile): Promise<Uint8Array> {
  return 'data' in source ? source.data : new Uint8Array(await source.blob.arrayBuffer());
}

export function isXlsx(name: string, head: Uint8Array): boolean {
  return /\.xlsx$/i.test(name) || (head.length > 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 3 && head[3] === 4);
}

function hasUtf16Bom(head: Uint8Array): boolean {
  return (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
}

/** Where the first byte of 0x80 or above is; -1 for plain ASCII. Four bytes at a time, for files of hundreds of MB. */
function firstNonAscii(bytes: Uint8Array): number {
  const aligned = bytes.byteOffset % 4 === 0 ? Math.floor(bytes.length / 4) : 0;
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, aligned);
  for (let w = 0; w < words.length; w++) {
    if (words[w] & 0x80808080) {
      for (let i = w * 4; i < w * 4 + 4; i++) if (bytes[i] & 0x80) return i;
    }
  }
  for (let i = aligned * 4; i < bytes.length; i++) if (bytes[i] & 0x80) return i;
  return -1;
}

function isUtf8(bytes: Uint8Array, complete: boolean): boolean {
  const first = firstNonAscii(bytes);
  if (first < 0) return true;
  try {
    // From the first non-ASCII byte on, in chunks, so a state's 500 MB membership file never
    // becomes one string. A sample may end inside a character: `stream` lets it.
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const chunk = 16 * 1024 * 1024;
    for (let at = first; at < bytes.length; at += chunk) {
      const last = at + chunk >= bytes.length;
      decoder.decode(bytes.subarray(at, at + chunk), { stream: !(last && complete) });
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * UTF-8 as is; UTF-16 by its byte-order mark; otherwise the code page Excel's plain "CSV" writes:
 * Windows-1252 on Windows, Mac Roman on a Mac (see `isMacRoman`).
 */
export function toUtf8(data: Uint8Array): { data: Uint8Array; note?: string } {
  if (data[0] === 0xff && data[1] === 0xfe) return recode(data, 'utf-16le', 'UTF-16');
  if (data[0] === 0xfe && data[1] === 0xff) return recode(data, 'utf-16be', 'UTF-16');
  if (isUtf8(data, true)) return { data };
  if (isMacRoman(data)) return recode(data, 'macintosh', 'Mac Roman (not UTF-8)');
  return recode(data, 'windows-1252', 'Windows-1252 (not UTF-8)');
}

/**
 * Windows-1252's 0x80–0x9F, which some Node builds' TextDecoder reads as Latin-1 control characters
 * (browsers read them right); the five bytes it leaves unassigned stay controls.
 */
const WINDOWS_1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/** What each byte reads as in a code page, by class: 1 control or unassigned, 2 capital, 4 small letter, 8 other letter, 16 symbol odd inside a word. */
type ByteClasses = Uint8Array;
const CONTROL = 1;
const CAPITAL = 2;
const SMALL = 4;
const LETTER = CAPITAL | SMALL | 8;
const ODD_SYMBOL = 16;
/** Punctuation that may stand between two letters (`child’s`, `support—we`); any other symbol there is odd. */
const WORD_PUNCTUATION = /[’‘“”–—…]/u;
const SCORED_BYTES = 4 * 1024 * 1024;

function byteClasses(chars: string[]): ByteClasses {
  return Uint8Array.from(chars, (c) =>
    /[\p{Cc}\p{Co}\p{Cn}]/u.test(c) && !/[\t\n\r]/.test(c) ? CONTROL
    : /\p{Lu}/u.test(c) ? CAPITAL
    : /\p{Ll}/u.test(c) ? SMALL
    : /\p{L}/u.test(c) ? 8
    : /[\p{S}\p{P}]/u.test(c) && !WORD_PUNCTUATION.test(c) && c.charCodeAt(0) >= 0x80 ? ODD_SYMBOL
    : 0
  );
}

let classes: { windows: ByteClasses; mac: ByteClasses } | undefined;
const classTables = () => {
  const ascii = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i));
  const high = Uint8Array.from({ length: 128 }, (_, i) => 0x80 + i);
  return (classes ??= {
    windows: byteClasses([...ascii, ...WINDOWS_1252_80_9F, ...new TextDecoder('windows-1252').decode(high.subarray(32))]),
    mac: byteClasses([...ascii, ...new TextDecoder('macintosh').decode(high)])
  });
};

/**
 * Windows-1252 or Mac Roman: both map every byte, so the text tells. Each byte from 0x80 up is read
 * both ways and counted as odd where it makes a character no one types there: a control or
 * private-use character (0x81, 0x8D, 0x8F, 0x90, 0x9D are unassigned in Windows-1252; Mac Roman's
 * 0xF0 is the Apple logo), a capital right after a small letter (`childÕs` for Mac Roman's `child’s`,
 * `cafÈ` for Windows' `café`), or a symbol such as `‡` or `˙` inside a word (`Mar‡a` for Mac Roman's
 * `María`). Mac Roman wins with fewer odd characters, or as many where the lines end in a bare
 * `\r`, as Excel for Mac's "Comma Separated Values" writes them; otherwise Windows-1252, the more common.
 */
export function isMacRoman(data: Uint8Array): boolean {
  const { windows, mac } = classTables();
  const bytes = data.subarray(0, SCORED_BYTES);
  let oddWindows = 0;
  let oddMac = 0;
  for (let i = firstNonAscii(bytes); i >= 0 && i < bytes.length; i++) {
    if (bytes[i] < 0x80) continue;
    oddWindows += isOdd(bytes, i, windows);
    oddMac += isOdd(bytes, i, mac);
  }
  return oddMac < oddWindows || (oddMac === oddWindows && hasBareCrLines(bytes));
}

function isOdd(bytes: Uint8Array, i: number, table: ByteClasses): number {
  const c = table[bytes[i]];
  if (c === CONTROL) return 1;
  const before = i > 0 ? table[bytes[i - 1]] : 0;
  if (c === CAPITAL && before === SMALL) return 1;
  if (c === ODD_SYMBOL && before & LETTER && i + 1 < bytes.length && table[bytes[i + 1]] & LETTER) return 1;
  return 0;
}

function recode(data: Uint8Array, encoding: string, label: string) {
  let text = new TextDecoder(encoding).decode(data);
  if (encoding === 'windows-1252') text = text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_80_9F[c.charCodeAt(0) - 0x80]);
  return { data: new TextEncoder().encode(text), note: `read as ${label} text` };
}

/** The text of a file's first bytes, for a preview: as `toUtf8` reads the whole, cut anywhere. */
export function headText(head: Uint8Array): string {
  const text = !hasUtf16Bom(head) && isUtf8(head, false) ? new TextDecoder().decode(head) : new TextDecoder().decode(toUtf8(head).data);
  return text.replace(/^\uFEFF/, '');
}

export type Delimiter = ',' | '\t' | '|';

/**
 * Tab for .tsv; otherwise the one of tab or pipe (NCES EDGE's delimiter) that a file's first line
 * has where it has no commas; else comma.
 */
export function chooseDelimiter(name: string, head: Uint8Array): Delimiter {
  if (/\.tsv$/i.test(name)) return '\t';
  const end = Math.min(head.length, 64 * 1024);
  let tabs = 0;
  let pipes = 0;
  let commas = 0;
  for (let i = 0; i < end && head[i] !== 0x0a && head[i] !== 0x0d; i++) {
    if (head[i] === 0x09) tabs++;
    else if (head[i] === 0x7c) pipes++;
    else if (head[i] === 0x2c) commas++;
  }
  if (commas > 0) return ',';
  return tabs > 0 ? '\t' : pipes > 0 ? '|' : ',';
}

/** True for text whose lines end in a bare `\r` (as classic Mac and some Mac re-saves write): no `\n` at all. */
export function hasBareCrLines(bytes: Uint8Array): boolean {
  return bytes.includes(0x0d) && !bytes.includes(0x0a);
}

/** Bare `\r` line ends become `\n`, which DuckDB and the row scanner read. */
function crToLf(bytes: Uint8Array): Uint8Array {
  return bytes.map((b) => (b === 0x0d ? 0x0a : b));
}

/**
 * DuckDB skips blank lines, but a spreadsheet shows them as rows. This finds, for every blank
 * line outside quotes, the index of the record that follows it (the header is record 0), so row
 * numbers in messages match what the user sees. Bytes may come in chunks.
 */
export class BlankLineScanner {
  readonly blanks: number[] = [];
  private inQuotes = false;
  private lineHasContent = false;
  private record = 0;
  private started = false;

  push(chunk: Uint8Array): void {
    let i = 0;
    if (!this.started) {
      this.started = true;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3;
    }
    // Jumps from quote to quote and line end to line end with indexOf, which runs natively: a
    // byte-by-byte loop took seconds on a state's membership file.
    let quote = chunk.indexOf(0x22, i);
    while (i < chunk.length) {
      if (quote >= 0 && quote < i) quote = chunk.indexOf(0x22, i);
      if (this.inQuotes) {
        if (quote < 0) return;
        this.inQuotes = false;
        i = quote + 1;
        continue;
      }
      const newline = chunk.indexOf(0x0a, i);
      if (quote >= 0 && (newline < 0 || quote < newline)) {
        this.lineHasContent = true;
        this.inQuotes = true;
        i = quote + 1;
        continue;
      }
      const end = newline < 0 ? chunk.length : newline;
      if (!this.lineHasContent) {
        for (let j = i; j < end; j++) {
          if (chunk[j] !== 0x0d) {
            this.lineHasContent = true;
            break;
          }
        }
      }
      if (newline < 0) return;
      if (this.lineHasContent) this.record++;
      else this.blanks.push(this.record);
      this.lineHasContent = false;
      i = newline + 1;
    }
  }
}

export function blankLinesBefore(data: Uint8Array): number[] {
  const scanner = new BlankLineScanner();
  scanner.push(data);
  return scanner.blanks;
}

/** Readies a source for DuckDB. `progress` hears the share of a large file scanned so far. */
export async function prepareSource(source: SourceFile, progress?: (share: number) => void): Promise<PreparedSource> {
  const notes: string[] = [];
  const head = await sourceHead(source);
  if (isXlsx(source.name, head)) {
    const { xlsxToCsv } = await import('./xlsx');
    const data = new TextEncoder().encode(await xlsxToCsv(await sourceBytes(source)));
    return { data, delimiter: ',', blanks: blankLinesBefore(data), notes };
  }
  const size = sourceSize(source);
  const complete = head.length === size;
  if ('blob' in source && size > LARGE_FILE_BYTES && !hasUtf16Bom(head) && isUtf8(head, complete) && !hasBareCrLines(head)) {
    const scanner = new BlankLineScanner();
    for (let start = 0; start < size; start += LARGE_FILE_BYTES) {
      scanner.push(new Uint8Array(await source.blob.slice(start, start + LARGE_FILE_BYTES).arrayBuffer()));
      progress?.(Math.min(1, (start + LARGE_FILE_BYTES) / size));
    }
    return { data: source.blob, delimiter: chooseDelimiter(source.name, head), blanks: scanner.blanks, notes };
  }
  const utf8 = toUtf8(await sourceBytes(source));
  if (utf8.note) notes.push(utf8.note);
  const data = hasBareCrLines(utf8.data) ? crToLf(utf8.data) : utf8.data;
  return { data, delimiter: chooseDelimiter(source.name, data), blanks: blankLinesBefore(data), notes };
}
