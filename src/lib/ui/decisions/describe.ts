/** A scenario's changes in plain words, as the team would say them in the workshop. */
import { ROLES } from '$lib/core/contract/vocabulary';
import type { Change } from '$lib/core/scenario/types';
import { count, decimal, fte, roleLabel, serviceLabel, tierName } from '$lib/ui/format';

export interface ChangeItem {
  /** The changes this line stands for: one, or the two halves of a move. */
  indices: number[];
  text: string;
}

const role = (r: string) => roleLabel(r).toLowerCase();
/** A service type mid-sentence: "group counseling", "SEL curriculum". */
const service = (type: string) => serviceLabel(type).toLowerCase().replace(/\bsel\b/, 'SEL');
const students = (n: number) => `${count(n)} ${n === 1 ? 'student' : 'students'}`;

/** Lines for the list; a move (a removal followed by the same addition elsewhere) reads as one. */
export function describeChanges(changes: Change[], schoolName: (id: string) => string): ChangeItem[] {
  const at = (id: string) => (id === '*' ? 'for every school' : `at ${schoolName(id)}`);
  const items: ChangeItem[] = [];
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i];
    const next = changes[i + 1];
    if (c.type === 'fte' && c.fte < 0 && next?.type === 'fte' && next.role === c.role && next.fte === -c.fte && next.school_id !== c.school_id) {
      items.push({
        indices: [i, i + 1],
        text: `Move ${fte(next.fte)} FTE ${role(c.role)} from ${schoolName(c.school_id)} to ${schoolName(next.school_id)}`
      });
      i++;
      continue;
    }
    items.push({ indices: [i], text: describeChange(c, at, schoolName) });
  }
  return items;
}

function describeChange(c: Change, at: (id: string) => string, schoolName: (id: string) => string): string {
  switch (c.type) {
    case 'fte':
      return `${c.fte > 0 ? 'Add' : 'Remove'} ${fte(Math.abs(c.fte))} FTE ${role(c.role)} ${at(c.school_id)}`;
    case 'add_service': {
      const terms = [
        `Tier ${c.tier}, ${students(c.capacity)} a year`,
        `${c.provider_type} provider`,
        ...(c.requires_diagnosis ? ['needs a diagnosis'] : []),
        ...(c.provider_type === 'community' ? [c.agreement ? 'with an agreement (MOU)' : 'no agreement (MOU)'] : [])
      ];
      return `Add ${service(c.service)} from ${c.provider} ${at(c.school_id)} (${terms.join('; ')})`;
    }
    case 'remove_service':
      return `Remove ${c.label}`;
    case 'ratio':
      return `Staff ${role(c.role)}s to 1:${count(c.ratio)} students`;
    case 'tier_rate':
      return `Count ${decimal(c.rate * 100)}% of enrollment as needing ${tierName(c.tier)} where no screening count is loaded`;
    case 'screening':
      return `Set the ${tierName(c.tier)} screening count at ${schoolName(c.school_id)} to ${students(c.students)}`;
  }
}

/** A service as the change to remove it remembers it. */
export function serviceText(s: { provider: string; service: string; tier: number; capacity: number }, where: string): string {
  return `${service(s.service)} from ${s.provider} ${where} (Tier ${s.tier}, ${students(s.capacity)} a year)`;
}

/** How many lines the list shows: a move counts once. */
export const changeCount = (changes: Change[]) => describeChanges(changes, (id) => id).length;

/** Where a service is, as its label says it. */
export const serviceWhere = (schoolId: string, schoolName: string | null) =>
  schoolId === '*' ? 'for every school' : `at ${schoolName ?? schoolId}`;

/**
 * A problem from checkScenario in the team's words: it speaks in IDs ("HC001 would have -0.5 FTE
 * of school_psychologist"); the page speaks in names.
 */
export function plainProblem(problem: string, schoolName: (id: string) => string): string {
  return problem
    .replace(/^change (\d+):/, 'Change $1:')
    .replace(/^(Change \d+: )(\S+) would have/, (_, lead: string, id: string) => `${lead}${schoolName(id)} would have`)
    .replace(/\b[a-z]+(?:_[a-z]+)+\b/g, (id) => (ROLES.some((r) => r.role === id) ? role(id) : id));
}

/** Problems in the order of the changes they concern. */
export const byChange = (problems: string[]) =>
  [...problems].sort((a, b) => Number(/^change (\d+)/i.exec(a)?.[1] ?? 0) - Number(/^change (\d+)/i.exec(b)?.[1] ?? 0));
