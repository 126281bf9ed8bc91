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
  kind: FileKind;
  fileName: string;
  title: string;
  required: boolean;
  columns: ColumnSpec[];
}

export type FileKind = 'schools' | 'staff' | 'services' | 'needs';

const SCHOOL_ID_SYNONYMS = ['school id', 'school code', 'ncessch', 'ncesid', 'nces id', 'id'];

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
        synonyms: ['total enrollment', 'students', 'student count', 'total students'],
        description: 'Students enrolled',
        min: 0
      },
      {
        name: 'level',
        type: 'level',
        required: false,
        synonyms: ['grade span', 'school level', 'type'],
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
      }
    ]
  },
  staff: {
    kind: 'staff',
    fileName: 'staff.csv',
    title: 'School-employed mental health staff',
    required: true,
    columns: [
      schoolRef('The school the person is assigned to'),
      {
        name: 'role',
        type: 'role',
        required: true,
        synonyms: ['position', 'title', 'job'],
        description: 'School psychologist, counselor, social worker or nurse'
      },
      {
        name: 'fte',
        type: 'decimal',
        required: true,
        synonyms: ['fte assigned', 'full time equivalent'],
        description: 'Full-time equivalent at this school, above 0 and at most 2',
        min: 0,
        minExclusive: true,
        max: 2
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
