/**
 * How the report's figures and codes read on a page (HTML and DOCX). These are for reading only:
 * the XLSX and CSV write plain values through ../format.ts. Intl with a fixed locale gives the
 * same text in Node and in every browser.
 */
import { ROLES, serviceLabel, TIER_NAMES, type Tier } from '../../contract/vocabulary';
import type { Change } from '../../scenario/types';

const WHOLE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const TWO = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** What an undefined figure shows (coverage where need is 0, students per FTE with no FTE). */
export const NONE = '—';

const finite = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isFinite(n);
/** `-0` would read as "-0". */
const noNegativeZero = (text: string) => (/^-0(\.0+)?%?$/.test(text) ? text.slice(1) : text);

/** Students: need, capacity, gap. */
export function whole(n: number | null | undefined): string {
  return finite(n) ? noNegativeZero(WHOLE.format(n)) : NONE;
}

/** A share (0.85 → 85%), as coverage. */
export function share(n: number | null | undefined): string {
  return finite(n) ? noNegativeZero(`${WHOLE.format(n * 100)}%`) : NONE;
}

/** A percentage already out of 100 (the survey's % favorable). */
export function percent(n: number | null | undefined): string {
  return finite(n) ? noNegativeZero(`${WHOLE.format(n)}%`) : NONE;
}

/** FTE and survey means. */
export function twoDecimals(n: number | null | undefined): string {
  return finite(n) ? noNegativeZero(TWO.format(n)) : NONE;
}

export function money(n: number | null | undefined): string {
  if (!finite(n)) return NONE;
  const text = `$${WHOLE.format(Math.abs(n))}`;
  return n < 0 && text !== '$0' ? `−${text}` : text;
}

/** A signed difference, for scenario columns: +12, −3, 0. */
export function signed(n: number, format: (n: number) => string = whole): string {
  const text = format(Math.abs(n));
  if (/^[0.,]+%?$/.test(text)) return format(0);
  return n < 0 ? `−${text}` : `+${text}`;
}

/** How a withheld survey cell reads: `n<10` for the threshold in use. */
export function withheld(threshold: number): string {
  return `n<${threshold}`;
}

export function roleLabel(role: string): string {
  return ROLES.find((r) => r.role === role)?.label ?? role;
}

/** The body whose ratio is the default for a role (NASP, ASCA…). */
export function roleStandard(role: string): { ratio: number; standard: string } | undefined {
  return ROLES.find((r) => r.role === role);
}

export function tierName(tier: number): string {
  return TIER_NAMES[tier as Tier] ?? `Tier ${tier}`;
}

export { serviceLabel };

const LEVEL_NAMES: Record<string, string> = {
  elementary: 'Elementary',
  middle: 'Middle',
  high: 'High',
  k8: 'K-8',
  k12: 'K-12',
  other: 'Other'
};

export function levelLabel(level: string | null): string {
  return level ? (LEVEL_NAMES[level] ?? level) : '';
}

export function yesNo(value: boolean | null): string {
  return value === null ? NONE : value ? 'yes' : 'no';
}

/** `climate` → `Climate`. */
export function constructLabel(construct: string): string {
  return construct.charAt(0).toUpperCase() + construct.slice(1).replace(/_/g, ' ');
}

export const FILE_KIND_LABELS: Record<string, string> = {
  schools: 'Schools',
  staff: 'Staff',
  services: 'Services',
  needs: 'Screening counts',
  survey: 'Family survey'
};

export function providerTypeLabel(type: string): string {
  return type === 'school' ? 'School' : type === 'community' ? 'Community' : type;
}

/** One scenario change in words, for the plan's reader. */
export function describeChange(change: Change, schoolName: (id: string) => string): string {
  switch (change.type) {
    case 'fte':
      return `${change.fte > 0 ? 'Add' : 'Remove'} ${twoDecimals(Math.abs(change.fte))} FTE ${roleLabel(change.role).toLowerCase()} at ${schoolName(change.school_id)}`;
    case 'add_service':
      return `Add ${serviceLabel(change.service).toLowerCase()} by ${change.provider} (${change.provider_type}, ${tierName(change.tier)}) for ${whole(change.capacity)} students at ${schoolName(change.school_id)}`;
    case 'remove_service':
      return `Remove ${change.label}`;
    case 'ratio':
      return `Recommended ratio for ${roleLabel(change.role).toLowerCase()}s: ${whole(change.ratio)} students per FTE`;
    case 'tier_rate':
      return `${tierName(change.tier)} need rate: ${share(change.rate)} of enrollment`;
    case 'screening':
      return `${tierName(change.tier)} screening count at ${schoolName(change.school_id)}: ${whole(change.students)} students`;
  }
}

/** The district as a title names it, with or without a name. */
export function districtTitle(name: string | null): string {
  return name ?? 'All schools in the district';
}

/** What a district-wide priority is for. */
export function wholeDistrict(name: string | null): string {
  return name ?? 'The whole district';
}

/** The report's running header: the school or district, and what the report is. */
export function runningTitle(name: string | null, school?: string): string {
  return [school, name, school ? '' : 'mental health gap report'].filter(Boolean).join(' · ');
}

/** A school's name by id, '*' as every school, for describing changes and priorities. */
export function schoolNamer(schools: { school_id: string; school_name: string }[]): (id: string) => string {
  const names = new Map(schools.map((s) => [s.school_id, s.school_name]));
  return (id) => (id === '*' ? 'every school' : (names.get(id) ?? id));
}
