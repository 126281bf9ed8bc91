import { DEFAULT_SETTINGS, type Settings } from '../contract/settings';
import type { Engine } from '../engine/engine';
import { schemaSql } from '../import/schema';
import { surveySchemaSql } from '../survey/schema';
import { SURVEY_WITHHELD_SQL } from '../survey/suppression';
import { tierGapsSelect } from './gaps';
import { applySettings } from './settings';
import staffingSql from './staffing.sql?raw';
import surveySummarySql from './survey_summary.sql?raw';
import districtSql from './district.sql?raw';

/** The model's SQL files: the district views (also run inside a scenario's schema) and the survey's. */
export const MODEL_SQL = {
  district: [`CREATE OR REPLACE VIEW tier_gaps AS ${tierGapsSelect()};`, staffingSql, districtSql],
  survey: [SURVEY_WITHHELD_SQL, surveySummarySql]
};

/** Creates the tables and the model's views: run once after the engine opens. */
export async function prepareModel(engine: Engine, settings: Settings = DEFAULT_SETTINGS): Promise<void> {
  await engine.exec(schemaSql());
  await engine.exec(surveySchemaSql());
  await applySettings(engine, settings);
  for (const sql of [...MODEL_SQL.district, ...MODEL_SQL.survey]) await engine.exec(sql);
}

export interface TierGap {
  school_id: string;
  school_name: string;
  tier: number;
  need: number;
  capacity: number;
  gap: number;
  coverage: number | null;
  /** The gap is at least one student once rounded: the one rule every count of "schools with a gap" uses. */
  has_gap: boolean;
}

export interface Staffing {
  school_id: string;
  school_name: string;
  role: string;
  /** null where not reported (a CRDC reserve code), as are students_per_fte, fte_gap and below_standard. */
  fte: number | null;
  students_per_fte: number | null;
  recommended_ratio: number;
  fte_needed: number;
  fte_gap: number | null;
  /** Any FTE short of the recommended ratio. */
  below_standard: boolean | null;
  reported: boolean;
}

export interface SurveySummary {
  school_id: string;
  school_name: string;
  construct: string;
  n: number;
  pct_favorable: number | null;
  mean: number | null;
  suppressed: boolean;
}

export const TIER_GAP_COLUMNS = ['school_id', 'school_name', 'tier', 'need', 'capacity', 'gap', 'coverage'] as const;
export const STAFFING_COLUMNS = [
  'school_id',
  'school_name',
  'role',
  'fte',
  'students_per_fte',
  'recommended_ratio',
  'fte_needed',
  'fte_gap'
] as const;
export const SURVEY_SUMMARY_COLUMNS = ['school_id', 'school_name', 'construct', 'n', 'pct_favorable', 'mean', 'suppressed'] as const;

export function tierGaps(engine: Engine): Promise<TierGap[]> {
  return engine.query(`SELECT ${TIER_GAP_COLUMNS.join(', ')}, has_gap FROM tier_gaps ORDER BY school_order, tier`);
}

export function staffing(engine: Engine): Promise<Staffing[]> {
  return engine.query(`SELECT ${STAFFING_COLUMNS.join(', ')}, below_standard, reported FROM staffing ORDER BY school_order, role_order`);
}

export function surveySummary(engine: Engine): Promise<SurveySummary[]> {
  return engine.query(`SELECT ${SURVEY_SUMMARY_COLUMNS.join(', ')} FROM survey_summary ORDER BY school_order, construct_order`);
}
