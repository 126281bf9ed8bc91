/**
 * The report's tables as flat rows with plain values, for the XLSX and CSV exports. The columns
 * follow `analyze`'s files (data contract, "Command line") so a sheet and a CSV read alike.
 */
import { STAFFING_COLUMNS, SURVEY_SUMMARY_COLUMNS, TIER_GAP_COLUMNS } from '../../model/model';
import type { Report } from './model';
import { withheld } from '../../present';

export type Value = string | number | boolean | null;
export type Row = Record<string, Value>;

export interface RowTable {
  columns: readonly string[];
  rows: Row[];
}

export function tierGapRows(report: Report): RowTable {
  return {
    columns: [...TIER_GAP_COLUMNS, 'need_source'],
    rows: report.schools.flatMap((s) => s.tiers.map((t) => ({ school_id: s.school_id, school_name: s.school_name, ...t })))
  };
}

export function staffingRows(report: Report): RowTable {
  return {
    // Beside the contract's columns, whether the figure was reported: blank FTE is not zero staff.
    columns: [...STAFFING_COLUMNS, 'reported'],
    rows: report.schools.flatMap((s) => s.staffing.map((r) => ({ school_id: s.school_id, school_name: s.school_name, ...r })))
  };
}

export const PROVIDER_COLUMNS = [
  'school_id',
  'school_name',
  'provider',
  'provider_type',
  'service',
  'tier',
  'capacity',
  'district_wide',
  'shared_from',
  'languages',
  'requires_diagnosis',
  'agreement',
  'funding'
] as const;

/** Every provider at every school; a district-wide service's capacity is the school's share. */
export function providerRows(report: Report): RowTable {
  return {
    columns: PROVIDER_COLUMNS,
    rows: report.schools.flatMap((s) => s.providers.map((p) => ({ school_id: s.school_id, school_name: s.school_name, ...p })))
  };
}

/** The survey summary; a withheld cell's n reads `n<10` and it has no % favorable or mean. */
export function surveyRows(report: Report): RowTable {
  const threshold = report.district.settings.suppressionThreshold;
  return {
    columns: SURVEY_SUMMARY_COLUMNS,
    rows: report.schools.flatMap((s) =>
      s.survey.map((c) => ({
        school_id: s.school_id,
        school_name: s.school_name,
        construct: c.construct,
        n: c.suppressed ? withheld(threshold) : c.n,
        pct_favorable: c.suppressed ? null : c.pct_favorable,
        mean: c.suppressed ? null : c.mean,
        suppressed: c.suppressed
      }))
    )
  };
}

export function districtTierRows(report: Report): RowTable {
  return { columns: ['tier', 'need', 'capacity', 'gap', 'coverage', 'schools_with_gap'], rows: report.tiers.map((t) => ({ ...t })) };
}

export function districtStaffingRows(report: Report): RowTable {
  return {
    columns: ['role', 'recommended_ratio', 'fte', 'enrollment', 'students_per_fte', 'fte_needed', 'fte_gap', 'schools_below_standard', 'schools_not_reported'],
    rows: report.staffing.map((s) => ({ ...s }))
  };
}
