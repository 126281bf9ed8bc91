import { cellText } from './format';

function field(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV with a header row, values written as the contract says. */
export function toCsv<T extends object>(rows: T[], columns: readonly (keyof T & string)[]): string {
  const lines = [columns.map(field).join(',')];
  for (const row of rows) lines.push(columns.map((c) => field(cellText(row[c]))).join(','));
  return lines.join('\n') + '\n';
}
