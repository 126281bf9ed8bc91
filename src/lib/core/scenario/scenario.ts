/**
 * Runs a scenario in its own DuckDB schema: the inputs with the scenario's changes applied, and
 * the very model SQL files of the baseline run inside it. A view binds to the tables of its own
 * schema, so the same SQL gives the baseline in `main` and the scenario here. The inputs are
 * views over `main`, not copies: copying 10,000 schools' staff and services on every change cost
 * more than the comparison itself (bench/: `npm run bench`). Nor are the views redefined per
 * change: the changes live in small tables the views read.
 */
import { ROLES } from '../contract/vocabulary';
import { sqlString, type Engine, type PreparedQuery } from '../engine/engine';
import { MODEL_SQL } from '../model/model';
import type { Change, Scenario, StaffingComparison, TierComparison } from './types';

export const SCENARIO_SCHEMA = 'scenario';

const num = (n: number) => (Number.isFinite(n) ? String(n) : 'NULL');

/**
 * The scenario's inputs: views over `main` plus small tables of the changes. The views are
 * defined once; a change only rewrites the change tables, so DuckDB binds the same views again
 * rather than new ones.
 */
export function scenarioInputsSql(schema = SCENARIO_SCHEMA): string {
  return `
    CREATE SCHEMA IF NOT EXISTS ${schema};
    CREATE OR REPLACE TABLE ${schema}.staff_changes AS SELECT * FROM main.staff LIMIT 0;
    CREATE OR REPLACE TABLE ${schema}.added_services AS SELECT * FROM main.services LIMIT 0;
    CREATE OR REPLACE TABLE ${schema}.removed_services (row INTEGER);
    CREATE OR REPLACE TABLE ${schema}.screening_changes AS SELECT * FROM main.needs LIMIT 0;
    CREATE OR REPLACE TABLE ${schema}.ratio_changes (role VARCHAR, ratio DOUBLE);
    CREATE OR REPLACE TABLE ${schema}.rate_changes (tier INTEGER, rate DOUBLE);
    CREATE OR REPLACE TABLE ${schema}.baseline_tier_gaps AS SELECT * FROM main.tier_gaps LIMIT 0;
    CREATE OR REPLACE TABLE ${schema}.baseline_district_tiers AS SELECT * FROM main.district_tiers LIMIT 0;
    CREATE OR REPLACE TABLE ${schema}.baseline_staffing AS SELECT * FROM main.staffing LIMIT 0;
    CREATE OR REPLACE VIEW ${schema}.schools AS SELECT * FROM main.schools;
    CREATE OR REPLACE VIEW ${schema}.staff AS SELECT * FROM main.staff UNION ALL SELECT * FROM ${schema}.staff_changes;
    CREATE OR REPLACE VIEW ${schema}.services AS
      SELECT * FROM main.services WHERE _row NOT IN (SELECT row FROM ${schema}.removed_services)
      UNION ALL SELECT * FROM ${schema}.added_services;
    CREATE OR REPLACE VIEW ${schema}.needs AS
      SELECT * FROM main.needs n WHERE NOT EXISTS (SELECT 1 FROM ${schema}.screening_changes c WHERE c.school_id = n.school_id AND c.tier = n.tier)
      UNION ALL SELECT * FROM ${schema}.screening_changes;
    CREATE OR REPLACE VIEW ${schema}.settings_role_ratio AS
      SELECT r.role, r.role_order, CASE WHEN c.role IS NULL THEN r.ratio ELSE c.ratio END AS ratio
      FROM main.settings_role_ratio r LEFT JOIN ${schema}.ratio_changes c USING (role);
    CREATE OR REPLACE VIEW ${schema}.settings_tier_rate AS
      SELECT r.tier, CASE WHEN c.tier IS NULL THEN r.rate ELSE c.rate END AS rate
      FROM main.settings_tier_rate r LEFT JOIN ${schema}.rate_changes c USING (tier);`;
}

/** The statements that fill the change tables with `changes` (the last ratio, rate or screening count of a kind wins). */
export function scenarioChangesSql(changes: Change[], schema = SCENARIO_SCHEMA): string {
  const of = <T extends Change['type']>(type: T) => changes.filter((c): c is Extract<Change, { type: T }> => c.type === type);
  const fill = (table: string, rows: string[]) =>
    `DELETE FROM ${schema}.${table};${rows.length ? ` INSERT INTO ${schema}.${table} VALUES ${rows.join(', ')};` : ''}`;
  const screening = new Map(of('screening').map((c) => [`${c.school_id}\u0000${c.tier}`, c]));
  const ratios = new Map(of('ratio').map((c) => [c.role, c.ratio]));
  const rates = new Map(of('tier_rate').map((c) => [c.tier, c.rate]));
  return [
    fill('staff_changes', of('fte').map((c) => `(NULL, ${sqlString(c.school_id)}, ${sqlString(c.role)}, ${num(c.fte)}, MAP())`)),
    fill(
      'added_services',
      of('add_service').map(
        (c, i) =>
          `(${-(i + 1)}, ${sqlString(c.school_id)}, ${sqlString(c.provider)}, ${sqlString(c.provider_type)}, ${sqlString(c.service)}, ${c.tier}, ${c.capacity}, NULL, ${c.requires_diagnosis ?? 'NULL'}, 'scenario', ${c.agreement ?? 'NULL'}, MAP())`
      )
    ),
    fill('removed_services', of('remove_service').map((c) => `(${c.row})`)),
    fill('screening_changes', [...screening.values()].map((c) => `(NULL, ${sqlString(c.school_id)}, ${c.tier}, ${c.students}, MAP())`)),
    fill('ratio_changes', [...ratios].map(([role, ratio]) => `(${sqlString(role)}, ${num(ratio)})`)),
    fill('rate_changes', [...rates].map(([tier, rate]) => `(${tier}, ${num(rate)})`))
  ].join('\n');
}

/** Schemas whose views exist, by engine: asking the catalog on every change costs a query. */
const built = new WeakMap<Engine, Set<string>>();
/** The state of `main` each schema's baseline copy was taken from, by engine. */
const baselineOf = new WeakMap<Engine, Map<string, string>>();

/**
 * What the baseline's figures depend on, in one cheap row: the files loaded, the settings the
 * model reads, and a sum of hashes of the rows the model reads (so even a direct edit of a table
 * is seen).
 */
const BASELINE_STATE = `SELECT concat_ws('|',
  (SELECT string_agg(concat_ws(',', kind, file_name, rows, loaded_at), ';' ORDER BY kind) FROM main.input_files),
  (SELECT string_agg(concat_ws(',', role, ratio), ';' ORDER BY role) FROM main.settings_role_ratio),
  (SELECT string_agg(concat_ws(',', tier, rate), ';' ORDER BY tier) FROM main.settings_tier_rate),
  (SELECT sum(hash(school_id, enrollment)) FROM main.schools),
  (SELECT sum(hash(school_id, role, fte)) FROM main.staff),
  (SELECT sum(hash(_row, school_id, tier, capacity)) FROM main.services),
  (SELECT sum(hash(school_id, tier, students)) FROM main.needs)) AS state`;

/**
 * Builds the scenario schema on first use (its inputs and the model's views), then fills in the
 * changes. The baseline's figures are copied into the schema whenever `main` has changed since
 * the last copy: each change then computes the scenario alone, not the unchanged baseline again.
 */
export async function applyScenario(engine: Engine, scenario: Pick<Scenario, 'changes'>, schema = SCENARIO_SCHEMA): Promise<void> {
  const schemas = built.get(engine) ?? new Set<string>();
  if (!schemas.has(schema)) {
    await engine.exec(`${scenarioInputsSql(schema)} USE ${schema}; ${MODEL_SQL.district.join('\n')}; USE main;`);
    built.set(engine, schemas.add(schema));
  }
  const copies = baselineOf.get(engine) ?? new Map<string, string>();
  const [{ state }] = await engine.query<{ state: string }>(BASELINE_STATE);
  if (copies.get(schema) !== state) {
    // Rows replaced, not tables: the comparisons' prepared plans stay valid.
    await engine.exec(`DELETE FROM ${schema}.baseline_tier_gaps; INSERT INTO ${schema}.baseline_tier_gaps SELECT * FROM main.tier_gaps;
      DELETE FROM ${schema}.baseline_district_tiers; INSERT INTO ${schema}.baseline_district_tiers SELECT * FROM main.district_tiers;
      DELETE FROM ${schema}.baseline_staffing; INSERT INTO ${schema}.baseline_staffing SELECT * FROM main.staffing;`);
    baselineOf.set(engine, copies.set(schema, state));
  }
  await engine.exec(scenarioChangesSql(scenario.changes, schema));
}

/** Problems that make a scenario impossible (removing more FTE than a school has, unknown schools). */
export async function checkScenario(engine: Engine, changes: Change[]): Promise<string[]> {
  const problems: string[] = [];
  const schools = new Set((await engine.query<{ school_id: string }>('SELECT school_id FROM main.schools')).map((r) => r.school_id));
  const fte = new Map<string, number>();
  for (const r of await engine.query<{ key: string; fte: number }>(`SELECT school_id || '|' || role AS key, sum(fte) AS fte FROM main.staff GROUP BY ALL`)) {
    fte.set(r.key, r.fte);
  }
  const serviceRows = new Set((await engine.query<{ row: number }>('SELECT _row AS row FROM main.services')).map((r) => r.row));
  changes.forEach((c, i) => {
    const where = `change ${i + 1}`;
    // '*' (every school) is a district-wide service's; FTE and screening counts belong to one school.
    const everyone = c.type === 'add_service' && 'school_id' in c && c.school_id === '*';
    if ('school_id' in c && !everyone && !schools.has(c.school_id)) problems.push(`${where}: school "${c.school_id}" is not loaded`);
    if (c.type === 'remove_service' && !serviceRows.has(c.row)) problems.push(`${where}: the service to remove (${c.label}) is no longer in the loaded services file`);
    if ((c.type === 'fte' || c.type === 'ratio') && !ROLES.some((r) => r.role === c.role)) problems.push(`${where}: "${c.role}" is not a role`);
    if (c.type === 'fte') {
      const key = `${c.school_id}|${c.role}`;
      const after = (fte.get(key) ?? 0) + c.fte;
      if (after < -1e-9) problems.push(`${where}: ${c.school_id} would have ${Math.round(after * 100) / 100} FTE of ${c.role}`);
      fte.set(key, after);
    }
  });
  return problems;
}

/** Prepared comparisons, by engine and SQL: each change runs them again, planned once. */
const preparedOf = new WeakMap<Engine, Map<string, Promise<PreparedQuery>>>();

function runPrepared<T>(engine: Engine, sql: string): Promise<T[]> {
  const statements = preparedOf.get(engine) ?? new Map<string, Promise<PreparedQuery>>();
  preparedOf.set(engine, statements);
  let statement = statements.get(sql);
  if (!statement) {
    statement = engine.prepare(sql);
    statements.set(sql, statement);
    statement.catch(() => statements.delete(sql));
  }
  return statement.then((s) => s.query() as Promise<T[]>);
}

export function compareTiers(engine: Engine, schema = SCENARIO_SCHEMA): Promise<TierComparison[]> {
  return runPrepared(engine, `
    SELECT b.tier, b.need, b.capacity, b.gap, b.coverage,
           s.need AS scenario_need, s.capacity AS scenario_capacity, s.gap AS scenario_gap, s.coverage AS scenario_coverage
    FROM ${schema}.baseline_district_tiers b JOIN ${schema}.district_tiers s USING (tier) ORDER BY tier`);
}

/** Salaries per role (annual cost of one FTE); a role without one has no cost figure. */
export async function compareStaffing(engine: Engine, salaries: Record<string, number | undefined> = {}, schema = SCENARIO_SCHEMA): Promise<StaffingComparison[]> {
  const rows = await runPrepared<Omit<StaffingComparison, 'cost'>>(engine, `
    SELECT b.role, sum(b.fte) AS fte, sum(s.fte) AS scenario_fte,
           count(*) FILTER (WHERE b.fte_gap = 0) AS schools_meeting,
           count(*) FILTER (WHERE s.fte_gap = 0) AS scenario_schools_meeting
    FROM ${schema}.baseline_staffing b JOIN ${schema}.staffing s USING (school_id, role)
    GROUP BY b.role, b.role_order ORDER BY b.role_order`);
  return rows.map((r) => {
    const perFte = salaries[r.role];
    return { ...r, cost: perFte === undefined ? null : (r.scenario_fte - r.fte) * perFte };
  });
}

/** Schools whose gap changes in the scenario, largest change first. */
export function schoolChanges(engine: Engine, tier: number, schema = SCENARIO_SCHEMA) {
  return runPrepared<{ school_id: string; school_name: string; gap: number; scenario_gap: number; coverage: number | null; scenario_coverage: number | null }>(engine, `
    SELECT b.school_id, b.school_name, b.gap, s.gap AS scenario_gap, b.coverage, s.coverage AS scenario_coverage
    FROM ${schema}.baseline_tier_gaps b JOIN ${schema}.tier_gaps s USING (school_id, tier)
    WHERE b.tier = ${Number(tier)} AND abs(b.gap - s.gap) > 1e-9
    ORDER BY abs(b.gap - s.gap) DESC, b.school_order`);
}
