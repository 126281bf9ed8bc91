/**
 * Runs a scenario in its own DuckDB schema: the inputs with the scenario's changes applied, and
 * the very model SQL files of the baseline run inside it. A view binds to the tables of its own
 * schema, so the same SQL gives the baseline in `main` and the scenario here. The inputs are
 * views over `main`, not copies: copying 10,000 schools' staff and services on every change cost
 * more than the comparison itself (bench/: `npm run bench`). Nor are the views redefined per
 * change: the changes live in small tables the views read.
 */
import { sqlNumber, sqlString } from '../engine/engine';
import type { Change } from './types';

export const SCENARIO_SCHEMA = 'scenario';

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
    fill('staff_changes', of('fte').map((c) => `(NULL, ${sqlString(c.school_id)}, ${sqlString(c.role)}, ${sqlNumber(c.fte)}, MAP())`)),
    fill(
      'added_services',
      of('add_service').map(
        (c, i) =>
          `(${sqlNumber(-(i + 1))}, ${sqlString(c.school_id)}, ${sqlString(c.provider)}, ${sqlString(c.provider_type)}, ${sqlString(c.service)}, ${sqlNumber(c.tier)}, ${sqlNumber(c.capacity)}, NULL, ${c.requires_diagnosis ?? 'NULL'}, 'scenario', ${c.agreement ?? 'NULL'}, MAP())`
      )
    ),
    fill('removed_services', of('remove_service').map((c) => `(${sqlNumber(c.row)})`)),
    fill('screening_changes', [...screening.values()].map((c) => `(NULL, ${sqlString(c.school_id)}, ${sqlNumber(c.tier)}, ${sqlNumber(c.students)}, MAP())`)),
    fill('ratio_changes', [...ratios].map(([role, ratio]) => `(${sqlString(role)}, ${sqlNumber(ratio)})`)),
    fill('rate_changes', [...rates].map(([tier, rate]) => `(${sqlNumber(tier)}, ${sqlNumber(rate)})`))
  ].join('\n');
}
