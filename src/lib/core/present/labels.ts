/** The names people read for the data's codes: tiers, roles, services, constructs, levels, files. */
import { ROLES, serviceLabel, TIER_NAMES, type Tier } from '../contract/vocabulary';
import { NONE } from './numbers';

export { serviceLabel };

export function tierName(tier: number): string {
  return TIER_NAMES[tier as Tier] ?? `Tier ${tier}`;
}

export function roleLabel(role: string): string {
  return ROLES.find((r) => r.role === role)?.label ?? role;
}

/** A role mid-sentence: "school counselor". */
export const roleInSentence = (role: string) => roleLabel(role).toLowerCase();

/** The body whose ratio is a role's default (NASP, ASCA…); '' for a role without one. */
export function roleStandard(role: string): string {
  return ROLES.find((r) => r.role === role)?.standard ?? '';
}

/** The ratio a role's standard recommends, in students per FTE. */
export function standardRatio(role: string): number | undefined {
  return ROLES.find((r) => r.role === role)?.ratio;
}

/** A service type mid-sentence: "group counseling", "SEL curriculum". */
export const serviceInSentence = (type: string) => serviceLabel(type).toLowerCase().replace(/\bsel\b/, 'SEL');

/** `school_climate` → `School climate`. */
export function constructLabel(construct: string): string {
  return construct.charAt(0).toUpperCase() + construct.slice(1).replace(/_/g, ' ');
}

export const waveLabel = (wave: string) => (wave === '' ? 'No wave named' : wave);

const LEVEL_NAMES: Record<string, string> = {
  elementary: 'Elementary',
  middle: 'Middle',
  high: 'High',
  k8: 'K–8',
  k12: 'K–12',
  other: 'Other'
};

/** A school's level; '' where the file gives none. */
export function levelLabel(level: string | null | undefined): string {
  return level ? (LEVEL_NAMES[level] ?? level) : '';
}

/** A yes/no field; one the file leaves empty shows as NONE. */
export function yesNo(value: boolean | null): string {
  return value === null ? NONE : value ? 'yes' : 'no';
}

export function providerTypeLabel(type: string): string {
  return type === 'school' ? 'School' : type === 'community' ? 'Community' : type;
}

export const FILE_KIND_LABELS: Record<string, string> = {
  schools: 'Schools',
  enrollment: 'Enrollment',
  locations: 'School locations',
  staff: 'Staff',
  services: 'Services',
  needs: 'Screening counts',
  survey: 'Family survey'
};

/** The district as a title names it, with or without a name. */
export function districtTitle(name: string | null): string {
  return name ?? 'All schools in the district';
}

/** What a district-wide priority is for. */
export function wholeDistrict(name: string | null): string {
  return name ?? 'The whole district';
}

/** A school's name by id, for describing changes and priorities. */
export function schoolNamer(schools: { school_id: string; school_name: string }[]): (id: string) => string {
  const names = new Map(schools.map((s) => [s.school_id, s.school_name]));
  return (id) => names.get(id) ?? id;
}

/** The report's running header: the school or district, and what the report is. */
export function runningTitle(name: string | null, school?: string): string {
  return [school, name, school ? '' : 'mental health gap report'].filter(Boolean).join(' · ');
}
