/**
 * What a user hands us: a file name and its bytes. Before DuckDB reads it, a spreadsheet becomes
 * CSV, text that is not UTF-8 is re-encoded, and the delimiter is chosen.
 */

export interface SourceFile {
  name: string;
  data: Uint8Array;
}

export interface PreparedSource {
  /** Bytes DuckDB reads: UTF-8 delimited text. */
  data: Uint8Array;
  delimiter: ',' | '\t';
  /** Said once per file, e.g. that it was not UTF-8. */
  notes: string[];
}

export function isXlsx(file: SourceFile): boolean {
  const d = file.data;
  return /\.xlsx$/i.test(file.name) || (d.length > 4 && d[0] === 0x50 && d[1] === 0x4b && d[2] === 3 && d[3] === 4);
}

/** UTF-8 as is; UTF-16 by its byte-order mark; otherwise Windows-1252, which is what Excel's plain "CSV" writes. */
export function toUtf8(data: Uint8Array): { data: Uint8Array; note?: string } {
  if (data[0] === 0xff && data[1] === 0xfe) return recode(data, 'utf-16le', 'UTF-16');
  if (data[0] === 0xfe && data[1] === 0xff) return recode(data, 'utf-16be', 'UTF-16');
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(data);
    return { data };
  } catch {
    return recode(data, 'windows-1252', 'Windows-1252 (not UTF-8)');
  }
}

function recode(data: Uint8Array, encoding: string, label: string) {
  const text = new TextDecoder(encoding).decode(data);
  return { data: new TextEncoder().encode(text), note: `read as ${label} text` };
}

/** Tab for .tsv, and for any file whose first line has tabs but no commas. */
export function chooseDelimiter(name: string, data: Uint8Array): ',' | '\t' {
  if (/\.tsv$/i.test(name)) return '\t';
  const end = Math.min(data.length, 64 * 1024);
  let tabs = 0;
  let commas = 0;
  for (let i = 0; i < end && data[i] !== 0x0a; i++) {
    if (data[i] === 0x09) tabs++;
    else if (data[i] === 0x2c) commas++;
  }
  return tabs > 0 && commas === 0 ? '\t' : ',';
}

/**
 * DuckDB skips blank lines, but a spreadsheet shows them as rows. This finds, for every blank
 * line outside quotes, the index of the record that follows it (the header is record 0), so row
 * numbers in messages match what the user sees.
 */
export function blankLinesBefore(data: Uint8Array): number[] {
  const blanks: number[] = [];
  let inQuotes = false;
  let lineHasContent = false;
  let record = 0;
  const start = data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? 3 : 0;
  for (let i = start; i < data.length; i++) {
    const byte = data[i];
    if (byte === 0x22) {
      inQuotes = !inQuotes;
      lineHasContent = true;
    } else if (inQuotes) {
      continue;
    } else if (byte === 0x0a) {
      if (lineHasContent) record++;
      else blanks.push(record);
      lineHasContent = false;
    } else if (byte !== 0x0d) {
      lineHasContent = true;
    }
  }
  return blanks;
}

export async function prepareSource(file: SourceFile): Promise<PreparedSource> {
  const notes: string[] = [];
  let data = file.data;
  if (isXlsx(file)) {
    const { xlsxToCsv } = await import('./xlsx');
    data = new TextEncoder().encode(await xlsxToCsv(file.data));
    return { data, delimiter: ',', notes };
  }
  const utf8 = toUtf8(data);
  if (utf8.note) notes.push(utf8.note);
  data = utf8.data;
  return { data, delimiter: chooseDelimiter(file.name, data), notes };
}
