/**
 * What a load leaves out, and what the files in parts fill in: schools whose CCD status is
 * closed, inactive or future; the schools of other districts in a state file; the rows the
 * mappings leave out; and the enrollment and coordinates of separate files. Each is one SQL pass
 * over a normalized table and at most one warning, never one per row.
 */
import { CCD_STATUS, partColumns, type PartKind } from '../contract/files';
import { sqlString, type Engine } from '../engine/engine';
import type { Problem } from './problems';
import { ROWS_TEXT_SQL } from './sql';

export interface LeftOut {
  /** Temp table (school_id, reason) of the schools the filters left out. */
  table: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** The status columns carried by the schools layout, as `_status_0`, `_status_1`. */
async function statusColumns(engine: Engine, norm: string): Promise<string[]> {
  const columns = await engine.query<{ column_name: string }>(`SELECT column_name FROM (DESCRIBE ${norm}) WHERE column_name LIKE '\\_status\\_%' ESCAPE '\\'`);
  return columns.map((c) => c.column_name);
}

/**
 * Leaves out, from a normalized schools table, the schools whose CCD status says they are not
 * open, and (with `district`) those of other districts. Status comes first.
 */
export async function filterSchools(
  engine: Engine,
  norm: string,
  file: string,
  district: string | undefined,
  report: (p: Problem) => void,
  keep: (p: Problem) => void
): Promise<LeftOut> {
  const table = 'schools_left_out_now';
  await engine.exec(`CREATE OR REPLACE TEMP TABLE ${table} (school_id VARCHAR, reason VARCHAR)`);
  const status = await statusColumns(engine, norm);
  if (status.length) {
    const leftOut = CCD_STATUS.leftOut.map((s) => sqlString(s.toLowerCase())).join(', ');
    const statusOf = `coalesce(${status.map((c) => `CASE WHEN lower(${c}) IN (${leftOut}) THEN ${c} END`).join(', ')})`;
    const rows = await engine.query<{ status: string; n: number; row: number }>(
      `SELECT arg_min(${statusOf}, _row) AS status, count(*)::INTEGER AS n, min(_row) AS row FROM ${norm} WHERE ${statusOf} IS NOT NULL GROUP BY lower(${statusOf}) ORDER BY row`
    );
    if (rows.length) {
      const total = rows.reduce((sum, r) => sum + r.n, 0);
      await engine.exec(`INSERT INTO ${table} SELECT school_id, 'status ' || ${statusOf} FROM ${norm} WHERE ${statusOf} IS NOT NULL AND school_id IS NOT NULL;
        DELETE FROM ${norm} WHERE ${statusOf} IS NOT NULL`);
      keep({
        file,
        row: rows[0].row,
        message: `${plural(total, 'school')} left out for their CCD status (${rows.map((r) => `${r.status}: ${r.n}`).join(', ')})`,
        severity: 'warning'
      });
    }
  }
  if (district !== undefined) {
    const wanted = sqlString(district.trim());
    const [{ given, matching }] = await engine.query<{ given: number; matching: number }>(
      `SELECT count(district_id)::INTEGER AS given, count(*) FILTER (WHERE district_id = ${wanted})::INTEGER AS matching FROM ${norm}`
    );
    if (!given) {
      report({ file, row: 1, column: 'district_id', message: `has no district column (LEAID, district_id, …), so district "${district}" cannot be chosen in it`, severity: 'error' });
    } else if (!matching) {
      const districts = await districtsIn(engine, norm);
      const listed = districts.slice(0, 6).map((d) => `${d.district_id}${d.district_name ? ` ${d.district_name}` : ''} (${plural(d.schools, 'school')})`);
      const more = districts.length > 6 ? `, and ${districts.length - 6} more` : '';
      report({ file, row: 1, column: 'district_id', message: `no school is in district "${district}"; the file's districts are ${listed.join(', ')}${more}`, severity: 'error' });
    } else {
      const [{ others, first }] = await engine.query<{ others: number; first: number | null }>(
        `SELECT count(*)::INTEGER AS others, min(_row) AS first FROM ${norm} WHERE district_id IS DISTINCT FROM ${wanted}`
      );
      if (others) {
        await engine.exec(`INSERT INTO ${table} SELECT school_id, 'district ' || coalesce(district_id, '(none)') FROM ${norm} WHERE district_id IS DISTINCT FROM ${wanted} AND school_id IS NOT NULL;
          DELETE FROM ${norm} WHERE district_id IS DISTINCT FROM ${wanted}`);
        keep({ file, row: first ?? 1, message: `${plural(others, 'school')} of other districts left out: district ${district} is kept (${plural(matching, 'school')})`, severity: 'warning' });
      }
    }
  }
  return { table };
}

export interface DistrictCount {
  district_id: string;
  district_name: string | null;
  schools: number;
}

/** The districts of a normalized schools table, largest first. */
export function districtsIn(engine: Engine, norm: string): Promise<DistrictCount[]> {
  return engine.query<DistrictCount>(
    `SELECT district_id, any_value(district_name) AS district_name, count(*)::INTEGER AS schools FROM ${norm}
     WHERE district_id IS NOT NULL GROUP BY district_id ORDER BY schools DESC, district_id`
  );
}

/** Rows of another file for schools the filters left out are ignored, and counted in one warning. */
export async function ignoreRowsOfSchoolsLeftOut(engine: Engine, norm: string, file: string, leftOut: string | undefined, keep: (p: Problem) => void): Promise<void> {
  if (!leftOut) return;
  const where = `school_id IN (SELECT school_id FROM ${leftOut})`;
  // Rows of the file, not of the table: the wide staff layout holds one per school and role.
  const [{ n, first }] = await engine.query<{ n: number; first: number | null }>(`SELECT count(DISTINCT _row)::INTEGER AS n, min(_row) AS first FROM ${norm} WHERE ${where}`);
  if (!n) return;
  await engine.exec(`DELETE FROM ${norm} WHERE ${where}`);
  keep({ file, row: first ?? 1, message: `${plural(n, 'row')} for schools left out (closed, inactive, future, or of another district) ignored`, severity: 'warning' });
}

/** Rows the mappings leave out (a roster's teachers): one warning per column and value. */
export async function leaveOutMapped(engine: Engine, norm: string, file: string, keep: (p: Problem) => void): Promise<void> {
  const rows = await engine.query<{ column: string; value: string; row: number; text: string }>(
    `SELECT _left_out_column AS column, arg_min(_left_out_value, _row) AS value, min(_row) AS row, ${ROWS_TEXT_SQL} AS text
     FROM ${norm} WHERE _left_out_column IS NOT NULL GROUP BY _left_out_column, lower(_left_out_value) ORDER BY row`
  );
  if (!rows.length) return;
  await engine.exec(`DELETE FROM ${norm} WHERE _left_out_column IS NOT NULL`);
  for (const r of rows) {
    keep({ file, row: r.row, column: r.column, message: `"${r.value}" left out, as the mappings say ${r.text}`, severity: 'warning' });
  }
}

/**
 * Fills a normalized schools table's columns from a part file by school_id: where both give a
 * different value, the part's is used (one warning counts them). The part's rows for schools not
 * in the schools file are ignored.
 */
export async function fillFromParts(engine: Engine, schools: string, part: string, kind: PartKind, file: string, keep: (p: Problem) => void): Promise<void> {
  const columns = partColumns(kind);
  const given = columns.map((c) => `p.${c} IS NOT NULL`).join(' AND ');
  const differs = columns.map((c) => `(s.${c} IS NOT NULL AND s.${c} <> p.${c})`).join(' OR ');
  const [{ outside, differing, first, example }] = await engine.query<{ outside: number; differing: number; first: number | null; example: string | null }>(
    `SELECT (SELECT count(*)::INTEGER FROM ${part} WHERE school_id NOT IN (SELECT school_id FROM ${schools} WHERE school_id IS NOT NULL)) AS outside,
            count(*) FILTER (WHERE ${differs})::INTEGER AS differing,
            min(p._row) FILTER (WHERE ${differs}) AS first,
            arg_min(s.school_id || ': ' || ${columns.map((c) => `s.${c}`).join(` || ', ' || `)} || ' → ' || ${columns.map((c) => `p.${c}`).join(` || ', ' || `)}, p._row) FILTER (WHERE ${differs}) AS example
     FROM ${schools} s JOIN ${part} p USING (school_id) WHERE ${given}`
  );
  const sets = columns.flatMap((c) => [`${c} = p.${c}`, `"raw:${c}" = p."raw:${c}"`]).join(', ');
  await engine.exec(`UPDATE ${schools} s SET ${sets} FROM ${part} p WHERE p.school_id = s.school_id AND ${given}`);
  if (differing) {
    const one = differing === 1 && columns.length === 1;
    keep({
      file,
      row: first ?? 1,
      message: `the ${columns.join(' and ')} of ${plural(differing, 'school')} ${one ? 'differs' : 'differ'} from the schools file's; this file's ${one ? 'is' : 'are'} used (first: ${example})`,
      severity: 'warning'
    });
  }
  if (outside) keep({ file, row: 1, message: `${plural(outside, 'row')} for schools not in the schools file ignored`, severity: 'warning' });
}
