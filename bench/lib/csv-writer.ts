/**
 * Writing the bench's large files: lines gathered into ~1 MB chunks for a write stream, waiting
 * when it is full. Shared by the district generator and the state's public files.
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';

/** A CSV field, quoted only where it must be (a comma, quote or line break). */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export class CsvWriter {
  /** Lines written so far, the header included. */
  lines = 0;
  private readonly stream: WriteStream;
  private parts: string[] = [];
  private size = 0;
  constructor(
    path: string,
    private readonly eol: '\n' | '\r\n' = '\n',
    bom = false
  ) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    if (bom) this.stream.write('\uFEFF');
  }
  /** Adds a line of already-quoted fields; resolves at once unless the stream needs to drain. */
  line(text: string): Promise<void> | undefined {
    this.parts.push(text);
    this.size += text.length;
    this.lines++;
    return this.size >= 1 << 20 ? this.flush() : undefined;
  }
  row(fields: (string | number)[]): Promise<void> | undefined {
    return this.line(fields.map(csvField).join(','));
  }
  async flush(): Promise<void> {
    if (!this.parts.length) return;
    const chunk = this.parts.join(this.eol) + this.eol;
    this.parts = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }
  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }
}
