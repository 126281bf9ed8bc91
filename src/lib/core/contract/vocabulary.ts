/** The contract's vocabularies: roles, tiers, service types, levels, yes/no. */

export const TIERS = [1, 2, 3] as const;
export type Tier = (typeof TIERS)[number];

/** Every spelling of a tier the contract accepts, by tier. */
export const TIER_LABELS: Record<Tier, string[]> = {
  1: ['1', 'Tier 1', 'T1', 'I', 'universal'],
  2: ['2', 'Tier 2', 'T2', 'II', 'targeted', 'secondary'],
  3: ['3', 'Tier 3', 'T3', 'III', 'intensive', 'tertiary']
};

export const TIER_NAMES: Record<Tier, string> = {
  1: 'Tier 1 (universal)',
  2: 'Tier 2 (targeted)',
  3: 'Tier 3 (intensive)'
};

export interface RoleDefinition {
  role: string;
  label: string;
  accepted: string[];
  /** Recommended students per FTE, and the body that recommends it. */
  ratio: number;
  standard: string;
}

export const ROLES: RoleDefinition[] = [
  {
    role: 'school_psychologist',
    label: 'School psychologist',
    accepted: ['school psychologist', 'psychologist', 'psych'],
    ratio: 500,
    standard: 'NASP'
  },
  {
    role: 'school_counselor',
    label: 'School counselor',
    accepted: ['school counselor', 'counselor', 'guidance counselor'],
    ratio: 250,
    standard: 'ASCA'
  },
  {
    role: 'school_social_worker',
    label: 'School social worker',
    accepted: ['school social worker', 'social worker', 'sw'],
    ratio: 250,
    standard: 'SSWAA'
  },
  {
    role: 'school_nurse',
    label: 'School nurse',
    accepted: ['school nurse', 'nurse', 'rn'],
    ratio: 750,
    standard: 'NASN'
  }
];

export const SERVICE_TYPES = [
  'screening',
  'sel_curriculum',
  'schoolwide_prevention',
  'classroom_consultation',
  'staff_training',
  'parent_education',
  'group_counseling',
  'individual_counseling',
  'mentoring',
  'check_in_check_out',
  'case_management',
  'crisis_intervention',
  'family_therapy',
  'psychiatric_care',
  'substance_use',
  'telehealth',
  'wraparound'
] as const;

/** How a service type reads to a person: `sel_curriculum` → `SEL curriculum`. */
export function serviceLabel(service: string): string {
  const words = service.replace(/_/g, ' ');
  return (words.charAt(0).toUpperCase() + words.slice(1)).replace(/\bsel\b/i, 'SEL');
}

export const LEVELS = ['elementary', 'middle', 'high', 'k8', 'k12', 'other'] as const;

/** Level spellings beyond the level's own name (which always matches). */
export const LEVEL_LABELS: Record<(typeof LEVELS)[number], string[]> = {
  elementary: ['elementary'],
  middle: ['middle'],
  high: ['high'],
  k8: ['k8', 'K-8'],
  k12: ['k12', 'K-12'],
  other: ['other']
};

export const PROVIDER_TYPES = ['school', 'community'] as const;

export const YES_NO: Record<'yes' | 'no', string[]> = {
  yes: ['yes', 'y', 'true', '1'],
  no: ['no', 'n', 'false', '0']
};
