/**
 * How a staged file's columns become the contract's: the long layout every file has, and the wide
 * staff layout (one FTE column per role, as the CRDC School Support file publishes it). Each
 * layout gives the normalizing SQL and the spec its rows are checked against.
 */
import { CCD_STATUS, CRDC_RESERVE_CODES, INPUT_FILES, WIDE_STAFF, type ColumnSpec, type FileSpec, type InputFileKind } from '../contract/files';
import { resolveHeaders, type HeaderResolution } from '../contract/headers';
import { headerKey } from '../contract/normalize';
import { sqlNumber, sqlString, type Engine } from '../engine/engine';
import type { Problem } from './problems';
import { cellExpr, normalizeSql, numberExpr, type ColumnMappings } from './sql';

export interface Layout {
  resolution: HeaderResolution;
  /** The spec rows are checked against (the wide layout's FTE may be 0, or not reported). */
  spec: FileSpec;
  /** Header keys the layout reads beyond the contract columns (the wide layout's role columns). */
  used: string[];
  normalize(stage: string, target: string, mappings: Record<string, ColumnMappings>): string;
  /** Runs once the normalized table exists: the wide layout's count of not-reported cells. */
  after?: (engine: Engine, norm: string, file: string, keep: (p: Problem) => void) => Promise<void>;
}

/** The wide staff columns a file has: role → header index. */
export function wideStaffColumns(headers: string[]): { role: string; index: number }[] {
  const keys = headers.map(headerKey);
  return WIDE_STAFF.flatMap(({ role, headers: names }) => {
    const index = keys.findIndex((k) => names.includes(k));
    return index >= 0 ? [{ role, index }] : [];
  });
}

/** True where a staff file's headers give the wide layout: a school column and one FTE column per role. */
export function isWideStaff(headers: string[], manual: Record<string, string> = {}): boolean {
  const resolution = resolveHeaders(headers, INPUT_FILES.staff.columns, manual);
  return resolution.columns.role === undefined && resolution.columns.school_id !== undefined && wideStaffColumns(headers).length > 0;
}

/** The header row of a file of this kind: the first of its first records that supplies its columns. */
export function headerMatcher(kind: InputFileKind, manual: Record<string, string> = {}) {
  return (records: string[][]): number => {
    const fits = (record: string[]) => {
      const headers = record.map((h) => (h ?? '').trim());
      if (kind === 'staff' && isWideStaff(headers, manual)) return true;
      const resolution = resolveHeaders(headers, INPUT_FILES[kind].columns, manual);
      // A schools file's enrollment may come from a file of its own: its name and id are enough here.
      const missing = resolution.missing.filter((c) => !(kind === 'schools' && c.name === 'enrollment'));
      return missing.length === 0 && Object.keys(resolution.columns).length >= 2;
    };
    const index = records.findIndex(fits);
    return index >= 0 ? index : 0;
  };
}

/**
 * For a file with a total-row indicator (CCD membership), the columns to stage and the rows to
 * keep; undefined for any other file, which is staged whole.
 */
export function stageColumns(
  headers: string[],
  columns: ColumnSpec[],
  manual: Record<string, string> = {},
  total: { column: string; value: string }
): { columns: number[]; where: string } | undefined {
  const at = headers.findIndex((h) => headerKey(h) === total.column);
  if (at < 0) return undefined;
  const resolution = resolveHeaders(headers, columns, manual);
  const indices = [...new Set([...Object.values(resolution.columns), at])].sort((a, b) => a - b);
  return { columns: indices, where: `trim(c${at}) = ${sqlString(total.value)}` };
}

/** Contract columns optional at the header where another file of the batch supplies them. */
export function resolveLayout(
  kind: InputFileKind,
  headers: string[],
  manual: Record<string, string> = {},
  suppliedElsewhere: string[] = [],
  staged?: Set<number>
): Layout {
  const base = INPUT_FILES[kind];
  const resolution = resolveHeaders(headers, base.columns, manual);
  resolution.missing = resolution.missing.filter((c) => !suppliedElsewhere.includes(c.name));
  if (staged) resolution.extras = resolution.extras.filter((e) => staged.has(e.index));
  if (kind === 'staff' && resolution.columns.role === undefined && resolution.columns.school_id !== undefined) {
    const wide = wideStaffColumns(headers);
    if (wide.length) return wideLayout(resolution, wide, headers);
  }
  const carry =
    kind === 'schools'
      ? CCD_STATUS.columns.flatMap((name, i) => {
          const index = headers.findIndex((h) => headerKey(h) === name);
          return index >= 0 ? [{ name: `_status_${i}`, index }] : [];
        })
      : [];
  return {
    resolution,
    spec: base,
    used: [],
    normalize: (stage, target, mappings) => normalizeSql(base, resolution, stage, target, mappings, carry)
  };
}

/** The wide staff layout's FTE: 0 means none, and a blank or a reserve code means not reported. */
const WIDE_STAFF_SPEC: FileSpec = {
  ...INPUT_FILES.staff,
  columns: INPUT_FILES.staff.columns.map((c) =>
    c.name === 'fte' ? { ...c, required: false, minExclusive: false, description: 'FTE in this role: 0 means none' } : c
  )
};

function wideLayout(resolution: HeaderResolution, wide: { role: string; index: number }[], headers: string[]): Layout {
  const roleColumns = new Set(wide.map((w) => w.index));
  const longResolution: HeaderResolution = {
    ...resolution,
    missing: [],
    extras: resolution.extras.filter((e) => !roleColumns.has(e.index))
  };
  const reserve = CRDC_RESERVE_CODES.map(sqlNumber).join(', ');
  return {
    resolution: longResolution,
    spec: WIDE_STAFF_SPEC,
    used: wide.map((w) => headerKey(headers[w.index])),
    normalize(stage, target, mappings) {
      // One long row per school and role, then the long layout's normalizing as usual.
      const unpivot = wide
        .map(({ role, index }) => {
          const cell = cellExpr(`c${index}`);
          const notReported = `(${cell} IS NULL OR ${numberExpr(cell)} IN (${reserve}))`;
          return `SELECT _row, * EXCLUDE (_row), ${sqlString(role)} AS _role, CASE WHEN ${notReported} THEN NULL ELSE ${cell} END AS _fte, ${notReported} AS _not_reported FROM ${stage}`;
        })
        .join(' UNION ALL ');
      const roleAt = headers.length;
      const long: HeaderResolution = { ...longResolution, columns: { ...longResolution.columns, role: roleAt, fte: roleAt + 1 } };
      const renamed = `(SELECT * EXCLUDE (_role, _fte, _not_reported), _role AS c${roleAt}, _fte AS c${roleAt + 1}, _not_reported FROM (${unpivot}))`;
      return normalizeSql(WIDE_STAFF_SPEC, long, renamed, target, mappings, [], ['_not_reported']);
    },
    async after(engine, norm, file, keep) {
      const [{ cells, schools, first }] = await engine.query<{ cells: number; schools: number; first: number | null }>(
        `SELECT count(*)::INTEGER AS cells, count(DISTINCT school_id)::INTEGER AS schools, min(_row) AS first FROM ${norm} WHERE _not_reported`
      );
      if (cells) {
        keep({
          file,
          row: first ?? 1,
          column: 'fte',
          message: `${cells} FTE ${cells === 1 ? 'cell is' : 'cells are'} not reported (blank or a CRDC reserve code such as -9) at ${schools} ${schools === 1 ? 'school' : 'schools'}: shown as not reported, and left out of the district's ratios`,
          severity: 'warning'
        });
      }
    }
  };
}
