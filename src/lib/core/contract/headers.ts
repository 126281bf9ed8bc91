import { FILES, FILE_KINDS, type ColumnSpec, type FileKind } from './files';
import { headerKey } from './normalize';

export interface HeaderResolution {
  /** Contract column → index of the header that supplies it. */
  columns: Record<string, number>;
  /** Headers the contract does not know, kept as extra attributes. */
  extras: { index: number; header: string }[];
  /** Required columns no header supplies. */
  missing: ColumnSpec[];
  warnings: { header: string; message: string }[];
}

/**
 * Matches a file's headers to the contract's columns. A canonical name beats a synonym; among
 * synonyms the first header wins and the others are kept as extras with a warning. `manual` maps
 * a header (as written) to a column by hand, and beats both.
 */
export function resolveHeaders(
  headers: string[],
  columns: ColumnSpec[],
  manual: Record<string, string> = {}
): HeaderResolution {
  const keys = headers.map(headerKey);
  const manualKeys = new Map(Object.entries(manual).map(([h, c]) => [headerKey(h), c]));
  const result: HeaderResolution = { columns: {}, extras: [], missing: [], warnings: [] };
  const used = new Set<number>();

  for (const column of columns) {
    const byHand = keys.findIndex((k, i) => !used.has(i) && manualKeys.get(k) === column.name);
    const canonical = keys.findIndex((k, i) => !used.has(i) && k === column.name && !manualKeys.has(k));
    const synonymKeys = column.synonyms.map(headerKey);
    const bySynonym = keys
      .map((k, i) => ({ k, i }))
      .filter(({ k, i }) => !used.has(i) && !manualKeys.has(k) && synonymKeys.includes(k))
      .map(({ i }) => i);
    const chosen = byHand >= 0 ? byHand : canonical >= 0 ? canonical : (bySynonym[0] ?? -1);
    if (chosen < 0) {
      if (column.required) result.missing.push(column);
      continue;
    }
    result.columns[column.name] = chosen;
    used.add(chosen);
    for (const other of bySynonym.filter((i) => i !== chosen)) {
      result.warnings.push({
        header: headers[other],
        message: `also matches ${column.name}; "${headers[chosen]}" is used, this column is kept as an extra attribute`
      });
    }
  }
  headers.forEach((header, index) => {
    if (!used.has(index)) result.extras.push({ index, header });
  });
  return result;
}

/**
 * Which input file this is, judged by its headers: the kind whose required columns it supplies
 * best, ties going to the kind with fewer columns left unmatched.
 */
export function detectKind(headers: string[], manual: Record<string, string> = {}): FileKind | undefined {
  let best: { kind: FileKind; score: number } | undefined;
  for (const kind of FILE_KINDS) {
    const spec = FILES[kind];
    const resolution = resolveHeaders(headers, spec.columns, manual);
    if (resolution.missing.length > 0) continue;
    const matched = Object.keys(resolution.columns).length;
    const required = spec.columns.filter((c) => c.required).length;
    const score = required * 10 + matched - resolution.extras.length * 0.1;
    if (!best || score > best.score) best = { kind, score };
  }
  return best?.kind;
}
