/**
 * How values are written in every export (data contract, last section): plain decimals, no
 * separators, `.` as the point, empty where undefined; text that a spreadsheet would run as a
 * formula gets a leading `'`.
 */

/** Decimals are rounded to 6 places, which removes float noise (57.00000000000001 → 57). */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  const rounded = Math.round(value * 1e6) / 1e6;
  if (Object.is(rounded, -0) || rounded === 0) return '0';
  // String() gives the shortest decimal that reads back as this number (no binary tail, which
  // toFixed shows from about 1e9 up); it only uses an exponent from 1e21 up.
  const text = String(rounded);
  return text.includes('e') ? rounded.toLocaleString('en-US', { useGrouping: false }) : text;
}

/** `=SUM(A1)` → `'=SUM(A1)`: no spreadsheet runs text from the data. */
export function escapeFormula(text: string): string {
  return /^[=+\-@]/.test(text) ? `'${text}` : text;
}

/** A cell's text for CSV, XLSX or DOCX: numbers plainly, booleans as true/false, text escaped. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return escapeFormula(String(value));
}
