/**
 * The resource matrix and the school pages' questions, beyond what queries.ts asks. Framework-free
 * SQL builders (and one pure grouping step), so the figures on screen are the ones the tests check.
 *
 * Two warnings from school–community partnership practice run through these figures:
 * - a service that requires a diagnosis is billed to insurance, so students with less severe needs
 *   cannot use its seats;
 * - a community partner without an agreement (MOU or data-sharing) cannot share information with
 *   school staff. School-employed staff need no such agreement, so they never count as "without".
 */
import { SERVICE_TYPES } from '../contract/vocabulary';
import { sqlNumber, sqlString, type Engine } from '../engine/engine';

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

/** The filters as SQL, over `service_terms` or `service_matrix`. */
export function resourceWhere(filters: MatrixFilters): string {
  const where = ['TRUE'];
  if (filters.language) {
    where.push(`list_contains(list_transform(string_split(lower(languages), ';'), x -> trim(x)), ${sqlString(filters.language.toLowerCase().trim())})`);
  }
  if (filters.requiresDiagnosis !== undefined) where.push(`coalesce(requires_diagnosis, false) = ${filters.requiresDiagnosis}`);
  // An agreement (MOU, data sharing) is a community partner's: the district's own staff need none.
  if (filters.agreement === true) where.push('agreement IS TRUE');
  if (filters.agreement === false) where.push('without_agreement');
  if (filters.providerType) where.push(`provider_type = ${sqlString(filters.providerType)}`);
  if (filters.tier) where.push(`tier = ${sqlNumber(filters.tier)}`);
  return where.join(' AND ');
}

/** One provider's part of one cell of the schools × service types matrix. */
export interface ResourceEntry {
  /** A school_id, or `*` for a service open to every school. */
  school_id: string;
  service: string;
  provider: string;
  provider_type: string;
  capacity: number;
  /** Seats of this provider here that need a diagnosis (insurance-billed). */
  diagnosis_capacity: number;
  /** Seats from a community partner without an agreement. */
  without_agreement_capacity: number;
  /** The tiers the provider serves in this cell, as `2, 3`. */
  tiers: string;
}

/** Every provider's capacity by school and service type, district-wide (`*`) rows kept once. */
export function resourceEntries(engine: Engine, filters: MatrixFilters = {}): Promise<ResourceEntry[]> {
  return engine.query(`
    SELECT school_id, service, provider, provider_type,
           sum(capacity) AS capacity,
           coalesce(sum(capacity) FILTER (WHERE requires_diagnosis), 0) AS diagnosis_capacity,
           coalesce(sum(capacity) FILTER (WHERE without_agreement), 0) AS without_agreement_capacity,
           string_agg(DISTINCT tier::VARCHAR, ', ' ORDER BY tier::VARCHAR) AS tiers
    FROM service_terms WHERE ${resourceWhere(filters)}
    GROUP BY school_id, service, provider, provider_type
    ORDER BY school_id, service, provider`);
}

export interface ResourceCell {
  capacity: number;
  diagnosis_capacity: number;
  without_agreement_capacity: number;
  providers: ResourceEntry[];
}

export interface ResourceMatrix {
  /** Service types with any capacity, in the contract's order, then any others A–Z. */
  services: string[];
  /** Cells by school_id (`*` for every school), then by service. */
  cells: Map<string, Map<string, ResourceCell>>;
  /** Capacity by school_id across the shown service types. */
  totals: Map<string, ResourceCell>;
}

const emptyCell = (): ResourceCell => ({ capacity: 0, diagnosis_capacity: 0, without_agreement_capacity: 0, providers: [] });

function add(cell: ResourceCell, entry: ResourceEntry) {
  cell.capacity += entry.capacity;
  cell.diagnosis_capacity += entry.diagnosis_capacity;
  cell.without_agreement_capacity += entry.without_agreement_capacity;
  cell.providers.push(entry);
}

/** Groups the entries into cells; a service type whose seats add up to none is left out. */
export function resourceMatrix(entries: ResourceEntry[]): ResourceMatrix {
  const cells = new Map<string, Map<string, ResourceCell>>();
  const totals = new Map<string, ResourceCell>();
  const byService = new Map<string, number>();
  for (const entry of entries) {
    const row = cells.get(entry.school_id) ?? new Map<string, ResourceCell>();
    cells.set(entry.school_id, row);
    const cell = row.get(entry.service) ?? emptyCell();
    row.set(entry.service, cell);
    add(cell, entry);
    byService.set(entry.service, (byService.get(entry.service) ?? 0) + entry.capacity);
  }
  const known: readonly string[] = SERVICE_TYPES;
  const services = [...byService]
    .filter(([, capacity]) => capacity > 0)
    .map(([service]) => service)
    .sort((a, b) => {
      const ia = known.indexOf(a);
      const ib = known.indexOf(b);
      if (ia >= 0 && ib >= 0) return ia - ib;
      if (ia >= 0 || ib >= 0) return ia >= 0 ? -1 : 1;
      return a.localeCompare(b);
    });
  const shown = new Set(services);
  for (const [school, row] of cells) {
    const total = emptyCell();
    for (const [service, cell] of row) if (shown.has(service)) for (const p of cell.providers) add(total, p);
    totals.set(school, total);
  }
  return { services, cells, totals };
}

export interface MatrixSchool {
  school_id: string;
  school_name: string;
  level: string | null;
}

/** The matrix's rows: every school, A–Z, so schools with nothing show their empty row too. */
export function matrixSchools(engine: Engine): Promise<MatrixSchool[]> {
  return engine.query('SELECT school_id, school_name, level FROM schools ORDER BY school_name, _row');
}

export interface TierProviderSummary {
  tier: number;
  /** `school`, `community`, or null for both together. */
  provider_type: string | null;
  capacity: number;
  providers: number;
  diagnosis_capacity: number;
  without_agreement_capacity: number;
  /** Community partners without an agreement in this cell. */
  providers_without_agreement: number;
}

/** Tiers × school/community providers, and each tier's total, under the same filters as the matrix. */
export function tierProviderSummary(engine: Engine, filters: MatrixFilters = {}): Promise<TierProviderSummary[]> {
  return engine.query(`
    SELECT tier, provider_type, sum(capacity) AS capacity, count(DISTINCT provider) AS providers,
           coalesce(sum(capacity) FILTER (WHERE requires_diagnosis), 0) AS diagnosis_capacity,
           coalesce(sum(capacity) FILTER (WHERE without_agreement), 0) AS without_agreement_capacity,
           count(DISTINCT provider) FILTER (WHERE without_agreement) AS providers_without_agreement
    FROM service_terms WHERE ${resourceWhere(filters)}
    GROUP BY GROUPING SETS ((tier, provider_type), (tier))
    ORDER BY tier, provider_type NULLS LAST`);
}

export interface PartnerWithoutAgreement {
  provider: string;
  /** Named schools where the partner works without an agreement. */
  schools: number;
  /** True where it also serves every school (`*`) without one. */
  district_wide: boolean;
  capacity: number;
}

export interface ResourceCaveats {
  /** Community partners shown under the filters. */
  partners: number;
  without_agreement: PartnerWithoutAgreement[];
  /** Named schools where at least one partner works without an agreement. */
  schools_without_agreement: number;
  /** Seats from partners without an agreement. */
  capacity_without_agreement: number;
}

/** The community partners that work somewhere without an agreement, the most seats first. */
export async function resourceCaveats(engine: Engine, filters: MatrixFilters = {}): Promise<ResourceCaveats> {
  const where = resourceWhere(filters);
  const [[totals], without] = await Promise.all([
    engine.query<{ partners: number; schools: number; capacity: number | null }>(`
      SELECT count(DISTINCT provider) AS partners,
             count(DISTINCT school_id) FILTER (WHERE without_agreement AND school_id <> '*') AS schools,
             sum(capacity) FILTER (WHERE without_agreement) AS capacity
      FROM service_terms WHERE ${where} AND provider_type = 'community'`),
    engine.query<PartnerWithoutAgreement>(`
      SELECT provider, count(DISTINCT school_id) FILTER (WHERE school_id <> '*') AS schools,
             bool_or(school_id = '*') AS district_wide, sum(capacity) AS capacity
      FROM service_terms WHERE ${where} AND without_agreement
      GROUP BY provider ORDER BY capacity DESC, provider`)
  ]);
  return {
    partners: totals?.partners ?? 0,
    without_agreement: without,
    schools_without_agreement: totals?.schools ?? 0,
    capacity_without_agreement: totals?.capacity ?? 0
  };
}

export interface SchoolGapRow {
  school_id: string;
  school_name: string;
  level: string | null;
  enrollment: number;
  gap_1: number | null;
  gap_2: number | null;
  gap_3: number | null;
  coverage_1: number | null;
  coverage_2: number | null;
  coverage_3: number | null;
}

/** Every school with its gap and coverage at each tier, A–Z. */
export function schoolGapTable(engine: Engine): Promise<SchoolGapRow[]> {
  const tiers = [1, 2, 3]
    .map((t) => `any_value(g.gap) FILTER (WHERE g.tier = ${sqlNumber(t)}) AS gap_${t}, any_value(g.coverage) FILTER (WHERE g.tier = ${sqlNumber(t)}) AS coverage_${t}`)
    .join(',\n           ');
  return engine.query(`
    SELECT s.school_id, s.school_name, s.level, s.enrollment,
           ${tiers}
    FROM schools s LEFT JOIN tier_gaps g ON g.school_id = s.school_id
    GROUP BY s.school_id, s.school_name, s.level, s.enrollment, s._row
    ORDER BY s.school_name, s._row`);
}
