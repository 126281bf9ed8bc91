/** A problem found in an input file, located as a spreadsheet shows it. */
export interface Problem {
  file: string;
  /** Spreadsheet row: the header is row 1. */
  row: number;
  column?: string;
  message: string;
  severity: 'error' | 'warning';
  /**
   * A value reported once for all the rows that hold it (a job title that is not a role): the
   * value as first written, how many rows hold it, and the kind of file, so the app can offer a
   * meaning for it.
   */
  value?: string;
  rows?: number;
  kind?: string;
  /** The mappings file's `column` for this value: a contract column, or for surveys an item id or `school`. */
  mapAs?: string;
  /** Every header a file-level note names (the columns kept as extra attributes). */
  columns?: string[];
}

/** `FILE:ROW: column: message`, as the command line prints it. */
export function formatProblem(p: Problem): string {
  const where = p.column ? `${p.column}: ` : '';
  const tag = p.severity === 'warning' ? 'warning: ' : '';
  return `${p.file}:${p.row}: ${where}${tag}${p.message}`;
}
