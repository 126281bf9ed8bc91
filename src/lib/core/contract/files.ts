/**
 * The district's input files and their columns, as the data contract defines them. The importer,
 * the templates, the UI and the docs all read this one table.
 */

export type ColumnType =
  | 'id'
  | 'school_ref'
  | 'text'
  | 'whole'
  | 'decimal'
  | 'percent'
  | 'level'
  | 'role'
  | 'tier'
  | 'provider_type'
  | 'service'
  | 'yes_no';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  required: boolean;
  synonyms: string[];
  description: string;
  /** Inclusive bounds for numbers; `minExclusive` for `fte`, which must be above 0. */
  min?: number;
  max?: number;
  minExclusive?: boolean;
  /** Accepts `*` for "every school" (services only). */
  allowsEveryone?: boolean;
}

export interface FileSpec {
  kind: InputFileKind;
  fileName: string;
  title: string;
  required: boolean;
  columns: ColumnSpec[];
}

export type FileKind = 'schools' | 'staff' | 'services' | 'needs';

/** Files that fill the schools file's columns by school_id: they are loaded with it, never alone. */
export type PartKind = 'enrollment' | 'locations';

export type InputFileKind = FileKind | PartKind;

// ELSI's "School ID - NCES Assigned [Public School] Latest available year" matches once its
// bracketed qualifier is dropped.
const SCHOOL_ID_SYNONYMS = ['school id', 'school code', 'ncessch', 'ncesid', 'nces id', 'id', 'school id - nces assigned', 'school id (12-digit) - nces assigned'];

const ENROLLMENT_SYNONYMS = [
  'total enrollment',
  'students',
  'student count',
  'total students',
  'total students all grades (excludes ae)',
  'total students all grades (includes ae)'
];

const schoolRef = (description: string, allowsEveryone = false): ColumnSpec => ({
  name: 'school_id',
  type: 'school_ref',
  required: true,
  synonyms: SCHOOL_ID_SYNONYMS,
  description,
  allowsEveryone
});

const tierColumn: ColumnSpec = {
  name: 'tier',
  type: 'tier',
  required: true,
  synonyms: ['mtss tier', 'level of support'],
  description: 'MTSS tier: 1, 2 or 3 (also Tier 1, T1, I, universal, …)'
};

export const FILES: Record<FileKind, FileSpec> = {
  schools: {
    kind: 'schools',
    fileName: 'schools.csv',
    title: 'Schools',
    required: true,
    columns: [
      {
        name: 'school_id',
        type: 'id',
        required: true,
        synonyms: SCHOOL_ID_SYNONYMS,
        description: 'Unique school identifier'
      },
      {
        name: 'school_name',
        type: 'text',
        required: true,
        synonyms: ['school', 'school name', 'sch name', 'name'],
        description: 'School name'
      },
      {
        name: 'enrollment',
        type: 'whole',
        required: true,
        synonyms: ENROLLMENT_SYNONYMS,
        description: 'Students enrolled',
        min: 0
      },
      {
        name: 'level',
        type: 'level',
        required: false,
        synonyms: ['grade span', 'school level', 'type', 'school level (sy 2017-18 onward)'],
        description: 'elementary, middle, high, k8, k12 or other'
      },
      {
        name: 'latitude',
        type: 'decimal',
        required: false,
        synonyms: ['lat'],
        description: 'Latitude (with longitude, or neither)',
        min: -90,
        max: 90
      },
      {
        name: 'longitude',
        type: 'decimal',
        required: false,
        synonyms: ['lon', 'lng', 'long'],
        description: 'Longitude (with latitude, or neither)',
        min: -180,
        max: 180
      },
      {
        name: 'frl_pct',
        type: 'percent',
        required: false,
        synonyms: ['frl', 'free reduced lunch pct', 'econ disadvantaged pct'],
        description: 'Free or reduced-price lunch, percent',
        min: 0,
        max: 100
      },
      {
        name: 'ell_pct',
        type: 'percent',
        required: false,
        synonyms: ['ell', 'english learners pct'],
        description: 'English learners, percent',
        min: 0,
        max: 100
      },
      {
        name: 'district_id',
        type: 'text',
        required: false,
        synonyms: ['leaid', 'lea id', 'agency id', 'districtid', 'district id', 'agency id - nces assigned'],
        description: 'The school district (NCES LEAID), for choosing one district out of a state file'
      },
      {
        name: 'district_name',
        type: 'text',
        required: false,
        synonyms: ['lea name', 'agency name', 'district name'],
        description: 'The school district’s name'
      }
    ]
  },
  staff: {
    kind: 'staff',
    fileName: 'staff.csv',
    title: 'School-employed mental health staff',
    required: true,
    columns: [
      { ...schoolRef('The school the person is assigned to'), synonyms: [...SCHOOL_ID_SYNONYMS, 'combokey', 'location code', 'building', 'site'] },
      {
        name: 'role',
        type: 'role',
        required: true,
        synonyms: ['position', 'title', 'job', 'job title', 'assignment'],
        description: 'School psychologist, counselor, social worker or nurse'
      },
      {
        name: 'fte',
        type: 'decimal',
        required: true,
        synonyms: ['fte assigned', 'full time equivalent'],
        description: 'Full-time equivalent at this school and role, above 0 and at most 50 (a school’s total in one row)',
        min: 0,
        minExclusive: true,
        max: 50
      }
    ]
  },
  services: {
    kind: 'services',
    fileName: 'services.csv',
    title: 'Services (school and community)',
    required: true,
    columns: [
      schoolRef('The school served, or * for every school', true),
      {
        name: 'provider',
        type: 'text',
        required: true,
        synonyms: ['provider name', 'agency', 'organization'],
        description: 'Who provides the service'
      },
      {
        name: 'provider_type',
        type: 'provider_type',
        required: true,
        synonyms: ['type', 'provider category'],
        description: 'school or community'
      },
      {
        name: 'service',
        type: 'service',
        required: true,
        synonyms: ['service type', 'program'],
        description: 'Service type (individual counseling, SEL curriculum, …)'
      },
      tierColumn,
      {
        name: 'capacity',
        type: 'whole',
        required: true,
        synonyms: ['students served', 'slots', 'seats'],
        description: 'Students the service can serve this school year at that school',
        min: 0
      },
      {
        name: 'languages',
        type: 'text',
        required: false,
        synonyms: ['language', 'languages offered'],
        description: 'Languages offered, separated by ;'
      },
      {
        name: 'requires_diagnosis',
        type: 'yes_no',
        required: false,
        synonyms: ['diagnosis required', 'billed to insurance'],
        description: 'yes if a diagnosis is needed (insurance-billed)'
      },
      {
        name: 'funding',
        type: 'text',
        required: false,
        synonyms: ['funding source'],
        description: 'Funding source'
      },
      {
        name: 'agreement',
        type: 'yes_no',
        required: false,
        synonyms: ['mou', 'data sharing agreement'],
        description: 'yes if an MOU or data-sharing agreement is in place'
      }
    ]
  },
  needs: {
    kind: 'needs',
    fileName: 'needs.csv',
    title: 'Screening or referral counts',
    required: false,
    columns: [
      schoolRef('The school screened'),
      tierColumn,
      {
        name: 'students',
        type: 'whole',
        required: true,
        synonyms: ['students identified', 'count'],
        description: 'Students identified as needing this tier',
        min: 0
      }
    ]
  }
};

export const FILE_KINDS = Object.keys(FILES) as FileKind[];

/** Enrollment and locations in files of their own, as NCES publishes them (CCD membership, EDGE geocodes). */
export const PARTS: Record<PartKind, FileSpec> = {
  enrollment: {
    kind: 'enrollment',
    fileName: 'enrollment.csv',
    title: 'Enrollment by school',
    required: false,
    columns: [
      { name: 'school_id', type: 'id', required: true, synonyms: SCHOOL_ID_SYNONYMS, description: 'The school' },
      // Blank where a source did not report it (CCD "Not reported"): the schools file's figure stays.
      { name: 'enrollment', type: 'whole', required: false, synonyms: ENROLLMENT_SYNONYMS, description: 'Students enrolled', min: 0 }
    ]
  },
  locations: {
    kind: 'locations',
    fileName: 'locations.csv',
    title: 'School locations',
    required: false,
    columns: [
      { name: 'school_id', type: 'id', required: true, synonyms: SCHOOL_ID_SYNONYMS, description: 'The school' },
      { ...FILES.schools.columns.find((c) => c.name === 'latitude')!, required: true },
      { ...FILES.schools.columns.find((c) => c.name === 'longitude')!, required: true }
    ]
  }
};

export const PART_KINDS = Object.keys(PARTS) as PartKind[];

export const isPartKind = (kind: string): kind is PartKind => PART_KINDS.includes(kind as PartKind);

/** The schools columns a part file fills: enrollment, or latitude and longitude. */
export const partColumns = (kind: PartKind) => PARTS[kind].columns.map((c) => c.name).filter((c) => c !== 'school_id');

export const INPUT_FILES: Record<InputFileKind, FileSpec> = { ...FILES, ...PARTS };

/**
 * The CCD membership file's one row per school that holds its total (the others break it down by
 * grade, race and sex).
 */
export const CCD_TOTAL = { column: 'total_indicator', value: 'Education Unit Total' };

/** CCD status columns, and the statuses whose schools are left out. */
export const CCD_STATUS = { columns: ['sy_status_text', 'updated_status_text'], leftOut: ['Closed', 'Inactive', 'Future'] };

/**
 * The wide staff layout: one FTE column per role (CRDC School Support, or friendly names). A
 * negative value there is a CRDC reserve code: not reported.
 */
export const WIDE_STAFF: { role: string; headers: string[] }[] = [
  { role: 'school_psychologist', headers: ['sch_fteservices_psy', 'psychologist_fte'] },
  { role: 'school_counselor', headers: ['sch_ftecounselors', 'counselor_fte'] },
  { role: 'school_social_worker', headers: ['sch_fteservices_soc', 'social_worker_fte'] },
  { role: 'school_nurse', headers: ['sch_fteservices_nur', 'nurse_fte'] }
];

export const CRDC_RESERVE_CODES = [-3, -4, -5, -6, -8, -9, -11, -12, -13];
