/** A problem found in an input file, located as a spreadsheet shows it. */
export interface Problem {
  file: string;
  /** Spreadsheet row: the header is row 1. */
  row: number;
  column?: string;
  message: string;
  severity: 'error' | 'warning';
}

/** `FILE:ROW: column: message`, as the command line prints it. */
export function formatProblem(p: Problem): string {
  const where = p.column ? `${p.column}: ` : '';
  const tag = p.severity === 'warning' ? 'warning: ' : '';
  return `${p.file}:${p.row}: ${where}${tag}${p.message}`;
}
