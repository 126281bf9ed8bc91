/**
 * Runs a scenario in its own DuckDB schema: the inputs with the scenario's changes applied, and
 * the very model SQL files of the baseline run inside it. A view binds to the tables of its own
 * schema, so the same SQL gives the baseline in `main` and the scenario here. The inputs are
 * views over `main`, not copies: copying 10,000 schools' staff and services on every change cost
 * more than the comparison itself (bench/: `npm run bench`).
 */
import { ROLES } from '../contract/vocabulary';
import { sqlString, type Engine } from '../engine/engine';
import { MODEL_SQL } from '../model/model';
import type { Change, Scenario, StaffingComparison, TierComparison } from './types';

export const SCENARIO_SCHEMA = 'scenario';

const num = (n: number) => (Number.isFinite(n) ? String(n) : 'NULL');

/** The statements that define the scenario's inputs as the baseline plus its changes. */
export function scenarioInputsSql(changes: Change[], schema = SCENARIO_SCHEMA): string {
  const of = <T extends Change['type']>(type: T) => changes.filter((c): c is Extract<Change, { type: T }> => c.type === type);

  const fteRows = of('fte').map((c) => `(NULL, ${sqlString(c.school_id)}, ${sqlString(c.role)}, ${num(c.fte)}, MAP())`);
  const added = of('add_service').map(
    (c, i) =>
      `(${-(i + 1)}, ${sqlString(c.school_id)}, ${sqlString(c.provider)}, ${sqlString(c.provider_type)}, ${sqlString(c.service)}, ${c.tier}, ${c.capacity}, NULL, ${c.requires_diagnosis ?? 'NULL'}, 'scenario', ${c.agreement ?? 'NULL'}, MAP())`
  );
  const removed = of('remove_service').map((c) => c.row);
  // The last screening change for a school and tier wins.
  const screening = new Map(of('screening').map((c) => [`${c.school_id}\u0000${c.tier}`, c]));
  const screeningRows = [...screening.values()].map((c) => `(NULL, ${sqlString(c.school_id)}, ${c.tier}, ${c.students}, MAP())`);
  const ratios = new Map(of('ratio').map((c) => [c.role, c.ratio]));
  const rates = new Map(of('tier_rate').map((c) => [c.tier, c.rate]));
  const values = (rows: string[]) => (rows.length ? ` UNION ALL SELECT * FROM (VALUES ${rows.join(', ')})` : '');

  return `
    CREATE SCHEMA IF NOT EXISTS ${schema};
    CREATE OR REPLACE VIEW ${schema}.schools AS SELECT * FROM main.schools;
    CREATE OR REPLACE VIEW ${schema}.staff AS SELECT * FROM main.staff${values(fteRows)};
    CREATE OR REPLACE VIEW ${schema}.services AS SELECT * FROM main.services
      ${removed.length ? `WHERE _row NOT IN (${removed.join(', ')})` : ''}${values(added)};
    CREATE OR REPLACE VIEW ${schema}.needs AS SELECT * FROM main.needs
      ${screeningRows.length ? `WHERE (school_id, tier) NOT IN (SELECT (s, t) FROM (VALUES ${[...screening.values()].map((c) => `(${sqlString(c.school_id)}, ${c.tier})`).join(', ')}) v(s, t))` : ''}${values(screeningRows)};
    CREATE OR REPLACE VIEW ${schema}.settings_role_ratio AS
      SELECT role, role_order, ${replaced('role', 'ratio', [...ratios].map(([r, v]) => [sqlString(r), num(v)]))} AS ratio
      FROM main.settings_role_ratio;
    CREATE OR REPLACE VIEW ${schema}.settings_tier_rate AS
      SELECT tier, ${replaced('tier', 'rate', [...rates].map(([t, v]) => [String(t), num(v)]))} AS rate
      FROM main.settings_tier_rate;`;
}

/** `column`'s value, replaced where `key` matches one of `cases`. */
function replaced(key: string, column: string, cases: [string, string][]): string {
  if (cases.length === 0) return column;
  return `CASE ${key} ${cases.map(([k, v]) => `WHEN ${k} THEN ${v}`).join(' ')} ELSE ${column} END`;
}

/** Schemas whose model views exist, by engine: asking the catalog on every change costs a query. */
const built = new WeakMap<Engine, Set<string>>();

/** Builds (or rebuilds) the scenario schema with the model's views inside it. */
export async function applyScenario(engine: Engine, scenario: Pick<Scenario, 'changes'>, schema = SCENARIO_SCHEMA): Promise<void> {
  await engine.exec(scenarioInputsSql(scenario.changes, schema));
  const schemas = built.get(engine) ?? new Set<string>();
  if (!schemas.has(schema)) {
    await engine.exec(`USE ${schema}; ${MODEL_SQL.district.join('\n')}; USE main;`);
    built.set(engine, schemas.add(schema));
  }
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

export function compareTiers(engine: Engine, schema = SCENARIO_SCHEMA): Promise<TierComparison[]> {
  return engine.query(`
    SELECT b.tier, b.need, b.capacity, b.gap, b.coverage,
           s.need AS scenario_need, s.capacity AS scenario_capacity, s.gap AS scenario_gap, s.coverage AS scenario_coverage
    FROM main.district_tiers b JOIN ${schema}.district_tiers s USING (tier) ORDER BY tier`);
}

/** Salaries per role (annual cost of one FTE); a role without one has no cost figure. */
export function compareStaffing(engine: Engine, salaries: Record<string, number | undefined> = {}, schema = SCENARIO_SCHEMA): Promise<StaffingComparison[]> {
  const salary = ROLES.map((r) => `(${sqlString(r.role)}, ${salaries[r.role] ?? 'NULL'}::DOUBLE)`).join(', ');
  return engine.query<StaffingComparison>(`
    WITH salary(role, per_fte) AS (VALUES ${salary})
    SELECT b.role, sum(b.fte) AS fte, sum(s.fte) AS scenario_fte,
           count(*) FILTER (WHERE b.fte_gap = 0) AS schools_meeting,
           count(*) FILTER (WHERE s.fte_gap = 0) AS scenario_schools_meeting,
           (sum(s.fte) - sum(b.fte)) * any_value(salary.per_fte) AS cost
    FROM main.staffing b JOIN ${schema}.staffing s USING (school_id, role)
    JOIN salary USING (role)
    GROUP BY b.role, b.role_order ORDER BY b.role_order`);
}

/** Schools whose gap changes in the scenario, largest change first. */
export function schoolChanges(engine: Engine, tier: number, schema = SCENARIO_SCHEMA) {
  return engine.query<{ school_id: string; school_name: string; gap: number; scenario_gap: number; coverage: number | null; scenario_coverage: number | null }>(`
    SELECT b.school_id, b.school_name, b.gap, s.gap AS scenario_gap, b.coverage, s.coverage AS scenario_coverage
    FROM main.tier_gaps b JOIN ${schema}.tier_gaps s USING (school_id, tier)
    WHERE b.tier = ${Number(tier)} AND abs(b.gap - s.gap) > 1e-9
    ORDER BY abs(b.gap - s.gap) DESC, b.school_order`);
}
