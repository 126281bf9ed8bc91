/**
 * What the scenario and plan forms ask of the loaded data (the `main` schema, the baseline),
 * and the one figure they read from the scenario schema.
 */
import { sqlNumber, sqlString, type Engine } from '../engine/engine';
import { SCENARIO_SCHEMA } from './scenario';


export interface LoadedService {
  row: number;
  provider: string;
  provider_type: string;
  service: string;
  tier: number;
  capacity: number;
}

/** A school's own services ('*': the district-wide ones), each with its row in the services file. */
export function loadedServices(engine: Engine, schoolId: string): Promise<LoadedService[]> {
  return engine.query(`
    SELECT _row AS row, provider, provider_type, service, tier, capacity FROM main.services
    WHERE school_id = ${sqlString(schoolId)} ORDER BY tier, provider, service, _row`);
}

/** Providers already in the data, for the add-a-service form's suggestions. */
export async function providerNames(engine: Engine): Promise<string[]> {
  const rows = await engine.query<{ provider: string }>('SELECT DISTINCT provider FROM main.services ORDER BY provider');
  return rows.map((r) => r.provider);
}

/** FTE by school and role as loaded, keyed `school_id|role`. */
export async function loadedFte(engine: Engine): Promise<Map<string, number>> {
  const rows = await engine.query<{ key: string; fte: number }>(
    `SELECT school_id || '|' || role AS key, sum(fte) AS fte FROM main.staff GROUP BY ALL`
  );
  return new Map(rows.map((r) => [r.key, r.fte]));
}

export interface SchoolTierFigures {
  enrollment: number;
  screened: number | null;
  need: number;
  capacity: number;
  gap: number;
  coverage: number | null;
}

/** One school's figures for one tier in the baseline, with the screening count if one is loaded. */
export async function baselineFigures(engine: Engine, schoolId: string, tier: number): Promise<SchoolTierFigures | undefined> {
  const [row] = await engine.query<SchoolTierFigures>(`
    SELECT s.enrollment, (SELECT sum(students) FROM main.needs n WHERE n.school_id = g.school_id AND n.tier = g.tier) AS screened,
           g.need, g.capacity, g.gap, g.coverage
    FROM main.tier_gaps g JOIN main.schools s USING (school_id)
    WHERE g.school_id = ${sqlString(schoolId)} AND g.tier = ${sqlNumber(tier)}`);
  return row;
}

/** The same school and tier in the scenario as built last; run only after the scenario is applied. */
export async function scenarioFigures(engine: Engine, schoolId: string, tier: number, schema = SCENARIO_SCHEMA) {
  const [row] = await engine.query<{ need: number; capacity: number; gap: number }>(`
    SELECT need, capacity, gap FROM ${schema}.tier_gaps
    WHERE school_id = ${sqlString(schoolId)} AND tier = ${sqlNumber(tier)}`);
  return row;
}

export interface TierGap {
  need: number;
  capacity: number;
  gap: number;
  coverage: number | null;
}

/** Every school's gap by tier in the loaded data, keyed `school_id|tier`, for the plan. */
export async function tierGapsByKey(engine: Engine): Promise<Map<string, TierGap>> {
  const rows = await engine.query<TierGap & { key: string }>(
    `SELECT school_id || '|' || tier AS key, need, capacity, gap, coverage FROM main.tier_gaps`
  );
  return new Map(rows.map(({ key, ...gap }) => [key, gap]));
}

/** Loaded services by their row, with the school's name, to check a scenario's removals still fit. */
export async function servicesByRow(engine: Engine, rows: number[]) {
  if (rows.length === 0) return new Map<number, LoadedService & { school_id: string; school_name: string | null }>();
  const found = await engine.query<LoadedService & { school_id: string; school_name: string | null }>(`
    SELECT v._row AS row, v.school_id, s.school_name, v.provider, v.provider_type, v.service, v.tier, v.capacity
    FROM main.services v LEFT JOIN main.schools s USING (school_id)
    WHERE v._row IN (${rows.map(sqlNumber).join(', ')})`);
  return new Map(found.map((r) => [r.row, r]));
}
