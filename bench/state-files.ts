/**
 * A state's public school files in the layouts their publishers use, for the benchmark (a whole
 * state of invented schools) and for the fixtures in tests/fixtures/public/ (which build their
 * rows with the same functions, so both have the same layouts):
 *
 *   ccd_sch_029_2223_w_1a_083023.csv   NCES CCD school directory, 2022-23 (65 columns)
 *   ccd_sch_052_2223_l_1a_083023.csv   NCES CCD membership, long layout (18 columns): one row per
 *                                      school, grade, race and sex, the grade and race/sex
 *                                      subtotals, the derived totals and the Education Unit Total
 *   EDGE_GEOCODE_PUBLICSCH_2223.TXT    NCES EDGE public school geocodes, pipe-delimited (25 columns)
 *   crdc-2021-school-support.csv       OCR CRDC 2020-21 School Support, one district (17 columns)
 *   services-<LEAID>.csv               that district's services inventory (data contract layout)
 *
 * The headers and value vocabularies, and where each was checked, are in tests/fixtures/README.md
 * ("public/: a state's files as NCES and OCR publish them"). Every school and agency is invented.
 * The benchmark state is denser than a real one: every school reports all 14 grades (PK–12), so
 * the membership file has 226 rows per school (about 2.3 million for 10,000 schools).
 *
 *   npx tsx bench/state-files.ts DIR [SCHOOLS]
 */
import { mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SeededRandom } from '../scripts/seeded-random';
import { CsvWriter, csvField } from './lib/csv-writer';

// ---------------------------------------------------------------------------------------------
// Layouts

/** The CCD school directory's header, 2022-23, in the published order. */
export const CCD_029_COLUMNS = [
  'SCHOOL_YEAR', 'FIPST', 'STATENAME', 'ST', 'SCH_NAME', 'LEA_NAME', 'STATE_AGENCY_NO', 'UNION',
  'ST_LEAID', 'LEAID', 'ST_SCHID', 'NCESSCH', 'SCHID', 'MSTREET1', 'MSTREET2', 'MSTREET3', 'MCITY',
  'MSTATE', 'MZIP', 'MZIP4', 'LSTREET1', 'LSTREET2', 'LSTREET3', 'LCITY', 'LSTATE', 'LZIP', 'LZIP4',
  'PHONE', 'WEBSITE', 'SY_STATUS', 'SY_STATUS_TEXT', 'UPDATED_STATUS', 'UPDATED_STATUS_TEXT',
  'EFFECTIVE_DATE', 'SCH_TYPE', 'SCH_TYPE_TEXT', 'RECON_STATUS', 'OUT_OF_STATE_FLAG', 'CHARTER_TEXT',
  'CHARTAUTH1', 'CHARTAUTHN1', 'CHARTAUTH2', 'CHARTAUTHN2', 'NOGRADES', 'G_PK_OFFERED', 'G_KG_OFFERED',
  'G_1_OFFERED', 'G_2_OFFERED', 'G_3_OFFERED', 'G_4_OFFERED', 'G_5_OFFERED', 'G_6_OFFERED',
  'G_7_OFFERED', 'G_8_OFFERED', 'G_9_OFFERED', 'G_10_OFFERED', 'G_11_OFFERED', 'G_12_OFFERED',
  'G_13_OFFERED', 'G_UG_OFFERED', 'G_AE_OFFERED', 'GSLO', 'GSHI', 'LEVEL', 'IGOFFERED'
] as const;

/** The CCD membership file's header (long layout). */
export const CCD_052_COLUMNS = [
  'SCHOOL_YEAR', 'FIPST', 'STATENAME', 'ST', 'SCH_NAME', 'STATE_AGENCY_NO', 'UNION', 'ST_LEAID',
  'LEAID', 'ST_SCHID', 'NCESSCH', 'SCHID', 'GRADE', 'RACE_ETHNICITY', 'SEX', 'STUDENT_COUNT',
  'TOTAL_INDICATOR', 'DMS_FLAG'
] as const;

/** The EDGE public school geocode file's header, 2022-23 (NECTA columns still present). */
export const EDGE_COLUMNS = [
  'NCESSCH', 'LEAID', 'NAME', 'OPSTFIPS', 'STREET', 'CITY', 'STATE', 'ZIP', 'STFIP', 'CNTY', 'NMCNTY',
  'LOCALE', 'LAT', 'LON', 'CBSA', 'NMCBSA', 'CBSATYPE', 'CSA', 'NMCSA', 'NECTA', 'NMNECTA', 'CD', 'SLDL',
  'SLDU', 'SCHOOLYEAR'
] as const;

/** The CRDC 2020-21 School Support file's header. */
export const CRDC_SUPPORT_COLUMNS = [
  'LEA_STATE', 'LEA_STATE_NAME', 'LEAID', 'LEA_NAME', 'SCHID', 'SCH_NAME', 'COMBOKEY', 'JJ',
  'SCH_FTETEACH_TOT', 'SCH_FTETEACH_CERT', 'SCH_FTETEACH_NOTCERT', 'SCH_FTECOUNSELORS',
  'SCH_FTESERVICES_NUR', 'SCH_FTESERVICES_PSY', 'SCH_FTESERVICES_SOC', 'SCH_FTESECURITY_LEO',
  'SCH_FTESECURITY_GUA'
] as const;

/** A services inventory in the data contract's canonical headers. */
export const SERVICES_COLUMNS = [
  'school_id', 'provider', 'provider_type', 'service', 'tier', 'capacity', 'languages',
  'requires_diagnosis', 'funding', 'agreement'
] as const;

export const FILE_NAMES = {
  schools: 'ccd_sch_029_2223_w_1a_083023.csv',
  enrollment: 'ccd_sch_052_2223_l_1a_083023.csv',
  locations: 'EDGE_GEOCODE_PUBLICSCH_2223.TXT',
  staff: 'crdc-2021-school-support.csv'
} as const;

export const SCHOOL_YEAR = '2022-2023';

/** SY_STATUS / UPDATED_STATUS codes and their text. */
export const STATUS_CODES = {
  Open: 1,
  Closed: 2,
  New: 3,
  Added: 4,
  'Changed Boundary/Agency': 5,
  Inactive: 6,
  Future: 7,
  Reopened: 8
} as const;
export type Status = keyof typeof STATUS_CODES;
/** The statuses the data contract leaves out. */
export const LEFT_OUT_STATUSES: readonly Status[] = ['Closed', 'Inactive', 'Future'];

export const SCH_TYPES = {
  1: 'Regular School',
  2: 'Special Education School',
  3: 'Career and Technical School',
  4: 'Alternative Education School'
} as const;
export type SchoolType = keyof typeof SCH_TYPES;

/** Grades as GSLO/GSHI code them, in the order of the G_*_OFFERED columns. */
export const GRADE_CODES = ['PK', 'KG', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', 'UG', 'AE'] as const;
export type Grade = (typeof GRADE_CODES)[number];
/** Grades as the membership file's GRADE column names them. */
export const GRADE_NAMES: Record<Grade, string> = {
  PK: 'Pre-Kindergarten', KG: 'Kindergarten', '01': 'Grade 1', '02': 'Grade 2', '03': 'Grade 3',
  '04': 'Grade 4', '05': 'Grade 5', '06': 'Grade 6', '07': 'Grade 7', '08': 'Grade 8', '09': 'Grade 9',
  '10': 'Grade 10', '11': 'Grade 11', '12': 'Grade 12', '13': 'Grade 13', UG: 'Ungraded',
  AE: 'Adult Education'
};
export const RACES = [
  'American Indian or Alaska Native', 'Asian', 'Black or African American', 'Hispanic/Latino',
  'Native Hawaiian or Other Pacific Islander', 'Two or more races', 'White'
] as const;
export const SEXES = ['Female', 'Male'] as const;
/** Cells of one grade: race-major, sex-minor (RACES.length × SEXES.length). */
export const CELLS_PER_GRADE = RACES.length * SEXES.length;
export const NO_CATEGORY = 'No Category Codes';
export const TOTAL_INDICATOR = {
  cell: 'Category Set A - By Race/Ethnicity; Sex; Grade',
  grade: 'Subtotal 4 - By Grade',
  raceSex: 'Derived - Subtotal by Race/Ethnicity and Sex minus Adult Education Count',
  totalNoAdultEd: 'Derived - Education Unit Total minus Adult Education Count',
  total: 'Education Unit Total'
} as const;

/** CRDC reserve codes (2020-21 manual): not reported, in a figure's place. */
export const CRDC_RESERVE_CODES = [-3, -4, -5, -6, -8, -9, -11, -12, -13] as const;

// ---------------------------------------------------------------------------------------------
// One school's rows

export interface State {
  fips: string;
  name: string;
  abbr: string;
}

export interface District {
  leaid: string;
  name: string;
  /** ST_LEAID, e.g. `CO-9902`. */
  stLeaid: string;
  /** The UNION column (supervisory union), blank outside the states that have them. */
  union?: string;
}

export interface Place {
  county: string;
  countyName: string;
  locale: string;
  cbsa: string;
  cbsaName: string;
  cbsaType: string;
  csa: string;
  csaName: string;
  cd: string;
  sldl: string;
  sldu: string;
}

export interface StateSchool {
  state: State;
  district: District;
  ncessch: string;
  /** ST_SCHID. */
  stSchid: string;
  name: string;
  street: string;
  city: string;
  zip: string;
  zip4: string;
  phone: string;
  website: string;
  status: Status;
  updated: Status;
  effectiveDate: string;
  type: SchoolType;
  charter: 'Yes' | 'No';
  /** Grades offered; `null` when the directory has them `Not reported`. Empty for a closed or future school. */
  grades: Grade[] | null;
  level: string;
  lat: number;
  lon: number;
  place: Place;
}

/** A school's membership: counts per grade (CELLS_PER_GRADE each), or a flag for every row. */
export type Membership =
  | { kind: 'reported'; cells: Partial<Record<Grade, number[]>> }
  | { kind: 'not reported'; grades: Grade[] }
  | { kind: 'not applicable' };

const GRADE_SPAN_ORDER: readonly Grade[] = GRADE_CODES.filter((g) => g !== 'UG' && g !== 'AE');

/** The 65 directory fields of a school. */
export function ccd029Fields(s: StateSchool): string[] {
  const { state, district } = s;
  const closedOrFuture = s.grades !== null && s.grades.length === 0;
  const offered = (g: Grade) =>
    s.grades === null ? 'Not reported' : s.grades.length === 0 ? 'Not applicable' : s.grades.includes(g) ? 'Yes' : 'No';
  const span = s.grades?.filter((g) => GRADE_SPAN_ORDER.includes(g)) ?? [];
  const only = s.grades?.length ? (s.grades[0] === 'UG' ? 'UG' : undefined) : undefined;
  const gslo = s.grades === null ? 'Not reported' : closedOrFuture ? 'N' : (span[0] ?? only ?? 'N');
  const gshi = s.grades === null ? 'Not reported' : closedOrFuture ? 'N' : (span[span.length - 1] ?? only ?? 'N');
  return [
    SCHOOL_YEAR, state.fips, state.name, state.abbr, s.name, district.name, '01', district.union ?? '',
    district.stLeaid, district.leaid, s.stSchid, s.ncessch, state.fips + s.ncessch.slice(7),
    s.street, '', '', s.city, state.abbr, s.zip, s.zip4, s.street, '', '', s.city, state.abbr, s.zip, s.zip4,
    s.phone, s.website, String(STATUS_CODES[s.status]), s.status, String(STATUS_CODES[s.updated]), s.updated,
    s.effectiveDate, String(s.type), SCH_TYPES[s.type], 'No', 'No', s.charter, '', '', '', '', 'No',
    ...GRADE_CODES.map(offered), gslo, gshi, s.level, 'As reported'
  ];
}

/** The membership lines of a school (CSV): cells, grade subtotals, race/sex subtotals, totals. */
export function ccd052Lines(s: StateSchool, m: Membership): string[] {
  const { state, district } = s;
  const head = csvLine([
    SCHOOL_YEAR, state.fips, state.name, state.abbr, s.name, '01', district.union ?? '', district.stLeaid,
    district.leaid, s.stSchid, s.ncessch, state.fips + s.ncessch.slice(7)
  ]);
  const lines: string[] = [];
  // No vocabulary value holds a comma or a quote, so only the head needs quoting.
  const row = (grade: string, race: string, sex: string, count: number | '', indicator: string, flag: string) =>
    lines.push(`${head},${grade},${race},${sex},${count},${indicator},${flag}`);
  if (m.kind === 'not applicable') {
    row(NO_CATEGORY, NO_CATEGORY, NO_CATEGORY, '', TOTAL_INDICATOR.totalNoAdultEd, 'Not applicable');
    row(NO_CATEGORY, NO_CATEGORY, NO_CATEGORY, '', TOTAL_INDICATOR.total, 'Not applicable');
    return lines;
  }
  const grades = m.kind === 'reported' ? GRADE_CODES.filter((g) => m.cells[g]) : m.grades;
  const blank = new Array<''>(CELLS_PER_GRADE).fill('');
  const cellsOf = (g: Grade): (number | '')[] => (m.kind === 'reported' ? m.cells[g]! : blank);
  const flag = m.kind === 'reported' ? 'Reported' : 'Not reported';
  const sum = (xs: (number | '')[]): number | '' => (xs.some((x) => x === '') ? '' : (xs as number[]).reduce((a, b) => a + b, 0));
  const race = (i: number) => RACES[Math.floor(i / SEXES.length)];
  const sex = (i: number) => SEXES[i % SEXES.length];
  for (const g of grades) cellsOf(g).forEach((n, i) => row(GRADE_NAMES[g], race(i), sex(i), n, TOTAL_INDICATOR.cell, flag));
  for (const g of grades) row(GRADE_NAMES[g], NO_CATEGORY, NO_CATEGORY, sum(cellsOf(g)), TOTAL_INDICATOR.grade, flag);
  const regular = grades.filter((g) => g !== 'AE');
  for (let i = 0; i < CELLS_PER_GRADE; i++) {
    row(NO_CATEGORY, race(i), sex(i), sum(regular.map((g) => cellsOf(g)[i])), TOTAL_INDICATOR.raceSex, flag);
  }
  row(NO_CATEGORY, NO_CATEGORY, NO_CATEGORY, sum(regular.flatMap(cellsOf)), TOTAL_INDICATOR.totalNoAdultEd, flag);
  row(NO_CATEGORY, NO_CATEGORY, NO_CATEGORY, sum(grades.flatMap(cellsOf)), TOTAL_INDICATOR.total, flag);
  return lines;
}

/** The school's Education Unit Total (what the data contract reads as its enrollment), or null. */
export function educationUnitTotal(m: Membership): number | null {
  if (m.kind !== 'reported') return null;
  return Object.values(m.cells).reduce((s, cells) => s + cells!.reduce((a, b) => a + b, 0), 0);
}

/** The 25 EDGE fields of a school. */
export function edgeFields(s: StateSchool): string[] {
  const p = s.place;
  return [
    s.ncessch, s.district.leaid, s.name, s.state.fips, s.street, s.city, s.state.abbr, s.zip, s.state.fips,
    p.county, p.countyName, p.locale, s.lat.toFixed(6), s.lon.toFixed(6), p.cbsa, p.cbsaName, p.cbsaType,
    p.csa, p.csaName, 'N', 'N', p.cd, p.sldl, p.sldu, SCHOOL_YEAR
  ];
}

/** FTE of a CRDC School Support row: a number as CRDC writes it, or a reserve code. */
export interface SupportFte {
  teachers: [number, number, number];
  counselors: number;
  nurses: number;
  psychologists: number;
  socialWorkers: number;
  lawEnforcement: number;
  guards: number;
}

/** The 17 CRDC School Support fields of a school (names as CRDC writes them: the school's own). */
export function crdcSupportFields(s: StateSchool, fte: SupportFte, crdcName = s.name): string[] {
  const n = (x: number) => String(x);
  return [
    s.state.abbr, s.state.name, s.district.leaid, s.district.name, s.ncessch.slice(7), crdcName, s.ncessch, 'No',
    ...fte.teachers.map(n), n(fte.counselors), n(fte.nurses), n(fte.psychologists), n(fte.socialWorkers),
    n(fte.lawEnforcement), n(fte.guards)
  ];
}

export const csvLine = (fields: readonly string[]) => fields.map(csvField).join(',');
export const pipeLine = (fields: readonly string[]) => fields.join('|');

/**
 * Spreads `total` over `weights` in whole numbers that add up to it exactly (largest remainder),
 * with a little seeded noise so neighbouring cells differ.
 */
export function spread(total: number, weights: readonly number[], random: SeededRandom, noise = 0.25): number[] {
  const w = weights.map((x) => x * (1 + noise * (random.float() * 2 - 1)));
  const sum = w.reduce((a, b) => a + b, 0);
  const exact = w.map((x) => (total * x) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k++, left--) out[order[k % order.length][1]]++;
  return out;
}

/** Race shares of a school's students (a western state), in RACES order. */
export const RACE_WEIGHTS = [0.008, 0.035, 0.05, 0.33, 0.004, 0.055, 0.518] as const;

/** Cells of every grade of a school, adding up to `total` (and `adultEd` in AE when given). */
export function membershipCells(total: number, grades: readonly Grade[], random: SeededRandom, adultEd = 0): Partial<Record<Grade, number[]>> {
  const regular = grades.filter((g) => g !== 'AE');
  const cellWeights = RACES.flatMap((_, r) => SEXES.map(() => RACE_WEIGHTS[r] / SEXES.length));
  const byGrade = spread(total - adultEd, regular.map(() => 1), random, 0.15);
  const cells: Partial<Record<Grade, number[]>> = {};
  regular.forEach((g, i) => (cells[g] = spread(byGrade[i], cellWeights, random)));
  if (grades.includes('AE')) cells.AE = spread(adultEd, cellWeights, random);
  return cells;
}

// ---------------------------------------------------------------------------------------------
// The benchmark state

export const STATE_SEED = 20270415;
/** California: a leading-zero FIPS code (06), so every id must stay text. */
export const BENCH_STATE: State = { fips: '06', name: 'CALIFORNIA', abbr: 'CA' };
const BOX = { south: 32.6, north: 41.9, west: -124.2, east: -114.3 };
const DISTRICTS = 150;

export interface StateFiles {
  dir: string;
  paths: { schools: string; enrollment: string; locations: string; staff: string; services: string };
  /** The district the CRDC and services files are for (`--district`). */
  district: string;
  /** Record rows per file (header not counted). */
  rows: { schools: number; enrollment: number; locations: number; staff: number; services: number };
  /** Schools of that district the status filter keeps, and the sum of their Education Unit Totals. */
  districtSchools: number;
  districtEnrollment: number;
  /** Schools of that district left out for a Closed, Inactive or Future status. */
  districtLeftOut: number;
}

const LEVELS: [string, number][] = [['Elementary', 55], ['Middle', 17], ['High', 17], ['Other', 5], ['Not reported', 1], ['Prekindergarten', 1], ['Secondary', 2], ['Ungraded', 1], ['Not applicable', 1]];
const SIZES: Record<string, [number, number]> = { Elementary: [180, 760], Middle: [300, 1150], High: [350, 2700] };
const STATUS_MIX: [Status, number][] = [['Open', 962], ['Closed', 10], ['New', 10], ['Inactive', 5], ['Future', 4], ['Added', 3], ['Reopened', 3], ['Changed Boundary/Agency', 3]];
const NAMES_A = ['Alder', 'Aspen', 'Bay', 'Canyon', 'Cedar', 'Cypress', 'Desert', 'Eucalyptus', 'Foothill', 'Golden', 'Harbor', 'Juniper', 'Laurel', 'Madrone', 'Manzanita', 'Mesa', 'Mission', 'Oak', 'Orchard', 'Pacific', 'Palm', 'Poppy', 'Redwood', 'Ridge', 'Sage', 'Sequoia', 'Sierra', 'Sunset', 'Sycamore', 'Vista', 'Willow', 'Yucca'];
const NAMES_B = ['Park', 'Hills', 'Grove', 'Creek', 'Heights', 'Point', 'Springs', 'Valley', 'View', 'Glen', 'Meadows', 'Crest', 'Landing', 'Terrace', 'Gardens', 'Ranch'];
const ENDINGS: Record<string, string> = { Elementary: 'Elementary School', Middle: 'Middle School', High: 'High School' };

/**
 * Writes the state's directory, membership and geocode files, and one district's CRDC School
 * Support and services files, into `dir`. Seeded: the same bytes on every run.
 */
export async function writeStateFiles(dir: string, schools = 10_000): Promise<StateFiles> {
  mkdirSync(dir, { recursive: true });
  const random = new SeededRandom(STATE_SEED, `state/${schools}`);
  const districts: District[] = Array.from({ length: DISTRICTS }, (_, d) => {
    const code = String(9001 + d);
    return { leaid: `069${code}`, name: `${random.pick(NAMES_A)} ${random.pick(NAMES_B)} Unified School District`, stLeaid: `CA-${code}` };
  });
  // District sizes: a few large ones, many small; the chosen district is a mid-sized one.
  const weights = districts.map((_, d) => (d < 5 ? 12 : 1 + random.float() * 2));
  const counts = spread(schools, weights, random, 0);
  // The chosen district is one of the large ones (about 3% of the state's schools).
  const chosen = 3;
  const paths = {
    schools: join(dir, FILE_NAMES.schools),
    enrollment: join(dir, FILE_NAMES.enrollment),
    locations: join(dir, FILE_NAMES.locations),
    staff: join(dir, FILE_NAMES.staff),
    services: join(dir, `services-${districts[chosen].leaid}.csv`)
  };
  const directory = new CsvWriter(paths.schools, '\r\n');
  const membership = new CsvWriter(paths.enrollment, '\r\n');
  const geocodes = new CsvWriter(paths.locations, '\r\n');
  const support = new CsvWriter(paths.staff, '\r\n');
  const services = new CsvWriter(paths.services, '\n');
  await directory.line(csvLine(CCD_029_COLUMNS));
  await membership.line(csvLine(CCD_052_COLUMNS));
  await geocodes.line(pipeLine(EDGE_COLUMNS));
  await support.line(csvLine(CRDC_SUPPORT_COLUMNS));
  await services.line(csvLine(SERVICES_COLUMNS));

  const grades = GRADE_CODES.slice(0, 14) as Grade[];
  let districtSchools = 0;
  let districtEnrollment = 0;
  let districtLeftOut = 0;
  const kept: string[] = [];
  for (let d = 0; d < DISTRICTS; d++) {
    const district = districts[d];
    const center = { lat: random.between(BOX.south + 0.5, BOX.north - 0.5), lon: random.between(BOX.west + 0.5, BOX.east - 0.5) };
    const county = String(1 + 2 * (d % 58)).padStart(3, '0');
    const countyName = `${random.pick(NAMES_A)} County`;
    for (let i = 0; i < counts[d]; i++) {
      const level = random.weighted(LEVELS);
      // The chosen district has each status the filter leaves out, and a new school, among its first.
      const forced: Status[] = ['Open', 'Closed', 'Inactive', 'Future', 'New', 'Inactive'];
      const status = d === chosen && i < forced.length ? forced[i] : random.weighted(STATUS_MIX);
      // Half of the inactive schools are inactive by their updated status only.
      const viaUpdate = status === 'Inactive' && (d === chosen ? i === 5 : random.chance(0.5));
      const number = String(1001 + i).padStart(5, '0');
      const [min, max] = SIZES[level] ?? [40, 320];
      const school: StateSchool = {
        state: BENCH_STATE,
        district,
        ncessch: district.leaid + number,
        stSchid: `${district.stLeaid}-${number.slice(1)}`,
        name: `${random.pick(NAMES_A)} ${random.pick(NAMES_B)} ${ENDINGS[level] ?? 'Learning Center'}`,
        street: `${100 + random.int(0, 9800)} ${random.pick(NAMES_A)} ${random.pick(['Ave', 'St', 'Blvd', 'Rd', 'Way'])}`,
        city: `${random.pick(NAMES_A)} ${random.pick(NAMES_B)}`,
        zip: String(90001 + random.int(0, 6100)),
        zip4: random.chance(0.7) ? String(random.int(1000, 9999)) : '',
        phone: `(${random.pick(['209', '408', '530', '559', '619', '707', '805', '909', '951'])})555-01${String(random.int(0, 99)).padStart(2, '0')}`,
        website: random.chance(0.7) ? `https://www.${district.leaid}.k12.ca.example/${number}` : '',
        status: viaUpdate ? 'Open' : status,
        updated: status,
        effectiveDate: status === 'Open' ? '07/01/2022' : '10/01/2022',
        type: level === 'Other' ? 4 : level === 'Ungraded' ? 2 : 1,
        charter: random.chance(0.1) ? 'Yes' : 'No',
        grades: status === 'Closed' || status === 'Future' ? [] : level === 'Not reported' ? null : grades,
        level: status === 'Closed' || status === 'Future' ? 'Not applicable' : level,
        lat: random.normal(center.lat, 0.08),
        lon: random.normal(center.lon, 0.1),
        place: {
          county: `06${county}`,
          countyName,
          locale: random.pick(['11', '12', '13', '21', '22', '23', '31', '32', '33', '41', '42', '43']),
          cbsa: '40900',
          cbsaName: 'Sacramento-Roseville-Folsom, CA',
          cbsaType: '1',
          csa: '472',
          csaName: 'Sacramento-Roseville, CA',
          cd: `06${String(1 + (d % 52)).padStart(2, '0')}`,
          sldl: `06${String(1 + (d % 80)).padStart(3, '0')}`,
          sldu: `06${String(1 + (d % 40)).padStart(3, '0')}`
        }
      };
      const leftOut = LEFT_OUT_STATUSES.includes(status);
      let m: Membership;
      if (status === 'Closed' || status === 'Future') m = { kind: 'not applicable' };
      else if (d !== chosen && random.chance(0.003)) m = { kind: 'not reported', grades };
      else m = { kind: 'reported', cells: membershipCells(Math.round(min + (max - min) * random.float() ** 1.8), grades, random) };
      await directory.line(csvLine(ccd029Fields(school)));
      for (const line of ccd052Lines(school, m)) await membership.line(line);
      await geocodes.line(pipeLine(edgeFields(school)));
      if (d !== chosen) continue;
      if (leftOut) districtLeftOut++;
      else {
        districtSchools++;
        districtEnrollment += educationUnitTotal(m)!;
        kept.push(school.ncessch);
      }
      // CRDC 2020-21 has every school of the district but the ones new since then.
      if (status === 'Future' || status === 'New') continue;
      const fte = (mean: number) => (random.chance(0.04) ? random.pick(CRDC_RESERVE_CODES) : Math.round(random.between(0, mean) * 10) / 10);
      const teachers = Math.round(random.between(12, 90) * 10) / 10;
      const certified = Math.round(teachers * 9.5) / 10;
      await support.line(
        csvLine(
          crdcSupportFields(school, {
            teachers: [teachers, certified, Math.round((teachers - certified) * 10) / 10],
            counselors: fte(3),
            nurses: fte(1),
            psychologists: fte(1.2),
            socialWorkers: fte(1),
            lawEnforcement: fte(1),
            guards: fte(2)
          })
        )
      );
    }
  }
  const SERVICES: [string, string, string, number][] = [
    ['District Counseling Department', 'school', 'sel_curriculum', 1],
    ['District Counseling Department', 'school', 'group_counseling', 2],
    ['Valley Family Services', 'community', 'individual_counseling', 3],
    ['Bright Paths Mentoring', 'community', 'mentoring', 2],
    ['Sierra Behavioral Health', 'community', 'family_therapy', 3]
  ];
  for (const id of kept) {
    for (const [provider, type, service, tier] of SERVICES) {
      if (!random.chance(0.7)) continue;
      await services.line(csvLine([id, provider, type, service, String(tier), String(tier === 1 ? random.int(200, 900) : random.int(5, 60)), 'English;Spanish', tier === 3 ? 'yes' : 'no', 'General fund', type === 'community' ? 'yes' : '']));
    }
  }
  await services.line(csvLine(['*', 'County Mobile Crisis Team', 'community', 'crisis_intervention', '3', '400', 'English;Spanish', 'no', 'County behavioral health', 'yes']));

  const writers = { schools: directory, enrollment: membership, locations: geocodes, staff: support, services };
  for (const w of Object.values(writers)) await w.close();
  const rows = Object.fromEntries(Object.entries(writers).map(([k, w]) => [k, w.lines - 1])) as StateFiles['rows'];
  return { dir, paths, district: districts[chosen].leaid, rows, districtSchools, districtEnrollment, districtLeftOut };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: npx tsx bench/state-files.ts DIR [SCHOOLS]');
    process.exit(2);
  }
  const started = performance.now();
  const files = await writeStateFiles(resolve(dir), process.argv[3] ? Number(process.argv[3]) : undefined);
  const seconds = (performance.now() - started) / 1000;
  for (const [kind, path] of Object.entries(files.paths)) {
    const rows = files.rows[kind as keyof StateFiles['rows']];
    console.log(`${kind.padEnd(10)} ${path}  ${rows.toLocaleString('en-US')} rows  ${(statSync(path).size / 1e6).toFixed(1)} MB`);
  }
  console.log(`district ${files.district}: ${files.districtSchools} schools kept (${files.districtLeftOut} closed, inactive or future left out), enrollment ${files.districtEnrollment}`);
  console.log(`written in ${seconds.toFixed(1)} s`);
}
