/**
 * The questions the app's views ask, as small SQL builders over the model's views. They live in
 * the core, apart from the UI, so the numbers on screen are the numbers the tests check.
 */
import { sqlNumber, sqlString, type Engine } from '../engine/engine';

export interface SchoolName {
  school_id: string;
  school_name: string;
}

/** Every school's id and name, in the schools file's order: the one list every picker shows. */
export function schoolNames(engine: Engine): Promise<SchoolName[]> {
  return engine.query('SELECT school_id, school_name FROM main.schools ORDER BY _row');
}

export interface DistrictTier {
  tier: number;
  need: number;
  capacity: number;
  gap: number;
  coverage: number | null;
  /** Schools whose gap rounds to one student or more (the model's has_gap). */
  schools_with_gap: number;
  schools: number;
}

export function districtTiers(engine: Engine): Promise<DistrictTier[]> {
  return engine.query('SELECT * FROM district_tiers ORDER BY tier');
}

export interface DistrictStaffing {
  role: string;
  recommended_ratio: number;
  fte: number;
  enrollment: number;
  students_per_fte: number | null;
  fte_needed: number;
  fte_gap: number;
  schools_below_standard: number;
  /** Schools whose figure for the role is not reported (CRDC reserve codes): left out of the role's district figures. */
  schools_not_reported: number;
}

export function districtStaffing(engine: Engine): Promise<DistrictStaffing[]> {
  return engine.query('SELECT * EXCLUDE (role_order) FROM district_staffing ORDER BY role_order');
}

export interface SchoolSummary {
  school_id: string;
  school_name: string;
  level: string | null;
  enrollment: number;
  latitude: number | null;
  longitude: number | null;
  need: number;
  capacity: number;
  gap: number;
  coverage: number | null;
}

/** Every school with its figures for one tier, the largest gap first. */
export function schoolsByGap(engine: Engine, tier: number): Promise<SchoolSummary[]> {
  return engine.query(`
    SELECT s.school_id, s.school_name, s.level, s.enrollment, s.latitude, s.longitude,
           g.need, g.capacity, g.gap, g.coverage
    FROM schools s JOIN tier_gaps g ON g.school_id = s.school_id AND g.tier = ${sqlNumber(tier)}
    ORDER BY g.gap DESC, g.coverage NULLS LAST, s._row`);
}

/** Languages the services offer, for the matrix's filter. */
export async function serviceLanguages(engine: Engine): Promise<string[]> {
  const rows = await engine.query<{ language: string }>(`
    SELECT DISTINCT trim(unnest(string_split(languages, ';'))) AS language FROM services
    WHERE languages IS NOT NULL ORDER BY language`);
  return rows.map((r) => r.language).filter(Boolean);
}

export interface SchoolProvider {
  school_id: string;
  provider: string;
  provider_type: string;
  service: string;
  tier: number;
  /** Students a year at this school: a district-wide service's share of it, as the gap model counts it. */
  capacity: number;
  district_wide: boolean;
  /** A district-wide service's whole capacity, shared by every school; null for the school's own. */
  shared_from: number | null;
  languages: string;
  requires_diagnosis: boolean | null;
  agreement: boolean | null;
  without_agreement: boolean;
  funding: string | null;
}

/**
 * The providers that serve a school (or every school, in file order), its own and the district-wide
 * ones. A district-wide row's capacity is the school's share of it from tier_gaps, so a school's
 * providers add up to its capacity there.
 */
export function schoolProvidersSql(schoolId?: string): string {
  return `
    SELECT m.school_id, m.provider, m.provider_type, m.service, m.tier,
           CASE WHEN m.district_wide THEN coalesce(m.capacity * g.share, 0) ELSE m.capacity END::DOUBLE AS capacity,
           m.district_wide,
           CASE WHEN m.district_wide THEN m.capacity END AS shared_from,
           m.languages, m.requires_diagnosis, m.agreement, m.without_agreement, m.funding
    FROM service_matrix m
    JOIN schools s ON s.school_id = m.school_id
    LEFT JOIN tier_gaps g ON g.school_id = m.school_id AND g.tier = m.tier
    ${schoolId === undefined ? '' : `WHERE m.school_id = ${sqlString(schoolId)}`}
    ORDER BY s._row, m.tier, m.provider_type DESC, m.provider, m.service`;
}

export function schoolProviders(engine: Engine, schoolId: string): Promise<SchoolProvider[]> {
  return engine.query(schoolProvidersSql(schoolId));
}

export interface SchoolRecord {
  school_id: string;
  school_name: string;
  enrollment: number;
  level: string | null;
  latitude: number | null;
  longitude: number | null;
  frl_pct: number | null;
  ell_pct: number | null;
}

export async function school(engine: Engine, schoolId: string): Promise<SchoolRecord | undefined> {
  const [row] = await engine.query<SchoolRecord>(`
    SELECT school_id, school_name, enrollment, level, latitude, longitude, frl_pct, ell_pct
    FROM schools WHERE school_id = ${sqlString(schoolId)}`);
  return row;
}

export function schoolTierGaps(engine: Engine, schoolId: string) {
  return engine.query<{ tier: number; need: number; capacity: number; gap: number; coverage: number | null }>(`
    SELECT tier, need, capacity, gap, coverage FROM tier_gaps WHERE school_id = ${sqlString(schoolId)} ORDER BY tier`);
}

export function schoolStaffing(engine: Engine, schoolId: string) {
  return engine.query<{ role: string; fte: number; students_per_fte: number | null; recommended_ratio: number; fte_needed: number; fte_gap: number }>(`
    SELECT role, fte, students_per_fte, recommended_ratio, fte_needed, fte_gap FROM staffing
    WHERE school_id = ${sqlString(schoolId)} ORDER BY role_order`);
}

export function schoolSurvey(engine: Engine, schoolId: string) {
  return engine.query<{ construct: string; n: number; pct_favorable: number | null; mean: number | null; suppressed: boolean }>(`
    SELECT construct, n, pct_favorable, mean, suppressed FROM survey_summary
    WHERE school_id = ${sqlString(schoolId)} ORDER BY construct_order`);
}

/** Which files are loaded, from where and when, for the header and the reports. */
/** What a load left out or could not read, kept with the data: one line per value, per file. */
export function inputNotes(engine: Engine) {
  return engine.query<{ kind: string; file_name: string; row: number; column: string | null; message: string }>(
    `SELECT kind, file_name, "row", "column", message FROM input_notes
     ORDER BY list_position(['schools', 'enrollment', 'locations', 'staff', 'services', 'needs', 'survey'], kind), note_order`
  );
}

export function inputFiles(engine: Engine) {
  return engine.query<{ kind: string; file_name: string; rows: number; loaded_at: string }>(
    `SELECT kind, file_name, rows, strftime(loaded_at, '%Y-%m-%d %H:%M') AS loaded_at FROM input_files ORDER BY kind`
  );
}
