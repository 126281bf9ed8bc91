/**
 * Writes the benchmark's two invented districts into bench/generated/, in the data contract's
 * formats and as messy as real exports are: friendly header synonyms (`School ID`, `Total
 * Enrollment`), tier labels (`Tier 2`, `T3`, `III`), role names (`Guidance Counselor`, `RN`),
 * numbers with thousands separators in quotes, a byte-order mark, CRLF line ends, quoted commas
 * and line breaks, extra columns, and the family survey as a Google Forms export.
 *
 *   district: 1,600 schools, about 900,000 students, 100,000 survey responses
 *   state:    10,000 schools, about 5 million students, 40,000 staff rows, 60,000 services,
 *             1,000,000 survey responses
 *
 * Every school, agency and answer is invented. All chance comes from seeded generators, so the
 * files are the same byte for byte on every run; a manifest records the seed and version, and a
 * run finds the files already there skips writing them.
 *
 *   npx tsx bench/generate.ts [--force]
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MISSING_ANSWERS } from '../src/lib/core/contract/survey';
import { ROLES, SERVICE_TYPES, TIER_LABELS, serviceLabel, type Tier } from '../src/lib/core/contract/vocabulary';
import { parseScales } from '../src/lib/core/survey/scales';
import { parseTemplate, type TemplateItem } from '../src/lib/core/survey/template';
import { SeededRandom } from '../scripts/seeded-random';
import { CsvWriter, csvField } from './lib/csv-writer';

/** Bump when the files' content changes, so older generated files are written again. */
export const GENERATOR_VERSION = 1;
export const SEED = 20270301;

export const GENERATED_DIR = fileURLToPath(new URL('./generated/', import.meta.url));
const TEMPLATE = fileURLToPath(new URL('../survey-templates/family-midyear.csv', import.meta.url));
// Read here, not through builtin-scales.ts: this script runs under plain tsx, without the `?raw` loader.
const SCALES_FILE = fileURLToPath(new URL('../survey-templates/scales.csv', import.meta.url));

export type SizeName = 'district' | 'state';
export type BenchKind = 'schools' | 'staff' | 'services' | 'needs' | 'survey';

interface SizeSpec {
  name: SizeName;
  schools: number;
  students: number;
  staffRows: number;
  serviceRows: number;
  /** Schools that sent screening counts (three needs rows each). */
  screenedSchools: number;
  respondents: number;
  /** Where the schools are: a box of latitude and longitude, with towns inside it. */
  box: { south: number; north: number; west: number; east: number };
  idPrefix: string;
}

export const SIZES: Record<SizeName, SizeSpec> = {
  district: {
    name: 'district',
    schools: 1_600,
    students: 900_000,
    staffRows: 6_400,
    serviceRows: 9_600,
    screenedSchools: 400,
    respondents: 100_000,
    // A large coastal city.
    box: { south: 40.55, north: 40.9, west: -74.2, east: -73.72 },
    idPrefix: 'MC'
  },
  state: {
    name: 'state',
    schools: 10_000,
    students: 5_000_000,
    staffRows: 40_000,
    serviceRows: 60_000,
    screenedSchools: 2_500,
    respondents: 1_000_000,
    // A midwestern state's extent (the schools and towns are invented).
    box: { south: 38.45, north: 41.95, west: -84.8, east: -80.55 },
    idPrefix: '39'
  }
};

/** The file of each kind, with a name a district would give it. */
export const FILE_NAMES: Record<BenchKind, string> = {
  schools: 'schools.csv',
  staff: 'staff.csv',
  services: 'services.csv',
  needs: 'needs.csv',
  survey: 'survey-family-midyear.csv'
};

export function benchFile(size: SizeName, kind: BenchKind): string {
  return join(GENERATED_DIR, size, FILE_NAMES[kind]);
}

// ---------------------------------------------------------------------------------------------
// Seeded chance, in the sample generator's style: one stream per part of the data.

class Random extends SeededRandom {
  private spare: number | null = null;
  constructor(stream: string) {
    super(SEED, stream);
  }
  /** Box–Muller, both halves used: the survey draws ten million of these. */
  override normal(mean = 0, sd = 1): number {
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return mean + sd * z;
    }
    const u = 1 - this.float();
    const v = this.float();
    const m = Math.sqrt(-2 * Math.log(u));
    this.spare = m * Math.sin(2 * Math.PI * v);
    return mean + sd * m * Math.cos(2 * Math.PI * v);
  }
}

const clamp = (x: number, min: number, max: number) => Math.min(max, Math.max(min, x));

/** `1480` → `1,480`. */
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, ',');

// ---------------------------------------------------------------------------------------------
// Schools

type Level = 'elementary' | 'middle' | 'high' | 'k8' | 'other';

interface School {
  id: string;
  name: string;
  level: Level;
  enrollment: number;
  latitude?: number;
  longitude?: number;
  frl: number;
  ell: number;
  county: string;
}

const LEVEL_MIX: [Level, number][] = [['elementary', 58], ['middle', 17], ['high', 16], ['k8', 6], ['other', 3]];
const SIZE: Record<Level, { min: number; max: number; skew: number }> = {
  elementary: { min: 180, max: 750, skew: 1.8 },
  middle: { min: 300, max: 1100, skew: 1.8 },
  high: { min: 350, max: 2600, skew: 2.2 },
  k8: { min: 200, max: 900, skew: 1.8 },
  other: { min: 40, max: 300, skew: 1.5 }
};
/** How each level is written in the files: many spellings, one meaning. */
const LEVEL_SPELLINGS: Record<Level, string[]> = {
  elementary: ['Elementary', 'elementary', 'ELEMENTARY'],
  middle: ['Middle', 'MIDDLE'],
  high: ['High', 'high'],
  k8: ['K-8', 'K8', 'k8'],
  other: ['Other', 'other']
};
const NAME_ENDINGS: Record<Level, string[]> = {
  elementary: ['Elementary School', 'Elementary', 'Primary School'],
  middle: ['Middle School', 'Junior High School'],
  high: ['High School', 'Senior High School', 'Career Academy'],
  k8: ['K-8 School', 'Academy'],
  other: ['Alternative School', 'Learning Center', 'Re-Engagement Program']
};
const NAME_FIRST = [
  'Maple', 'Cedar', 'Oak', 'Willow', 'Birch', 'Aspen', 'Linden', 'Chestnut', 'Hickory', 'Sycamore', 'Pine',
  'Elm', 'Juniper', 'Magnolia', 'Walnut', 'Laurel', 'Hawthorne', 'Alder', 'Poplar', 'Cypress', 'River', 'Lake',
  'Prairie', 'Meadow', 'Stone', 'Granite', 'Copper', 'Silver', 'Golden', 'Cardinal', 'Bluebird', 'Heron',
  'Falcon', 'Fox', 'Deer', 'Eagle', 'Kingfisher', 'Sparrow', 'Lark', 'Robin', 'Summit', 'Valley', 'Ridge',
  'Harbor', 'Bridge', 'Mill', 'Orchard', 'Clover', 'Sunrise', 'Evergreen', 'Canal', 'Quarry', 'Liberty',
  'Union', 'Franklin', 'Jefferson', 'Lincoln', 'Garfield', 'Douglass', 'Tubman', 'Carver', 'Addams', 'Parks',
  'Chavez', 'Keller', 'Whitman', 'Dickinson', 'Edison', 'Curie', 'Banneker', 'Hughes', 'Morrison', 'Ride',
  'Glenn', 'Armstrong', 'Owens', 'Clemente', 'Huerta'
];
const NAME_SECOND = [
  'Park', 'Hill', 'Grove', 'Creek', 'Heights', 'Point', 'Springs', 'Crossing', 'Woods', 'Glen', 'Brook',
  'Fields', 'Terrace', 'Village', 'Landing', 'Run', 'Hollow', 'Bend', 'View', 'Square', 'Commons', 'Knoll',
  'Shore', 'Trail', 'Gate', 'Ford', 'Mills', 'Station', 'Ridge', 'Pointe', 'Acres', 'Chase', 'Green',
  'Haven', 'Vale', 'Dale', 'Court', 'Bluff', 'Harbor', 'Way', 'Plains', 'Corners', 'Falls', 'Lakes',
  'Meadows', 'Oaks', 'Pines', 'Farms', 'Estates', 'Valley'
];
const COUNTIES = [
  'Adams', 'Ashland', 'Belmont', 'Brown', 'Butler', 'Carroll', 'Clark', 'Clinton', 'Crawford', 'Darke',
  'Delaware', 'Erie', 'Fairfield', 'Fayette', 'Franklin', 'Geauga', 'Greene', 'Hamilton', 'Hancock', 'Hardin',
  'Harrison', 'Henry', 'Highland', 'Holmes', 'Huron', 'Jackson', 'Knox', 'Lake', 'Lawrence', 'Licking',
  'Logan', 'Lorain', 'Madison', 'Marion', 'Medina', 'Meigs', 'Mercer', 'Miami', 'Monroe', 'Morgan', 'Morrow',
  'Noble', 'Ottawa', 'Perry', 'Pickaway', 'Pike', 'Portage', 'Preble', 'Putnam', 'Richland', 'Ross',
  'Sandusky', 'Scioto', 'Seneca', 'Shelby', 'Stark', 'Summit', 'Union', 'Vinton', 'Warren', 'Wayne',
  'Williams', 'Wood', 'Wyandot'
];

/** Schools cluster in towns: a few cities hold many, the countryside a few each. */
function placeTowns(spec: SizeSpec, random: Random) {
  const towns = Array.from({ length: spec.name === 'state' ? 260 : 24 }, (_, i) => ({
    latitude: random.between(spec.box.south, spec.box.north),
    longitude: random.between(spec.box.west, spec.box.east),
    weight: i < 8 ? random.between(20, 60) : random.between(1, 6),
    spread: i < 8 ? 0.12 : 0.05,
    county: COUNTIES[i % COUNTIES.length]
  }));
  return towns;
}

function buildSchools(spec: SizeSpec): School[] {
  const random = new Random(`${spec.name}/schools`);
  const towns = placeTowns(spec, random);
  const townWeights = towns.map((t, i) => [i, t.weight] as const);
  const levelOf = () => random.weighted(LEVEL_MIX);
  const used = new Set<string>();
  const schools: School[] = [];
  const sizes: number[] = [];
  for (let i = 0; i < spec.schools; i++) {
    const level = levelOf();
    const town = towns[random.weighted(townWeights)];
    const { min, max, skew } = SIZE[level];
    sizes.push(min + (max - min) * random.float() ** skew);
    const stem = `${random.pick(NAME_FIRST)} ${random.pick(NAME_SECOND)}`;
    let name = `${stem} ${random.pick(NAME_ENDINGS[level])}`;
    // A few names are written "Surname, Given": a quoted comma in every file that names them.
    if (random.chance(0.004)) name = `${random.pick(NAME_SECOND)}, ${random.pick(NAME_FIRST)} ${random.pick(NAME_ENDINGS[level])}`;
    if (used.has(name)) name = `${name} of ${town.county}`;
    for (let n = 2; used.has(name); n++) name = `${stem} ${NAME_ENDINGS[level][0]} No. ${n}`;
    used.add(name);
    const mapped = !random.chance(0.01);
    const latitude = clamp(random.normal(town.latitude, town.spread), spec.box.south, spec.box.north);
    const longitude = clamp(random.normal(town.longitude, town.spread * 1.3), spec.box.west, spec.box.east);
    const frl = clamp(random.normal(52, 22), 2, 99);
    schools.push({
      id: spec.idPrefix === '39' ? `39${String(1 + Math.floor(i / 12)).padStart(5, '0')}${String(i).padStart(5, '0')}` : `${spec.idPrefix}${String(i + 1).padStart(4, '0')}`,
      name,
      level,
      enrollment: 0,
      latitude: mapped ? latitude : undefined,
      longitude: mapped ? longitude : undefined,
      frl,
      ell: clamp(frl * 0.3 + random.normal(0, 7), 0, 90),
      county: town.county
    });
  }
  // Scaled together to the target total.
  const factor = spec.students / sizes.reduce((s, x) => s + x, 0);
  schools.forEach((s, i) => (s.enrollment = Math.max(20, Math.round(sizes[i] * factor))));
  return schools;
}

async function writeSchools(spec: SizeSpec, schools: School[], path: string) {
  const random = new Random(`${spec.name}/schools-file`);
  // The state file: NCES-like friendly headers and an extra column; the district's: other synonyms.
  const header =
    spec.name === 'state'
      ? ['School ID', 'School Name', 'Total Enrollment', 'Grade Span', 'Lat', 'Lon', 'Free Reduced Lunch Pct', 'ELL', 'County']
      : ['NCESSCH', 'SCH_NAME', 'Students', 'school level', 'LATITUDE', 'LONGITUDE', 'FRL', 'English Learners Pct', 'County'];
  const out = new CsvWriter(path, '\n', true);
  out.row(header);
  for (const s of schools) {
    const enrollment = s.enrollment >= 1000 && random.chance(0.6) ? thousands(s.enrollment) : random.chance(0.05) ? ` ${s.enrollment} ` : String(s.enrollment);
    const level = random.chance(0.002) ? 'NOT REPORTED' : random.pick(LEVEL_SPELLINGS[s.level]);
    const frl = random.chance(0.3) ? `${s.frl.toFixed(1)}%` : s.frl.toFixed(1);
    await out.row([
      s.id,
      s.name,
      enrollment,
      level,
      s.latitude === undefined ? '' : s.latitude.toFixed(5),
      s.longitude === undefined ? '' : s.longitude.toFixed(5),
      frl,
      s.ell.toFixed(1),
      `${s.county} County`
    ]);
  }
  // A spreadsheet's trailing blank line.
  await out.line('');
  await out.close();
}

// ---------------------------------------------------------------------------------------------
// Staff: the contract's roles in the names HR exports use.

const ROLE_SPELLINGS: Record<string, string[]> = {
  school_psychologist: ['School Psychologist', 'Psychologist', 'psych'],
  school_counselor: ['Guidance Counselor', 'School Counselor', 'counselor', 'COUNSELOR'],
  school_social_worker: ['School Social Worker', 'Social Worker', 'SW'],
  school_nurse: ['School Nurse', 'Nurse', 'RN']
};
for (const { role } of ROLES) if (!ROLE_SPELLINGS[role]) throw new Error(`no spellings for the contract's role ${role}`);
const ROLE_MIX: [string, number][] = [['school_counselor', 40], ['school_psychologist', 20], ['school_social_worker', 18], ['school_nurse', 22]];

async function writeStaff(spec: SizeSpec, schools: School[], path: string) {
  const random = new Random(`${spec.name}/staff`);
  // CRLF, as Excel writes CSV.
  const out = new CsvWriter(path, '\r\n');
  out.row(spec.name === 'state' ? ['School Code', 'Position', 'FTE Assigned'] : ['school_id', 'Title', 'Full Time Equivalent']);
  for (let i = 0; i < spec.staffRows; i++) {
    const school = schools[Math.floor((i * schools.length) / spec.staffRows)];
    const role = random.weighted(ROLE_MIX);
    const fte = random.weighted<string>([['1', 5], ['1.0', 2], ['0.5', 4], [' 0.5', 1], ['0.2', 2], ['0.8', 2], ['0.6', 1], ['0.4', 1]]);
    await out.row([school.id, random.pick(ROLE_SPELLINGS[role]), fte]);
  }
  await out.close();
}

// ---------------------------------------------------------------------------------------------
// Services: each school's own programs and community agencies, in a resource-mapping sheet.

const AGENCY_KINDS = [
  'Family Services', 'Behavioral Health', 'Counseling Center', 'Youth Services', 'Community Mental Health Center',
  'Child Guidance Clinic', 'Wellness Collaborative', 'Family Resource Center', 'Recovery Services', 'Health Partners'
];
const SERVICE_MIX: [string, Tier, number][] = [
  ['sel_curriculum', 1, 8], ['schoolwide_prevention', 1, 6], ['screening', 1, 5], ['staff_training', 1, 2],
  ['parent_education', 1, 2], ['classroom_consultation', 1, 1], ['group_counseling', 2, 8], ['check_in_check_out', 2, 6],
  ['mentoring', 2, 4], ['individual_counseling', 3, 9], ['case_management', 3, 3], ['family_therapy', 3, 3],
  ['crisis_intervention', 3, 2], ['psychiatric_care', 3, 1], ['substance_use', 3, 1], ['telehealth', 3, 2],
  ['wraparound', 3, 1]
];
for (const [s] of SERVICE_MIX) if (!(SERVICE_TYPES as readonly string[]).includes(s)) throw new Error(`${s} is not in the contract's service vocabulary`);
const LANGUAGES = ['', 'en', 'en;es', 'English; Spanish', 'en;es;vi', 'English;Somali', 'en;es;ar', 'es'];
const FUNDING = ['', 'Medicaid', 'Title I', 'District general fund', 'ESSER, state grant', 'Grant: SAMHSA Project AWARE', 'Private insurance'];

async function writeServices(spec: SizeSpec, schools: School[], path: string) {
  const random = new Random(`${spec.name}/services`);
  const agencies = Array.from({ length: spec.name === 'state' ? 600 : 90 }, (_, i) =>
    i % 37 === 5 ? `Hope, Health & Healing Center ${i}` : `${random.pick(NAME_FIRST)} ${random.pick(AGENCY_KINDS)}`
  );
  const mix = SERVICE_MIX.map(([s, t, w]) => [[s, t] as const, w] as const);
  const out = new CsvWriter(path);
  out.row(['School ID', 'Agency', 'Provider Category', 'Service Type', 'MTSS Tier', 'Students Served', 'Languages Offered', 'Diagnosis Required', 'Funding Source', 'MOU']);
  const shared = 20;
  for (let i = 0; i < spec.serviceRows; i++) {
    // The last rows are open to every school (`*`), as a district's telehealth or crisis line is.
    const everyone = i >= spec.serviceRows - shared;
    const school = everyone ? undefined : schools[Math.floor((i * schools.length) / (spec.serviceRows - shared))];
    const [service, tier] = everyone ? [random.pick(['telehealth', 'crisis_intervention', 'wraparound']), 3 as Tier] : random.weighted(mix);
    const community = everyone || random.chance(tier === 3 ? 0.6 : 0.25);
    const capacity = everyone
      ? random.int(spec.students / 2000, spec.students / 400)
      : tier === 1
        ? Math.round(school!.enrollment * random.between(0.5, 1))
        : tier === 2
          ? random.int(10, 120)
          : random.int(2, 40);
    const capacityText = capacity >= 1000 && random.chance(0.7) ? thousands(capacity) : String(capacity);
    const serviceText = random.chance(0.001) ? 'Yoga club' : random.chance(0.5) ? serviceLabel(service) : service;
    const diagnosis = community && tier === 3 ? random.pick(['Yes', 'Y', 'TRUE', 'yes', 'No']) : random.pick(['No', 'n', 'false', '']);
    await out.row([
      everyone ? '*' : school!.id,
      community ? random.pick(agencies) : `${school!.name} ${random.pick(['counseling team', 'student support team', 'teachers', 'nursing office'])}`,
      community ? random.pick(['community', 'Community']) : random.pick(['school', 'School']),
      serviceText,
      random.pick(TIER_LABELS[tier]),
      capacityText,
      random.pick(LANGUAGES),
      diagnosis,
      random.pick(FUNDING),
      community ? random.pick(['yes', 'no', 'Y', 'N', '']) : ''
    ]);
  }
  await out.close();
}

async function writeNeeds(spec: SizeSpec, schools: School[], path: string) {
  const random = new Random(`${spec.name}/needs`);
  const out = new CsvWriter(path);
  out.row(['School ID', 'MTSS Tier', 'Students Identified']);
  for (const s of random.shuffle(schools).slice(0, spec.screenedSchools)) {
    const share: Record<Tier, number> = { 1: 1, 2: random.between(0.08, 0.25), 3: random.between(0.02, 0.09) };
    for (const tier of [1, 2, 3] as Tier[]) {
      const students = Math.round(s.enrollment * share[tier]);
      await out.row([s.id, random.pick(TIER_LABELS[tier]), students >= 1000 ? thousands(students) : students]);
    }
  }
  await out.close();
}

// ---------------------------------------------------------------------------------------------
// The family mid-year survey: one row per respondent, as a form tool exports it.

const CONSTRUCT_MEAN: Record<string, number> = { awareness: 3.1, access: 3.0, communication: 3.4, satisfaction: 3.5, climate: 4.0 };
const COMMENTS = [
  'Thank you to the counselor, she has been great.',
  'We did not know the school had a social worker.',
  'Please send information in Spanish, "por favor".',
  'The wait for an appointment was long,\nbut it helped.'
];
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Google Forms' timestamp: M/D/YYYY H:MM:SS, no leading zeros on M, D and H. */
function formsTimestamp(dayOfYear: number, secondOfDay: number): string {
  let month = 0;
  let day = dayOfYear;
  while (day >= MONTH_DAYS[month]) day -= MONTH_DAYS[month++];
  const h = Math.floor(secondOfDay / 3600);
  const m = Math.floor((secondOfDay % 3600) / 60);
  const s = secondOfDay % 60;
  return `${month + 1}/${day + 1}/2027 ${h}:${m < 10 ? '0' : ''}${m}:${s < 10 ? '0' : ''}${s}`;
}

/** Cumulative enrollment, to draw a school for each respondent by size (a binary search). */
function schoolDrawer(schools: School[], random: Random): () => number {
  const cumulative = new Float64Array(schools.length);
  let total = 0;
  schools.forEach((s, i) => (cumulative[i] = total += s.enrollment));
  return () => {
    const r = random.float() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

async function writeSurvey(spec: SizeSpec, schools: School[], path: string) {
  const random = new Random(`${spec.name}/survey`);
  const scales = parseScales('scales.csv', readFileSync(SCALES_FILE, 'utf8'));
  const template = parseTemplate('family-midyear', readFileSync(TEMPLATE, 'utf8'), scales);
  const items: TemplateItem[] = template.items;
  const points = scales.agree5.points;
  const [dontKnowEn, dontKnowEs, notApplicable] = MISSING_ANSWERS;
  // Labels quoted once, not a million times.
  const label = { en: points.map((p) => csvField(p.en)), es: points.map((p) => csvField(p.es)) };
  const constructIndex = items.map((i) => template.constructs.indexOf(i.construct));
  const itemMean = items.map((i) => CONSTRUCT_MEAN[i.construct] ?? 3.3);
  // Each school differs a little on each construct.
  const effects = schools.map(() => template.constructs.map(() => random.normal(0, 0.35)));
  const spanishShare = schools.map((s) => clamp(0.05 + s.ell / 60, 0.02, 0.8));
  // The state's file: Google Forms, items by English text, schools by name under a question.
  // The district's: a "School" column of ids, items headed in Spanish, an "Idioma" column.
  const state = spec.name === 'state';
  const header = [
    'Timestamp',
    state ? 'Which school does your child attend?' : 'School',
    state ? 'Survey language' : 'Idioma',
    ...items.map((i) => (state ? i.text_en : i.text_es)),
    'Anything else you would like to tell us?'
  ];
  const schoolCell = schools.map((s) => csvField(state ? s.name : s.id));
  const drawSchool = schoolDrawer(schools, random);
  const days = 54;
  const out = new CsvWriter(path);
  out.row(header);
  const answers = new Array<string>(items.length);
  for (let n = 0; n < spec.respondents; n++) {
    const s = drawSchool();
    const spanish = random.float() < spanishShare[s];
    const outlook = random.normal(0, 0.45);
    for (let k = 0; k < items.length; k++) {
      const u = random.float();
      if (u < 0.02) answers[k] = '';
      else if (u < 0.055) answers[k] = spanish ? dontKnowEs : dontKnowEn;
      else if (u < 0.06) answers[k] = notApplicable;
      else {
        const value = clamp(Math.round(itemMean[k] + effects[s][constructIndex[k]] + outlook + random.normal(0, 0.85)), 1, 5);
        // Some forms export the number behind the label.
        answers[k] = u > 0.97 ? String(value) : (spanish ? label.es : label.en)[value - 1];
      }
    }
    const c = random.float();
    const comment = c < 0.02 ? csvField(COMMENTS[Math.floor(c * 200) % COMMENTS.length]) : '';
    const day = 3 + Math.floor((n * days) / spec.respondents);
    const time = formsTimestamp(day, 21_600 + Math.floor(random.float() * 61_200));
    const pending = out.line(`${time},${schoolCell[s]},${spanish ? 'Español' : 'English'},${answers.join(',')},${comment}`);
    if (pending) await pending;
  }
  await out.close();
}

// ---------------------------------------------------------------------------------------------

interface Manifest {
  version: number;
  seed: number;
  files: Record<string, number>;
}

const MANIFEST = join(GENERATED_DIR, 'manifest.json');

function upToDate(): boolean {
  if (!existsSync(MANIFEST)) return false;
  try {
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
    if (manifest.version !== GENERATOR_VERSION || manifest.seed !== SEED) return false;
    const expected = (Object.keys(SIZES) as SizeName[]).flatMap((size) => (Object.keys(FILE_NAMES) as BenchKind[]).map((kind) => benchFile(size, kind)));
    return expected.every((path) => existsSync(path) && statSync(path).size === manifest.files[path.slice(GENERATED_DIR.length)]);
  } catch {
    return false;
  }
}

/**
 * Writes one size's district files (not the survey) into `dir`, as `generate` writes them: the
 * tests load the state this way to hold every page's counts to one another at scale.
 */
export async function writeDistrict(size: SizeName, dir: string): Promise<Record<Exclude<BenchKind, 'survey'>, string>> {
  const spec = SIZES[size];
  const schools = buildSchools(spec);
  const paths = {
    schools: join(dir, FILE_NAMES.schools),
    staff: join(dir, FILE_NAMES.staff),
    services: join(dir, FILE_NAMES.services),
    needs: join(dir, FILE_NAMES.needs)
  };
  await writeSchools(spec, schools, paths.schools);
  await writeStaff(spec, schools, paths.staff);
  await writeServices(spec, schools, paths.services);
  await writeNeeds(spec, schools, paths.needs);
  return paths;
}

/** Writes both sizes unless the manifest says the same version and seed wrote them already. */
export async function generate(options: { force?: boolean; log?: (line: string) => void } = {}): Promise<{ skipped: boolean; ms: number }> {
  const started = performance.now();
  if (!options.force && upToDate()) return { skipped: true, ms: performance.now() - started };
  const files: Record<string, number> = {};
  for (const spec of Object.values(SIZES)) {
    mkdirSync(join(GENERATED_DIR, spec.name), { recursive: true });
    const schools = buildSchools(spec);
    const writers: Record<BenchKind, (spec: SizeSpec, schools: School[], path: string) => Promise<void>> = {
      schools: writeSchools,
      staff: writeStaff,
      services: writeServices,
      needs: writeNeeds,
      survey: writeSurvey
    };
    for (const kind of Object.keys(writers) as BenchKind[]) {
      const t = performance.now();
      const path = benchFile(spec.name, kind);
      await writers[kind](spec, schools, path);
      files[path.slice(GENERATED_DIR.length)] = statSync(path).size;
      options.log?.(`  ${spec.name}/${FILE_NAMES[kind]}: ${(statSync(path).size / 1e6).toFixed(1)} MB in ${Math.round(performance.now() - t)} ms`);
    }
  }
  const manifest: Manifest = { version: GENERATOR_VERSION, seed: SEED, files };
  writeFileSync(MANIFEST, JSON.stringify(manifest, null, 2) + '\n');
  return { skipped: false, ms: performance.now() - started };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { skipped, ms } = await generate({ force: process.argv.includes('--force'), log: console.log });
  console.log(skipped ? 'bench/generated is up to date (same seed and version).' : `Generated in ${(ms / 1000).toFixed(1)} s.`);
}
