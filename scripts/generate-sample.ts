/**
 * Writes the sample district into sample-data/.
 *
 * Harbor City Public Schools is FICTIONAL. Every school, agency, person and survey answer
 * below is invented. Only the district's size and shape follow a real district: Boston's
 * count of schools and enrollment, US average staffing ratios, and the share of schools
 * that community agencies reach, as in our research.
 *
 * The output is the same byte for byte on every run: all chance comes from a seeded
 * generator, and nothing reads the clock or the locale.
 *
 *   npm run sample        (runs: tsx scripts/generate-sample.ts)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { FILES, type FileKind } from '../src/lib/core/contract/files';
import { MISSING_ANSWERS } from '../src/lib/core/contract/survey';
import { parseScales } from '../src/lib/core/survey/scales';
import {
  LEVELS,
  PROVIDER_TYPES,
  ROLES,
  SERVICE_TYPES,
  TIERS,
  YES_NO,
  serviceLabel,
  type Tier
} from '../src/lib/core/contract/vocabulary';
import { SeededRandom } from './seeded-random';

const SEED = 20270115;

const OUT_DIR = fileURLToPath(new URL('../sample-data/', import.meta.url));
const TEMPLATE = fileURLToPath(new URL('../survey-templates/family-midyear.csv', import.meta.url));
// Read here, not through builtin-scales.ts: this script runs under plain tsx, without the `?raw` loader.
const SCALES = parseScales('scales.csv', readFileSync(fileURLToPath(new URL('../survey-templates/scales.csv', import.meta.url)), 'utf8'));
const SURVEY_FILE = 'survey-family-midyear.csv';

const DISTRICT = 'Harbor City Public Schools';
const DISTRICT_OFFICE = 'HCPS Student Support Services';

/** Boston-sized: about 57,000 students in 127 schools. */
const TARGET_ENROLLMENT = 57_000;
const SCHOOLS_WITHOUT_COORDINATES = 3;
const SCHOOLS_SERVED_BY_AGENCIES = 90;
const COMMUNITY_TIER3_CAPACITY = 3_500;
const COMMUNITY_ROWS_WITHOUT_AGREEMENT = 0.25;
const SCHOOLS_WITH_SCREENING_COUNTS = 42;
const TARGET_RESPONDENTS = 6_000;

// ---------------------------------------------------------------------------------------------
// The contract's words, looked up (not re-typed) so a renamed term fails here, loudly.

type Level = (typeof LEVELS)[number];
type ServiceType = (typeof SERVICE_TYPES)[number];
type ProviderType = (typeof PROVIDER_TYPES)[number];

function contractTerm<T extends string>(list: readonly T[], term: string): T {
  const found = list.find((t) => t === term);
  if (!found) throw new Error(`"${term}" is not in the data contract's vocabulary`);
  return found;
}
const service = (s: ServiceType): ServiceType => contractTerm(SERVICE_TYPES, s);
const providerType = (p: ProviderType): ProviderType => contractTerm(PROVIDER_TYPES, p);
const level = (l: Level): Level => contractTerm(LEVELS, l);
const roleId = (r: string): string => contractTerm(ROLES.map((x) => x.role), r);

const PSYCHOLOGIST = roleId('school_psychologist');
const COUNSELOR = roleId('school_counselor');
const SOCIAL_WORKER = roleId('school_social_worker');
const NURSE = roleId('school_nurse');

const YES = YES_NO.yes[0];
const NO = YES_NO.no[0];
const SCHOOL = providerType('school');
const COMMUNITY = providerType('community');

const [DONT_KNOW_EN, DONT_KNOW_ES] = MISSING_ANSWERS;
if (DONT_KNOW_EN !== "Don't know" || DONT_KNOW_ES !== 'No sé') {
  throw new Error('MISSING_ANSWERS changed order: update the survey section');
}

// ---------------------------------------------------------------------------------------------
// Seeded chance. Each part of the district draws from its own stream, so changing how the
// survey is drawn does not move a single school.

class Random extends SeededRandom {
  constructor(stream: string) {
    super(SEED, stream);
  }
}

const clamp = (x: number, min: number, max: number) => Math.min(max, Math.max(min, x));
const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
/** At most `digits` decimals, no trailing zeros: 1, 0.5, 0.25. */
const decimal = (x: number, digits: number) => String(Number(x.toFixed(digits)));

// ---------------------------------------------------------------------------------------------
// Schools

interface School {
  id: string;
  name: string;
  level: Level;
  enrollment: number;
  latitude?: number;
  longitude?: number;
  frl: number;
  ell: number;
}

/** Boston's mix, roughly: many small elementary schools, a few large high schools. */
const LEVEL_MIX: [Level, number][] = [
  [level('elementary'), 75],
  [level('middle'), 20],
  [level('high'), 20],
  [level('k8'), 8],
  [level('other'), 4]
];

/** Enrollment range by level, and how strongly sizes bunch toward the small end. */
const SIZE: Record<string, { min: number; max: number; skew: number }> = {
  elementary: { min: 250, max: 650, skew: 2.5 },
  middle: { min: 400, max: 900, skew: 2 },
  high: { min: 600, max: 1600, skew: 3 },
  k8: { min: 300, max: 750, skew: 2 },
  other: { min: 60, max: 250, skew: 1.5 }
};

/** Invented names: places in an imaginary harbor city, and people who never lived. */
const PLACE_NAMES = [
  'Harborview', 'Eastside', 'Northgate', 'Bayside', 'Seabright', 'Gull Rock', 'Cormorant Bay',
  'Sandpiper', 'Heron Marsh', 'Driftwood', 'Lantern Hill', 'Mill River', 'Quarry Hill',
  'Saltmarsh', 'Ferry Landing', "Cooper's Wharf", 'Ropewalk', 'Chandler Street', 'Anchor Bend',
  'Compass Rose', 'Shipyard', 'Kettle Pond', 'Brickyard', 'Orchard Park', 'Linden Grove',
  'Maple Terrace', 'Cedar Knoll', 'Birch Meadow', 'Willow Brook', 'Elm Crossing', 'Aspen Ridge',
  'Juniper Hill', 'Hawthorne Square', 'Chestnut Ridge', 'Sycamore Lane', 'Riverbend',
  'Stony Brook', 'Foxglove', 'Clover Hill', 'Meadowlark', 'Bluebird', 'Kingfisher',
  'Osprey Point', 'Pelican Reach', 'Mariner', 'Sailmaker', 'Tollgate', 'Granite Street',
  'Copper Beech', 'Lamplighter', 'Fairweather', 'Windward', 'Leeward', 'Starboard Hill',
  'Pinecrest', 'Ironworks', 'Canal Street', 'Union Square', 'Summit Avenue', 'Parkside',
  'Greenfield', 'Old Mill', 'Brookside', 'Cliffside', 'Lookout Hill', 'Marsh Lane'
];
const PEOPLE_NAMES = [
  'Amelia Rowan', 'Josiah Crane', 'Beatriz Oliveira', 'Marcus Delaney', 'Hannah Whitcomb',
  'Rosa Quiñones', 'Frederick Lyle', 'Dolores Vega', 'Nathaniel Ashby', 'Grace Okafor',
  'Theodore Pryce', 'Mei-Lin Chow', 'Ida Fairbanks', 'Leonora Kimball', 'Cyrus Holloway',
  'Esperanza Durán', 'Wendell Pike', 'Harriet Sloane', 'Joaquim Tavares',
  'Marguerite Pierre-Louis', 'Abigail Thorne', 'Vernon Caswell', 'Lucía Montero',
  'Elijah Brathwaite', 'Constance Ward', 'Oscar Lindqvist', 'Nadia Haddad', 'Patrick Coyle',
  'Minh Tran', 'Winifred Hale', 'Augustin Baptiste', 'Florence Ng', 'Ruth Calloway',
  'Desmond Reyes', 'Irene Kowalski', 'Solomon Adeyemi', 'Clara Ashworth', 'Benedict Olsen',
  'Yolanda Brooks', 'Thaddeus Greer', 'Imani Caldwell', 'Hector Salgado', 'Agnes Morrow',
  'Kwame Osei', 'Priscilla Dunmore', 'Tomás Ferreira', 'Edith Lowell', 'Rafael Cintrón',
  'Sophia Marchetti', 'Gideon Park', 'Loretta Banks', 'Ezra Whitfield', 'Carmen Ortega',
  'Walter Bramhall', 'Naomi Sato', 'Isaiah Gould', 'Violet Hargrove', 'Fernando Lima'
];
/** The four `other` schools: small programs, not neighborhood schools. */
const PROGRAM_NAMES = [
  'Harbor City Newcomers Academy',
  'Harbor City Evening Academy',
  'Westwater Re-Engagement Center',
  'Harbor City Therapeutic Day School'
];
const NAME_ENDINGS: Record<string, [string, number][]> = {
  elementary: [['Elementary School', 8], ['School', 1], ['Early Learning and Elementary School', 1]],
  middle: [['Middle School', 6], ['Academy', 1]],
  high: [['High School', 6], ['Academy', 1], ['Early College High School', 1]],
  k8: [['K-8 School', 3], ['School', 1]]
};

/**
 * Sizes skewed toward the small end of each level's range, then scaled together until the
 * district adds up to about 57,000 students.
 */
function drawEnrollments(levels: Level[], random: Random): number[] {
  const raw = levels.map((l) => {
    const { min, max, skew } = SIZE[l];
    return min + (max - min) * random.float() ** skew;
  });
  let enrollments = raw.map(Math.round);
  for (let round = 0; round < 30 && Math.abs(sum(enrollments) - TARGET_ENROLLMENT) > 150; round++) {
    const factor = TARGET_ENROLLMENT / sum(enrollments);
    enrollments = enrollments.map((e, i) => {
      const { min, max } = SIZE[levels[i]];
      return clamp(Math.round(e * factor), min, max);
    });
  }
  return enrollments;
}

/** A point in the city, on land: not in the harbor or out in the sound. */
function placeOnLand(random: Random): { latitude: number; longitude: number } {
  for (;;) {
    const latitude = random.between(41.27, 41.36);
    const longitude = random.between(-72.98, -72.86);
    const inSound = latitude < 41.279;
    const inHarbor = latitude < 41.3 && longitude > -72.935 && longitude < -72.885;
    if (!inSound && !inHarbor) return { latitude, longitude };
  }
}

/** Poverty is highest near the old waterfront downtown and falls off toward the edges. */
const DOWNTOWN = { latitude: 41.305, longitude: -72.925 };
function distanceFromDowntown(latitude: number, longitude: number): number {
  return Math.hypot(latitude - DOWNTOWN.latitude, (longitude - DOWNTOWN.longitude) * 0.75);
}

function schoolName(l: Level, random: Random, names: string[]): string {
  const stem = names.pop();
  if (!stem) throw new Error('ran out of invented school names');
  return `${stem} ${random.weighted(NAME_ENDINGS[l])}`;
}

function buildSchools(): School[] {
  const random = new Random('schools');
  const levels = random.shuffle(LEVEL_MIX.flatMap(([l, n]) => Array<Level>(n).fill(l)));
  const enrollments = drawEnrollments(levels, random);
  const names = random.shuffle([...PLACE_NAMES, ...PEOPLE_NAMES]);
  const programs = [...PROGRAM_NAMES];

  const schools = levels.map((l, i): School => {
    const name = l === 'other' ? programs.shift()! : schoolName(l, random, names);
    const { latitude, longitude } = placeOnLand(random);
    const frl = clamp(92 - 600 * distanceFromDowntown(latitude, longitude) + random.normal(0, 9), 8, 98);
    const newcomers = name.includes('Newcomers');
    const ell = newcomers ? random.between(85, 98) : clamp(frl * 0.45 - 8 + random.normal(0, 8), 1, 75);
    return {
      id: `HC${String(i + 1).padStart(3, '0')}`,
      name,
      level: l,
      enrollment: enrollments[i],
      latitude,
      longitude,
      frl,
      ell
    };
  });

  // A few schools come without coordinates, as real files do: the app must still list them.
  for (const school of random.shuffle(schools).slice(0, SCHOOLS_WITHOUT_COORDINATES)) {
    school.latitude = undefined;
    school.longitude = undefined;
  }
  if (new Set(schools.map((s) => s.name)).size !== schools.length) throw new Error('school names repeat');
  return schools;
}

// ---------------------------------------------------------------------------------------------
// Staff: near US averages (students per FTE), not the recommended ratios, so gaps show.

interface StaffRow {
  school: School;
  role: string;
  fte: number;
}

/** District-wide students per FTE, about the national averages. */
const TYPICAL_STUDENTS_PER_FTE: Record<string, number> = {
  [PSYCHOLOGIST]: 1100,
  [COUNSELOR]: 385,
  [SOCIAL_WORKER]: 1500,
  [NURSE]: 1000
};

/** How finely FTE is assigned: psychologists by half-days, nurses by days, others by half-time posts. */
const FTE_STEP: Record<string, { step: number; min: number }> = {
  [PSYCHOLOGIST]: { step: 0.1, min: 0.2 },
  [COUNSELOR]: { step: 0.5, min: 0.5 },
  [SOCIAL_WORKER]: { step: 0.5, min: 0.5 },
  [NURSE]: { step: 0.2, min: 0.2 }
};

const roundToStep = (fte: number, step: number) => Math.round(fte / step) * step;

/**
 * FTE by school for one role: each school's share of the district average with some noise,
 * rounded to the way the role is posted, then scaled so the district total meets the average.
 * `weight` is 0 for a school with none of this role.
 */
function allocateFte(schools: School[], role: string, weight: number[], fixed: Map<string, number>): number[] {
  const { step, min } = FTE_STEP[role];
  const target = sum(schools.map((s) => s.enrollment)) / TYPICAL_STUDENTS_PER_FTE[role];
  const wanted = schools.map((s, i) => (weight[i] * s.enrollment) / TYPICAL_STUDENTS_PER_FTE[role]);
  const fteAt = (scale: number) =>
    schools.map((s, i) => {
      if (fixed.has(s.id)) return fixed.get(s.id)!;
      if (weight[i] === 0) return 0;
      return Math.max(min, roundToStep(wanted[i] * scale, step));
    });
  let best = 1;
  for (let scale = 0.5; scale <= 2; scale += 0.005) {
    if (Math.abs(sum(fteAt(scale)) - target) < Math.abs(sum(fteAt(best)) - target)) best = scale;
  }
  return fteAt(best).map((f) => Number(f.toFixed(2)));
}

/** Whole posts as rows of 1.0; what is left is a person shared with another school. */
function staffAssignments(school: School, role: string, fte: number): StaffRow[] {
  const rows: StaffRow[] = [];
  let left = Number(fte.toFixed(2));
  while (left >= 1) {
    rows.push({ school, role, fte: 1 });
    left = Number((left - 1).toFixed(2));
  }
  if (left > 0) rows.push({ school, role, fte: left });
  return rows;
}

interface Staffing {
  rows: StaffRow[];
  fte: Map<string, Record<string, number>>;
  /** Schools far below the standards: no psychologist, or over 700 students per counselor. */
  farBelow: Set<string>;
}

function buildStaff(schools: School[]): Staffing {
  const random = new Random('staff');
  const noise = () => schools.map(() => clamp(random.normal(1, 0.12), 0.8, 1.25));

  // Fifteen schools well below the standards, as a district this size has.
  const candidates = random.shuffle(schools.filter((s) => s.enrollment >= 400));
  const noPsychologist = candidates.slice(0, 8);
  const thinCounseling = candidates.slice(8, 15);
  const psychFixed = new Map(noPsychologist.map((s) => [s.id, 0]));
  const counselorFixed = new Map(
    thinCounseling.map((s) => [s.id, Math.max(0.5, Math.floor(s.enrollment / random.between(750, 1000) / 0.5) * 0.5)])
  );

  // Social workers: about half the schools have one, poorer schools first.
  const socialWorkerWeight = schools.map((s) => (random.chance(0.15 + (0.35 * s.frl) / 100) ? 1.6 : 0));
  // Nurses: most schools share one; large schools have their own.
  const nurseWeight = noise();

  const fteByRole: Record<string, number[]> = {
    [PSYCHOLOGIST]: allocateFte(schools, PSYCHOLOGIST, noise(), psychFixed),
    [COUNSELOR]: allocateFte(schools, COUNSELOR, noise(), counselorFixed),
    [SOCIAL_WORKER]: allocateFte(schools, SOCIAL_WORKER, socialWorkerWeight, new Map()),
    [NURSE]: allocateFte(schools, NURSE, nurseWeight, new Map())
  };

  const fte = new Map<string, Record<string, number>>();
  const rows: StaffRow[] = [];
  schools.forEach((school, i) => {
    const bySchool: Record<string, number> = {};
    for (const { role } of ROLES) {
      bySchool[role] = fteByRole[role][i];
      rows.push(...staffAssignments(school, role, bySchool[role]));
    }
    fte.set(school.id, bySchool);
  });

  const farBelow = new Set(
    schools
      .filter((s) => {
        const f = fte.get(s.id)!;
        return f[PSYCHOLOGIST] === 0 || f[COUNSELOR] === 0 || s.enrollment / f[COUNSELOR] > 700;
      })
      .map((s) => s.id)
  );
  return { rows, fte, farBelow };
}

// ---------------------------------------------------------------------------------------------
// Services: what each school runs itself, what community agencies bring, and district-wide
// programs open to every school.

interface ServiceRow {
  schoolId: string;
  provider: string;
  providerType: ProviderType;
  service: ServiceType;
  tier: Tier;
  capacity: number;
  languages: string;
  requiresDiagnosis: string;
  funding: string;
  agreement: string;
}

/** Languages a school's own staff can serve families in, from its English learners. */
function schoolLanguages(school: School, random: Random): string {
  const codes = ['en'];
  if (school.ell >= 12) codes.push('es');
  if (school.ell >= 30 && random.chance(0.6)) codes.push(random.pick(['pt', 'ht', 'vi', 'zh', 'so']));
  return codes.join(';');
}

/** Title I pays for extra support at high-poverty schools; elsewhere the general fund does. */
function schoolFunding(school: School, random: Random): string {
  if (school.frl >= 60) {
    return random.weighted([['Title I', 6], ['ESSER', 2], ['District general fund', 2]]);
  }
  return random.weighted([['District general fund', 8], ['ESSER', 2]]);
}

/** Tier 1 for everyone, tier 2 groups, and the individual counseling school staff have room for. */
function schoolProvidedServices(
  school: School,
  staff: Staffing,
  screens: boolean,
  random: Random
): ServiceRow[] {
  const languages = schoolLanguages(school, random);
  type Own = (provider: string, s: ServiceType, tier: Tier, capacity: number, funding: string) => ServiceRow;
  const own: Own = (provider, s, tier, capacity, funding) => ({
    schoolId: school.id,
    provider,
    providerType: SCHOOL,
    service: service(s),
    tier,
    capacity: Math.round(capacity),
    languages,
    requiresDiagnosis: NO,
    funding,
    // An agreement is between the district and an outside provider: blank for its own staff.
    agreement: ''
  });
  const counselingTeam = `${school.name} counseling team`;
  const supportTeam = `${school.name} student support team`;
  const youngGrades = school.level === 'elementary' || school.level === 'k8';
  const rows: ServiceRow[] = [];

  // Tier 1: every school teaches SEL (younger grades) or runs schoolwide prevention, reaching
  // nearly every student; most also screen everyone.
  const universalReach = school.enrollment * random.between(0.85, 1);
  rows.push(
    youngGrades
      ? own(`${school.name} teachers`, 'sel_curriculum', 1, universalReach, 'District general fund')
      : own(supportTeam, 'schoolwide_prevention', 1, universalReach, 'District general fund')
  );
  if (screens) {
    const funding = random.pick(['District general fund', 'Grant: SAMHSA Project AWARE']);
    rows.push(own(DISTRICT_OFFICE, 'screening', 1, school.enrollment, funding));
  }

  // Tier 2: small groups and check-in/check-out, each for about 5–10% of students.
  const groupSize = () => school.enrollment * random.between(0.05, 0.1);
  if (random.chance(0.9)) {
    rows.push(own(counselingTeam, 'group_counseling', 2, groupSize(), schoolFunding(school, random)));
  }
  if (random.chance(0.55)) {
    rows.push(own(supportTeam, 'check_in_check_out', 2, groupSize(), schoolFunding(school, random)));
  }

  // Tier 3: what counselors and psychologists can carry beside everything else they do.
  const fte = staff.fte.get(school.id)!;
  const clinicalFte = fte[COUNSELOR] + fte[PSYCHOLOGIST];
  if (clinicalFte > 0 && random.chance(0.65)) {
    const caseload = fte[COUNSELOR] * random.between(4, 8) + fte[PSYCHOLOGIST] * random.between(3, 6);
    const capacity = Math.max(3, caseload);
    rows.push(own(counselingTeam, 'individual_counseling', 3, capacity, 'District general fund'));
  }
  return rows;
}

/** How an offer is paid for: insurance-billed services need a diagnosis. */
type Billing = 'insurance' | { funding: string };

interface Offer {
  service: ServiceType;
  tier: Tier;
  /** Students per school per year, before the district-wide tier 3 total is matched. */
  capacity: [number, number];
  billing: Billing;
}

interface Agency {
  name: string;
  /** How many schools it serves, nearest its office first. */
  schools: number;
  languages: string;
  levels?: Level[];
  offers: Offer[];
}

const AWARE = { funding: 'Grant: SAMHSA Project AWARE' };
const PREVENTION_GRANT = { funding: 'Grant: SAMHSA Strategic Prevention Framework' };
const STATE_GRANT = { funding: "State children's behavioral health grant" };
const GENERAL_FUND = { funding: 'District general fund' };
const SECONDARY: Level[] = [level('middle'), level('high'), level('k8'), level('other')];

/** Thirteen invented agencies. None is a real organization. */
const AGENCIES: Agency[] = [
  {
    name: 'Bayside Family Counseling Center',
    schools: 16,
    languages: 'en;es;pt',
    offers: [
      { service: 'individual_counseling', tier: 3, capacity: [10, 30], billing: 'insurance' },
      { service: 'family_therapy', tier: 3, capacity: [4, 12], billing: 'insurance' }
    ]
  },
  {
    name: 'Harbor Youth Wraparound Collaborative',
    schools: 15,
    languages: 'en;es;ht;pt',
    offers: [
      { service: 'wraparound', tier: 3, capacity: [4, 10], billing: STATE_GRANT },
      { service: 'case_management', tier: 3, capacity: [6, 15], billing: GENERAL_FUND }
    ]
  },
  {
    name: 'Lantern Child and Adolescent Psychiatry Associates',
    schools: 10,
    languages: 'en;es',
    offers: [{ service: 'psychiatric_care', tier: 3, capacity: [5, 15], billing: 'insurance' }]
  },
  {
    name: 'Seabright Community Health Center',
    schools: 14,
    languages: 'en;es;pt;ht;vi',
    offers: [
      { service: 'individual_counseling', tier: 3, capacity: [10, 25], billing: 'insurance' },
      { service: 'case_management', tier: 2, capacity: [10, 30], billing: { funding: 'Title I' } }
    ]
  },
  {
    name: 'Harbor City Recovery and Prevention Services',
    schools: 9,
    languages: 'en;es',
    levels: SECONDARY,
    offers: [
      { service: 'substance_use', tier: 2, capacity: [15, 40], billing: PREVENTION_GRANT },
      { service: 'substance_use', tier: 3, capacity: [4, 12], billing: 'insurance' }
    ]
  },
  {
    name: 'Big Harbor Mentoring Partners',
    schools: 18,
    languages: 'en;es',
    offers: [{ service: 'mentoring', tier: 2, capacity: [12, 35], billing: { funding: 'Private foundation grant' } }]
  },
  {
    name: 'Brightwater Telehealth for Kids',
    schools: 8,
    languages: 'en;es',
    offers: [{ service: 'telehealth', tier: 3, capacity: [8, 20], billing: 'insurance' }]
  },
  {
    name: 'Crossroads Family Services',
    schools: 11,
    languages: 'en;es;ht',
    offers: [
      { service: 'family_therapy', tier: 3, capacity: [5, 14], billing: 'insurance' },
      { service: 'case_management', tier: 2, capacity: [10, 25], billing: { funding: 'Title I' } }
    ]
  },
  {
    name: 'Mill River Youth Center',
    schools: 10,
    languages: 'en;es;pt',
    offers: [{ service: 'mentoring', tier: 2, capacity: [15, 40], billing: { funding: 'City youth services grant' } }]
  },
  {
    name: 'Alianza Familiar de Harbor City',
    schools: 12,
    languages: 'en;es',
    offers: [
      { service: 'individual_counseling', tier: 3, capacity: [8, 20], billing: AWARE },
      { service: 'case_management', tier: 2, capacity: [10, 25], billing: AWARE }
    ]
  },
  {
    name: 'Bridges Multicultural Wellness Network',
    schools: 14,
    languages: 'en;ht;pt;es;so',
    offers: [
      { service: 'individual_counseling', tier: 3, capacity: [6, 18], billing: { funding: 'ESSER' } },
      { service: 'case_management', tier: 3, capacity: [6, 15], billing: { funding: 'ESSER' } }
    ]
  },
  {
    name: 'Anchor Point Behavioral Health',
    schools: 12,
    languages: 'en;es',
    offers: [
      { service: 'individual_counseling', tier: 3, capacity: [10, 28], billing: 'insurance' },
      { service: 'psychiatric_care', tier: 3, capacity: [3, 8], billing: 'insurance' }
    ]
  },
  {
    name: 'Safe Harbor Trauma Recovery Program',
    schools: 16,
    languages: 'en;es',
    offers: [{ service: 'individual_counseling', tier: 3, capacity: [6, 15], billing: AWARE }]
  }
];

/** Where a school is, for the agencies' reach; a school with no coordinates is far from all. */
function position(school: School): [number, number] | undefined {
  return school.latitude === undefined ? undefined : [school.latitude, school.longitude!];
}
function distance(a: [number, number], b: [number, number]): number {
  return Math.hypot(a[0] - b[0], (a[1] - b[1]) * 0.75);
}

/**
 * Which agency serves which school. Agencies keep offices near downtown and reach outward, so
 * the 37 schools no agency serves sit mostly at the city's edges.
 */
function agencyReach(schools: School[], random: Random): Map<Agency, School[]> {
  const downtown: [number, number] = [DOWNTOWN.latitude, DOWNTOWN.longitude];
  const nearDowntown = schools
    .filter((s) => position(s))
    .sort((a, b) => distance(position(a)!, downtown) - distance(position(b)!, downtown))
    .slice(0, 70);
  // Each agency's office is next door to one of the 70 schools nearest downtown.
  const offices = AGENCIES.map(() => position(random.pick(nearDowntown))!);

  // The 90 schools closest to some office (with a little chance) are the ones agencies serve.
  const remoteness = new Map(
    schools.map((s) => {
      const p = position(s);
      const nearest = p ? Math.min(...offices.map((o) => distance(p, o))) : random.between(0, 0.05);
      return [s.id, nearest + random.between(0, 0.012)];
    })
  );
  const served = [...schools]
    .sort((a, b) => remoteness.get(a.id)! - remoteness.get(b.id)!)
    .slice(0, SCHOOLS_SERVED_BY_AGENCIES);

  const reach = new Map<Agency, School[]>();
  AGENCIES.forEach((agency, i) => {
    const eligible = served.filter((s) => !agency.levels || agency.levels.includes(s.level));
    const away = (s: School) => (position(s) ? distance(position(s)!, offices[i]) : random.between(0, 0.06));
    const byDistance = eligible
      .map((s) => ({ s, d: away(s) }))
      .sort((a, b) => a.d - b.d)
      .map(({ s }) => s);
    reach.set(agency, byDistance.slice(0, agency.schools));
  });

  // Every served school gets at least one agency: the nearest one that serves all levels.
  for (const school of served) {
    if ([...reach.values()].some((list) => list.includes(school))) continue;
    const p = position(school);
    const nearest = AGENCIES.map((a, i) => ({ a, d: p ? distance(p, offices[i]) : random.float() }))
      .filter(({ a }) => !a.levels)
      .sort((x, y) => x.d - y.d)[0].a;
    reach.get(nearest)!.push(school);
  }
  return reach;
}

/** Insurance-billed care is paid by Medicaid about as often as the school's families are poor. */
function insurer(school: School, random: Random): string {
  return random.chance(school.frl / 100) ? 'Medicaid' : 'Private insurance';
}

/** Bigger schools get somewhat more of an agency's time. */
function sizeFactor(school: School): number {
  return Math.sqrt(school.enrollment / 450);
}

/**
 * Community rows, with tier 3 capacity scaled to about 3,500 students district-wide, and about
 * a quarter of rows at schools where no agreement (MOU) is signed.
 */
function communityServices(schools: School[], districtWide: ServiceRow[], random: Random): ServiceRow[] {
  const reach = agencyReach(schools, random);
  const rows: ServiceRow[] = [];
  /** An agency's rows at one school. */
  const partnerships: ServiceRow[][] = [];
  for (const agency of AGENCIES) {
    for (const school of reach.get(agency)!.sort((a, b) => a.id.localeCompare(b.id))) {
      const partnership = agency.offers.map(
        (offer): ServiceRow => ({
          schoolId: school.id,
          provider: agency.name,
          providerType: COMMUNITY,
          service: service(offer.service),
          tier: offer.tier,
          capacity: random.between(...offer.capacity) * sizeFactor(school),
          languages: agency.languages,
          requiresDiagnosis: offer.billing === 'insurance' ? YES : NO,
          funding: offer.billing === 'insurance' ? insurer(school, random) : offer.billing.funding,
          agreement: YES
        })
      );
      rows.push(...partnership);
      partnerships.push(partnership);
    }
  }

  const tier3 = rows.filter((r) => r.tier === 3);
  const scale = COMMUNITY_TIER3_CAPACITY / sum(tier3.map((r) => r.capacity));
  for (const row of rows) {
    row.capacity = Math.max(2, Math.round(row.tier === 3 ? row.capacity * scale : row.capacity));
  }

  // An agreement is signed per agency and school, so it covers all of that partnership's rows.
  // The share counts the district-wide community rows too (those all have an agreement).
  const allCommunityRows = rows.length + districtWide.filter((r) => r.providerType === COMMUNITY).length;
  let withoutAgreement = 0;
  for (const partnership of random.shuffle(partnerships)) {
    if (withoutAgreement + partnership.length > COMMUNITY_ROWS_WITHOUT_AGREEMENT * allCommunityRows) continue;
    for (const row of partnership) row.agreement = NO;
    withoutAgreement += partnership.length;
  }
  return rows;
}

/** Programs open to every school (`*`): shared out by the model in proportion to need. */
function districtWideServices(): ServiceRow[] {
  const everyone = (row: Omit<ServiceRow, 'schoolId'>): ServiceRow => ({ schoolId: '*', ...row });
  return [
    everyone({
      provider: 'HCPS District Crisis Team',
      providerType: SCHOOL,
      service: service('crisis_intervention'),
      tier: 3,
      capacity: 400,
      languages: 'en;es;pt;ht',
      requiresDiagnosis: NO,
      funding: 'District general fund',
      agreement: ''
    }),
    everyone({
      provider: 'Brightwater Telehealth for Kids',
      providerType: COMMUNITY,
      service: service('telehealth'),
      tier: 2,
      capacity: 600,
      languages: 'en;es',
      requiresDiagnosis: NO,
      funding: 'ESSER',
      agreement: YES
    }),
    everyone({
      provider: 'HCPS Family and Community Engagement Office',
      providerType: SCHOOL,
      service: service('parent_education'),
      tier: 1,
      capacity: 2500,
      languages: 'en;es;pt;ht;vi;zh',
      requiresDiagnosis: NO,
      funding: 'Title I',
      agreement: ''
    })
  ];
}

// ---------------------------------------------------------------------------------------------
// Needs: universal screening counts from a third of the schools. Poorer schools identify
// more students, some far above the model's default 15% (tier 2) and 5% (tier 3).

interface NeedRow {
  schoolId: string;
  tier: Tier;
  students: number;
}

function screeningNeeds(screened: School[], random: Random): NeedRow[] {
  return screened.flatMap((school) => {
    const poverty = clamp((school.frl - 40) / 60, 0, 1);
    const pressure = clamp(0.5 * poverty + 0.5 * random.float(), 0, 1);
    const share: Record<Tier, number> = {
      1: 1,
      2: 0.1 + 0.15 * pressure,
      3: 0.03 + 0.06 * clamp(pressure + random.normal(0, 0.1), 0, 1)
    };
    return TIERS.map((tier) => ({ schoolId: school.id, tier, students: Math.round(school.enrollment * share[tier]) }));
  });
}

// ---------------------------------------------------------------------------------------------
// The family mid-year survey, as a Google Forms export.

interface TemplateItem {
  id: string;
  construct: string;
  text_en: string;
  text_es: string;
  scale: string;
}

function readTemplate(): TemplateItem[] {
  const parsed = Papa.parse<TemplateItem>(readFileSync(TEMPLATE, 'utf8'), { header: true, skipEmptyLines: true });
  if (parsed.errors.length) throw new Error(`template: ${parsed.errors[0].message}`);
  return parsed.data;
}

/**
 * Where a school's families stand on each item, 1–5, before individual differences: awareness
 * and access follow how much support the school actually has; climate is high nearly everywhere.
 */
function itemMean(item: TemplateItem, support: number): number {
  const means: Record<string, number> = {
    aware_1: 2.7 + 1.2 * support,
    aware_2: 2.6 + 1.2 * support,
    access_1: 3.1 + 0.9 * support,
    access_2: 2.4 + 1.2 * support,
    comm_1: 3.3 + 0.5 * support,
    comm_2: 3.8 + 0.3 * support,
    satis_1: 3.0 + 0.8 * support,
    climate_1: 4.1,
    climate_2: 3.8 + 0.3 * support
  };
  return means[item.id] ?? 3.5;
}

/** Spanish-speaking families find less in their own language. */
const SPANISH_SHIFT: Record<string, number> = { comm_2: -0.7, aware_2: -0.2 };

/**
 * A school's support, 0–1: community capacity per student (most of it) and how close its
 * counselor staffing comes to the recommended ratio.
 */
function schoolSupport(school: School, services: ServiceRow[], staff: Staffing): number {
  const community = sum(
    services.filter((r) => r.schoolId === school.id && r.providerType === COMMUNITY && r.tier > 1).map((r) => r.capacity)
  );
  const perHundred = (100 * community) / school.enrollment;
  const counselors = staff.fte.get(school.id)![COUNSELOR];
  const counselorRole = ROLES.find((r) => r.role === COUNSELOR)!;
  const staffing = Math.min(1, (counselors * counselorRole.ratio) / school.enrollment);
  return 0.7 * Math.min(1, perHundred / 15) + 0.3 * staffing;
}

interface SurveyPlan {
  respondents: Map<string, number>;
  small: School[];
  silent: School[];
}

/**
 * About one family in ten answers. Four schools send back only a handful (so suppression shows)
 * and two send back none.
 */
function planResponses(schools: School[], random: Random): SurveyPlan {
  const others = schools.filter((s) => s.level === 'other').sort((a, b) => a.enrollment - b.enrollment);
  const regular = random.shuffle(schools.filter((s) => s.level !== 'other'));
  const small = [others[0], others[1], regular[0], regular[1]];
  const silent = [others[2], regular[2]];

  const respondents = new Map<string, number>();
  for (const s of small) respondents.set(s.id, random.int(3, 8));
  for (const s of silent) respondents.set(s.id, 0);
  const rest = schools.filter((s) => !respondents.has(s.id));
  const rates = rest.map(() => clamp(random.normal(0.105, 0.025), 0.05, 0.18));
  const budget = TARGET_RESPONDENTS - sum([...respondents.values()]);
  const scale = budget / sum(rest.map((s, i) => s.enrollment * rates[i]));
  rest.forEach((s, i) => respondents.set(s.id, Math.max(12, Math.round(s.enrollment * rates[i] * scale))));
  return { respondents, small, silent };
}

/** Spanish share by school follows its English learners; about 30% district-wide. */
function spanishShare(school: School, meanEll: number): number {
  return clamp((0.3 * school.ell) / meanEll, 0.03, 0.85);
}

/** Google Forms' timestamp: M/D/YYYY H:MM:SS, 24-hour clock, no leading zeros on M, D, H. */
function formsTimestamp(secondOfJanuary: number): string {
  const day = Math.floor(secondOfJanuary / 86400) + 1;
  const hour = Math.floor((secondOfJanuary % 86400) / 3600);
  const minute = Math.floor((secondOfJanuary % 3600) / 60);
  const second = secondOfJanuary % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return `1/${day}/2027 ${hour}:${two(minute)}:${two(second)}`;
}

/**
 * When a family answers: the survey opens Monday 4 January, reminders go out on the 11th and
 * the 19th, it closes on the 31st. Most answer before school or in the evening.
 */
function responseTime(random: Random): number {
  const days: [number, number][] = [];
  for (let d = 4; d <= 31; d++) {
    const sinceReminder = Math.min(...[4, 11, 19].filter((r) => r <= d).map((r) => d - r));
    days.push([d, 1 + 6 * Math.exp(-sinceReminder / 1.8)]);
  }
  const hours: [number, number][] = [
    [6, 2], [7, 6], [8, 7], [9, 4], [10, 3], [11, 3], [12, 5], [13, 4], [14, 3], [15, 3],
    [16, 3], [17, 4], [18, 6], [19, 8], [20, 9], [21, 7], [22, 4], [23, 1]
  ];
  const day = random.weighted(days);
  const hour = random.weighted(hours);
  return (day - 1) * 86400 + hour * 3600 + random.int(0, 3599);
}

function buildSurvey(schools: School[], services: ServiceRow[], staff: Staffing) {
  const random = new Random('survey');
  const items = readTemplate();
  const plan = planResponses(schools, random);
  const meanEll = sum(schools.map((s) => s.ell * plan.respondents.get(s.id)!)) / sum([...plan.respondents.values()]);

  const header = ['Timestamp', 'Which school does your child attend?', 'Survey language', ...items.map((i) => i.text_en)];
  const responses: { time: number; row: string[] }[] = [];

  for (const school of schools) {
    const support = schoolSupport(school, services, staff);
    // Each school differs a little on each construct beyond what its support explains.
    const schoolEffect = new Map(items.map((i) => [i.construct, 0]));
    for (const construct of schoolEffect.keys()) schoolEffect.set(construct, random.normal(0, 0.25));

    for (let n = 0; n < plan.respondents.get(school.id)!; n++) {
      const spanish = random.chance(spanishShare(school, meanEll));
      const outlook = random.normal(0, 0.45); // some families answer warmer than others throughout
      const answers = items.map((item) => {
        const u = random.float();
        if (u < 0.02) return '';
        if (u < 0.06) return spanish ? DONT_KNOW_ES : DONT_KNOW_EN;
        const latent =
          itemMean(item, support) +
          schoolEffect.get(item.construct)! +
          (spanish ? (SPANISH_SHIFT[item.id] ?? 0) : 0) +
          outlook +
          random.normal(0, 0.85);
        const value = clamp(Math.round(latent), 1, 5);
        const point = SCALES[item.scale].points.find((p) => p.value === value)!;
        return spanish ? point.es : point.en;
      });
      responses.push({ time: responseTime(random), row: [school.name, spanish ? 'Español' : 'English', ...answers] });
    }
  }
  // Form exports list answers in the order they came in.
  responses.sort((a, b) => a.time - b.time);
  return { header, rows: responses.map((r) => [formsTimestamp(r.time), ...r.row]), plan };
}

// ---------------------------------------------------------------------------------------------
// Writing: RFC 4180, `\n` line ends, UTF-8 without a byte-order mark.

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function writeCsv(fileName: string, header: string[], rows: (string | number)[][]): void {
  const lines = [header, ...rows].map((r) => r.map(csvField).join(','));
  writeFileSync(OUT_DIR + fileName, lines.join('\n') + '\n', 'utf8');
}

/** Writes one contract file, its columns in the contract's order. */
function writeContractFile(kind: FileKind, rows: Record<string, string | number>[]): void {
  const columns = FILES[kind].columns.map((c) => c.name);
  writeCsv(FILES[kind].fileName, columns, rows.map((r) => columns.map((c) => r[c] ?? '')));
}

// ---------------------------------------------------------------------------------------------

function main(): void {
  mkdirSync(OUT_DIR, { recursive: true });

  const schools = buildSchools();
  const staff = buildStaff(schools);

  const servicesRandom = new Random('services');
  // Most schools run universal screening; a third of all schools sent in their counts.
  const screening = schools.filter(() => servicesRandom.chance(0.85));
  const screened = servicesRandom.shuffle(screening).slice(0, SCHOOLS_WITH_SCREENING_COUNTS);
  screened.sort((a, b) => a.id.localeCompare(b.id));

  const districtWide = districtWideServices();
  const services = [
    ...schools.flatMap((s) => schoolProvidedServices(s, staff, screening.includes(s), servicesRandom)),
    ...communityServices(schools, districtWide, servicesRandom),
    ...districtWide
  ];
  const needs = screeningNeeds(screened, new Random('needs'));
  const survey = buildSurvey(schools, services, staff);

  writeContractFile(
    'schools',
    schools.map((s) => ({
      school_id: s.id,
      school_name: s.name,
      enrollment: s.enrollment,
      level: s.level,
      latitude: s.latitude === undefined ? '' : s.latitude.toFixed(5),
      longitude: s.longitude === undefined ? '' : s.longitude.toFixed(5),
      frl_pct: s.frl.toFixed(1),
      ell_pct: s.ell.toFixed(1)
    }))
  );
  writeContractFile(
    'staff',
    staff.rows.map((r) => ({ school_id: r.school.id, role: r.role, fte: decimal(r.fte, 2) }))
  );
  writeContractFile(
    'services',
    services.map((r) => ({
      school_id: r.schoolId,
      provider: r.provider,
      provider_type: r.providerType,
      service: r.service,
      tier: r.tier,
      capacity: r.capacity,
      languages: r.languages,
      requires_diagnosis: r.requiresDiagnosis,
      funding: r.funding,
      agreement: r.agreement
    }))
  );
  writeContractFile('needs', needs.map((r) => ({ school_id: r.schoolId, tier: r.tier, students: r.students })));
  writeCsv(SURVEY_FILE, survey.header, survey.rows);

  writeReadme({ schools, staff, services, needs, survey });
}

// ---------------------------------------------------------------------------------------------
// sample-data/README.md, written from the same numbers so it never drifts from the files.

function writeReadme(d: {
  schools: School[];
  staff: Staffing;
  services: ServiceRow[];
  needs: NeedRow[];
  survey: ReturnType<typeof buildSurvey>;
}): void {
  const fmt = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/, ',');
  const pct = (part: number, whole: number) => `${Math.round((100 * part) / whole)}%`;
  const listSchools = (list: School[]) =>
    [...list].sort((a, b) => a.id.localeCompare(b.id)).map((s) => `${s.id} ${s.name}`).join('; ');

  const students = sum(d.schools.map((s) => s.enrollment));
  const byLevel = LEVEL_MIX.map(([l, n]) => `${n} ${l}`).join(', ');
  const noCoordinates = d.schools.filter((s) => s.latitude === undefined);
  const fteTotal = (role: string) => decimal(sum(d.staff.rows.filter((r) => r.role === role).map((r) => r.fte)), 1);

  const community = d.services.filter((r) => r.providerType === COMMUNITY);
  const communityTier3 = community.filter((r) => r.tier === 3);
  const agencies = new Set(community.map((r) => r.provider)).size;
  const servedSchools = new Set(community.filter((r) => r.schoolId !== '*').map((r) => r.schoolId)).size;
  const tier3Reach = sum(communityTier3.map((r) => r.capacity));
  const diagnosis = communityTier3.filter((r) => r.requiresDiagnosis === YES).length;
  const noAgreement = community.filter((r) => r.agreement === NO).length;
  const everyone = d.services.filter((r) => r.schoolId === '*');

  const enrollment = new Map(d.schools.map((s) => [s.id, s.enrollment]));
  const shareRange = (tier: Tier) => {
    const shares = d.needs.filter((r) => r.tier === tier).map((r) => r.students / enrollment.get(r.schoolId)!);
    return `${pct(Math.min(...shares), 1)}–${pct(Math.max(...shares), 1)}`;
  };
  const screenedSchools = new Set(d.needs.map((r) => r.schoolId)).size;
  const respondents = d.survey.rows.length;
  const { small, silent } = d.survey.plan;

  const text = `# Sample data: ${DISTRICT} (fictional)

**${DISTRICT} is a fictional district.** Every school, agency, person and survey answer
in this folder is invented; any likeness to a real school or organization is chance. The
district's size and shape follow a real one (Boston, as described in our research): its
number of schools and students, staffing near US average ratios, and the share of schools
that community agencies reach. Use these files to try Continuum, to demonstrate it, and
in tests. They follow the data contract (the formats in \`src/lib/core/contract/\`).

These files are written by \`scripts/generate-sample.ts\`: do not edit them by hand. To
regenerate them (byte for byte the same, as the generator is seeded with ${SEED}):

\`\`\`sh
npm run sample        # runs: tsx scripts/generate-sample.ts
\`\`\`

## Counts

- Schools: ${d.schools.length} (${byLevel})
- Students: ${fmt(students)}
- Community agencies: ${agencies}
- Schools served by community agencies: ${servedSchools} of ${d.schools.length}
- Tier 3 reach of community agencies: ${fmt(tier3Reach)} students a year
- Schools with screening counts: ${screenedSchools}
- Survey respondents: ${fmt(respondents)}

## Files

### schools.csv

${d.schools.length} schools with ${fmt(students)} students, their level, location, and
shares of students with free or reduced-price lunch and of English learners. Poverty is
highest near the waterfront downtown. ${noCoordinates.length} schools have no coordinates, so
the app must list schools it cannot map: ${listSchools(noCoordinates)}.

### staff.csv

${fmt(d.staff.rows.length)} rows, one per person or assignment; a row under 1 FTE is a person
shared with another school. District totals: ${fteTotal(PSYCHOLOGIST)} psychologist FTE,
${fteTotal(COUNSELOR)} counselor FTE, ${fteTotal(SOCIAL_WORKER)} social worker FTE and
${fteTotal(NURSE)} nurse FTE, near the US averages and well short of the recommended
ratios. ${d.staff.farBelow.size} schools are far below the standards (no psychologist, or more
than 700 students per counselor).

### services.csv

${fmt(d.services.length)} rows. Every school runs its own tier 1 program (SEL curriculum or
schoolwide prevention), most screen every student, most run tier 2 groups or
check-in/check-out, and many offer some individual counseling by their own staff. The
agreement column is blank for the district's own staff.

${agencies} invented community agencies serve ${servedSchools} of the ${d.schools.length} schools, mostly
near downtown; the schools at the city's edges have none. Their tier 3 services reach
${fmt(tier3Reach)} students a year. ${pct(diagnosis, communityTier3.length)} of community tier 3 rows require a
diagnosis (insurance-billed), and ${pct(noAgreement, community.length)} of community rows have no
agreement (MOU) in place.

${everyone.length} rows with school_id \`*\` are open to every school, and the model shares them
out in proportion to need: ${everyone.map((r) => `${r.provider} (${serviceLabelOf(r)}, tier ${r.tier}, ${fmt(r.capacity)} students)`).join('; ')}. The telehealth partner is one of the ${agencies} agencies; the
${servedSchools} schools served count only rows for a named school.

### needs.csv

Universal screening counts for ${screenedSchools} schools, all three tiers each: tier 1 is the
enrollment; tier 2 is ${shareRange(2)} and tier 3 ${shareRange(3)} of students, higher in poorer
schools, so several need far more than the model's default 15% and 5%. The other schools
use the defaults.

### ${SURVEY_FILE}

The family mid-year survey (\`survey-templates/family-midyear.csv\`) as a Google Forms
export: ${fmt(respondents)} respondents in January 2027, in English or Spanish (the \`Survey
language\` column), items headed by their English text, answers as the scale's English or
Spanish labels, with \`Don't know\`/\`No sé\` and blanks as missing. Awareness and access
are lower where there is less community capacity; climate is high nearly everywhere;
Spanish-speaking families rate information in their home language lower.

${small.length} schools have fewer than 10 respondents, so their results are withheld:
${listSchools(small)}. ${silent.length} schools have no responses:
${listSchools(silent)}.
`;
  writeFileSync(OUT_DIR + 'README.md', text, 'utf8');
}

/** `crisis_intervention` → `crisis intervention`, for prose. */
function serviceLabelOf(row: ServiceRow): string {
  return serviceLabel(row.service).toLowerCase();
}

main();
