/**
 * The gap report for the school improvement plan, as one plain object. Every renderer (HTML,
 * DOCX, XLSX, CSV) is a pure function of it, so the app and the command line write the same
 * report from the same figures, and a figure the object does not hold cannot leak into a file.
 */
import { DEFAULT_SETTINGS } from '../../contract/settings';
import type { Engine } from '../../engine/engine';
import { inputFiles, inputNotes, districtStaffing, districtTiers, schoolProvidersSql, type DistrictStaffing, type DistrictTier, type SchoolProvider } from '../../model/queries';
import { staffing, surveySummary, tierGaps } from '../../model/model';
import type { Change, StaffingComparison, TierComparison } from '../../scenario/types';
import type { Priority, Readiness } from '../../plan/types';
import {
  CONSTRUCTS_SQL,
  SCALE_POINTS_SQL,
  PROVIDER_SUMMARY_SQL,
  RATIOS_SQL,
  SCHOOLS_SQL,
  SCREENED_SQL,
  THRESHOLD_SQL,
  TIER_RATES_SQL
} from './queries';

export interface ReportScenario {
  name: string;
  changes: Change[];
  tiers: TierComparison[];
  staffing: StaffingComparison[];
}

export interface ReportInput {
  /** As the app names the district; the command line has no name to give. */
  districtName?: string;
  /** When the report is made; defaults to now. */
  made?: Date;
  scenario?: ReportScenario;
  priorities?: Priority[];
  readiness?: Readiness;
}

export interface InputFile {
  kind: string;
  file_name: string;
  rows: number;
  loaded_at: string;
}

export type InputNote = Awaited<ReturnType<typeof inputNotes>>[number];

export interface ReportSettings {
  /** Recommended students per FTE, by role, in the roles' order. */
  ratios: { role: string; ratio: number }[];
  /** Share of enrollment that needs each tier where no screening count exists. */
  tierRates: { tier: number; rate: number }[];
  suppressionThreshold: number;
}

export interface ReportTier {
  tier: number;
  need: number;
  capacity: number;
  gap: number;
  coverage: number | null;
  /** The model's has_gap: the gap rounds to one student or more. */
  has_gap: boolean;
  /** Where need comes from: the school's screening count, or enrollment × the tier's rate. */
  need_source: 'screening' | 'rate';
}

export interface ReportStaffing {
  role: string;
  /** null where not reported, as are students_per_fte, fte_gap and below_standard. */
  fte: number | null;
  students_per_fte: number | null;
  recommended_ratio: number;
  fte_needed: number;
  fte_gap: number | null;
  below_standard: boolean | null;
  reported: boolean;
}

/** A provider as a school's report lists it: the model's school providers query, one row each. */
export type ReportProvider = Omit<SchoolProvider, 'school_id'>;

/** A scale the survey's items use: its favorable answers' English labels, lowest first, and its range of values. */
export interface ReportScale {
  favorable: string[];
  low: number;
  high: number;
}

/**
 * A survey cell. A withheld cell carries no figures at all, not even n: the object is what gets
 * rendered, so leaving them out here is what keeps them out of every file.
 */
export type SurveyCell =
  | { construct: string; suppressed: true }
  | { construct: string; suppressed: false; n: number; pct_favorable: number | null; mean: number | null };

export interface SchoolReport {
  school_id: string;
  school_name: string;
  level: string | null;
  enrollment: number;
  tiers: ReportTier[];
  staffing: ReportStaffing[];
  providers: ReportProvider[];
  /** One cell per construct the school has answers for; empty where no family answered. */
  survey: SurveyCell[];
}

export interface ProviderSummary {
  provider: string;
  provider_type: string;
  /** Service types, `;`-separated. */
  services: string;
  tiers: string;
  /** Named schools served (district-wide rows not counted). */
  schools: number;
  district_wide: boolean;
  capacity: number;
  rows_requiring_diagnosis: number;
  rows_without_agreement: number;
  rows: number;
}

export interface Report {
  district: {
    /** null where the caller gives none (the command line): the report then names no district. */
    name: string | null;
    /** YYYY-MM-DD */
    made: string;
    inputs: InputFile[];
    /** What the load left out or could not read (rows the mappings leave out, closed schools, staff not reported). */
    notes: InputNote[];
    settings: ReportSettings;
  };
  tiers: DistrictTier[];
  staffing: DistrictStaffing[];
  providers: ProviderSummary[];
  /** Absent when no survey is loaded. */
  survey?: { constructs: string[]; scales: ReportScale[] };
  schools: SchoolReport[];
  scenario?: ReportScenario;
  priorities?: Priority[];
  readiness?: Readiness;
}

/** Reads everything a report shows from the model, in a handful of queries. */
export async function buildReport(engine: Engine, input: ReportInput = {}): Promise<Report> {
  // One after another: the browser's engine has one connection, and the queries are quick.
  const files = (await inputFiles(engine)).sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind));
  const ratios = await engine.query<{ role: string; ratio: number }>(RATIOS_SQL);
  const tierRates = await engine.query<{ tier: number; rate: number }>(TIER_RATES_SQL);
  const [threshold] = await engine.query<{ min_n: number }>(THRESHOLD_SQL);
  const tiers = await districtTiers(engine);
  const districtStaff = await districtStaffing(engine);
  const providerSummary = await engine.query<ProviderSummary>(PROVIDER_SUMMARY_SQL);
  const schoolRows = await engine.query<{ school_id: string; school_name: string; level: string | null; enrollment: number }>(SCHOOLS_SQL);
  const screened = await engine.query<{ school_id: string; tier: number }>(SCREENED_SQL);
  const gaps = await tierGaps(engine);
  const staff = await staffing(engine);
  const providers = await engine.query<SchoolProvider>(schoolProvidersSql());
  const summary = await surveySummary(engine);
  const constructs = await engine.query<{ construct: string }>(CONSTRUCTS_SQL);
  const points = await engine.query<{ scale: string; label_en: string; value: number; favorable: boolean }>(SCALE_POINTS_SQL);

  const schools = new Map<string, SchoolReport>(
    schoolRows.map((s) => [s.school_id, { ...s, tiers: [], staffing: [], providers: [], survey: [] }])
  );
  const isScreened = new Set(screened.map((s) => `${s.tier}\u0000${s.school_id}`));
  for (const g of gaps) {
    schools.get(g.school_id)?.tiers.push({
      tier: g.tier,
      need: g.need,
      capacity: g.capacity,
      gap: g.gap,
      coverage: g.coverage,
      has_gap: g.has_gap,
      need_source: isScreened.has(`${g.tier}\u0000${g.school_id}`) ? 'screening' : 'rate'
    });
  }
  for (const s of staff) {
    schools.get(s.school_id)?.staffing.push({
      role: s.role,
      fte: s.fte,
      students_per_fte: s.students_per_fte,
      recommended_ratio: s.recommended_ratio,
      fte_needed: s.fte_needed,
      fte_gap: s.fte_gap,
      below_standard: s.below_standard,
      reported: s.reported
    });
  }
  for (const { school_id, ...row } of providers) schools.get(school_id)?.providers.push(row);
  for (const row of summary) {
    // Built field by field, never spread, so no withheld figure rides along.
    const cell: SurveyCell = row.suppressed
      ? { construct: row.construct, suppressed: true }
      : { construct: row.construct, suppressed: false, n: row.n, pct_favorable: row.pct_favorable, mean: row.mean };
    schools.get(row.school_id)?.survey.push(cell);
  }

  const report: Report = {
    district: {
      name: input.districtName?.trim() || null,
      made: isoDate(input.made ?? new Date()),
      inputs: files,
      notes: await inputNotes(engine),
      settings: { ratios, tierRates, suppressionThreshold: threshold?.min_n ?? DEFAULT_SETTINGS.suppressionThreshold }
    },
    tiers,
    staffing: districtStaff,
    providers: providerSummary,
    schools: [...schools.values()]
  };
  if (files.some((f) => f.kind === 'survey')) report.survey = { constructs: constructs.map((c) => c.construct), scales: reportScales(points) };
  if (input.scenario) report.scenario = input.scenario;
  if (input.priorities?.length) report.priorities = input.priorities;
  if (input.readiness) report.readiness = input.readiness;
  return report;
}

/** Input files in the contract's order, not the table's alphabetical one. */
/** Each scale's favorable answers and its lowest and highest values, for the notes that say what the figures mean. */
function reportScales(points: { scale: string; label_en: string; value: number; favorable: boolean }[]): ReportScale[] {
  const scales = new Map<string, ReportScale>();
  for (const p of points) {
    const scale = scales.get(p.scale) ?? { favorable: [], low: p.value, high: p.value };
    if (p.favorable) scale.favorable.push(p.label_en);
    scale.high = p.value;
    scales.set(p.scale, scale);
  }
  return [...scales.values()];
}

const KINDS = ['schools', 'enrollment', 'locations', 'staff', 'services', 'needs', 'survey'];
const kindOrder = (kind: string) => (KINDS.includes(kind) ? KINDS.indexOf(kind) : KINDS.length);

/** The calendar date in UTC, so a report made at the same moment reads the same anywhere. */
function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
