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

export interface MatrixFilters {
  /** Only services offered in this language (code or name, as the file writes it). */
  language?: string;
  /** true: only services that need a diagnosis; false: only those that do not. */
  requiresDiagnosis?: boolean;
  /** true: only partners with an MOU; false: only those without. */
  agreement?: boolean;
  providerType?: 'school' | 'community';
  tier?: number;
}

export function matrixWhere(filters: MatrixFilters): string {
  const where = ['TRUE'];
  if (filters.language) {
    where.push(`list_contains(list_transform(string_split(lower(languages), ';'), x -> trim(x)), ${sqlString(filters.language.toLowerCase().trim())})`);
  }
  if (filters.requiresDiagnosis !== undefined) where.push(`coalesce(requires_diagnosis, false) = ${filters.requiresDiagnosis}`);
  // An agreement (MOU, data sharing) is a community partner's: the district's own staff need none.
  if (filters.agreement === true) where.push('agreement IS TRUE');
  if (filters.agreement === false) where.push(`provider_type = 'community' AND agreement IS NOT TRUE`);
  if (filters.providerType) where.push(`provider_type = ${sqlString(filters.providerType)}`);
  if (filters.tier) where.push(`tier = ${sqlNumber(filters.tier)}`);
  return where.join(' AND ');
}

export interface MatrixCell {
  school_id: string;
  service: string;
  capacity: number;
  providers: string;
  needs_diagnosis: number;
  without_agreement: number;
}

/** Schools × service types: capacity and provider names in each cell (UCLA resource-mapping matrix). */
export function schoolServiceMatrix(engine: Engine, filters: MatrixFilters = {}): Promise<MatrixCell[]> {
  return engine.query(`
    SELECT school_id, service, sum(capacity) AS capacity,
           string_agg(DISTINCT provider, '; ' ORDER BY provider) AS providers,
           count(*) FILTER (WHERE requires_diagnosis) AS needs_diagnosis,
           count(*) FILTER (WHERE provider_type = 'community' AND NOT coalesce(agreement, false)) AS without_agreement
    FROM service_matrix WHERE ${matrixWhere(filters)} AND school_id <> '*'
    GROUP BY school_id, service`);
}

export interface TierProviderCell {
  tier: number;
  provider_type: string;
  capacity: number;
  providers: number;
  needs_diagnosis_capacity: number;
  without_agreement_capacity: number;
}

/** Tiers × school/community providers, district-wide. */
export function tierProviderMatrix(engine: Engine, filters: MatrixFilters = {}): Promise<TierProviderCell[]> {
  return engine.query(`
    SELECT tier, provider_type, sum(capacity) AS capacity, count(DISTINCT provider) AS providers,
           coalesce(sum(capacity) FILTER (WHERE requires_diagnosis), 0) AS needs_diagnosis_capacity,
           coalesce(sum(capacity) FILTER (WHERE provider_type = 'community' AND NOT coalesce(agreement, false)), 0) AS without_agreement_capacity
    FROM services WHERE ${matrixWhere(filters)}
    GROUP BY tier, provider_type ORDER BY tier, provider_type`);
}

/** Languages the services offer, for the matrix's filter. */
export async function serviceLanguages(engine: Engine): Promise<string[]> {
  const rows = await engine.query<{ language: string }>(`
    SELECT DISTINCT trim(unnest(string_split(languages, ';'))) AS language FROM services
    WHERE languages IS NOT NULL ORDER BY language`);
  return rows.map((r) => r.language).filter(Boolean);
}

export interface SchoolProvider {
  provider: string;
  provider_type: string;
  service: string;
  tier: number;
  capacity: number;
  district_wide: boolean;
  languages: string;
  requires_diagnosis: boolean | null;
  agreement: boolean | null;
  funding: string | null;
}

/** The providers that serve a school, its own and the district-wide ones. */
export function schoolProviders(engine: Engine, schoolId: string): Promise<SchoolProvider[]> {
  return engine.query(`
    SELECT provider, provider_type, service, tier, capacity, district_wide, languages, requires_diagnosis, agreement, funding
    FROM service_matrix WHERE school_id = ${sqlString(schoolId)}
    ORDER BY tier, provider_type DESC, provider, service`);
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
export function inputFiles(engine: Engine) {
  return engine.query<{ kind: string; file_name: string; rows: number; loaded_at: string }>(
    `SELECT kind, file_name, rows, strftime(loaded_at, '%Y-%m-%d %H:%M') AS loaded_at FROM input_files ORDER BY kind`
  );
}
