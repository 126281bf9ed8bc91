/**
 * A scenario's changes in plain words, as the team would say them in the workshop: the app's
 * change list and the reports read the same lines.
 */
import type { Change } from '../scenario/types';
import { tierName, roleInSentence as role, serviceInSentence as service } from './labels';
import { count, fte, ratio, shareText } from './numbers';

export interface ChangeItem {
  /** The changes this line stands for: one, or the two halves of a move. */
  indices: number[];
  text: string;
}

const students = (n: number) => `${count(n)} ${n === 1 ? 'student' : 'students'}`;

/** Where a change or a service applies: "at Harbor Elementary", or "for every school" for '*'. */
export const serviceWhere = (schoolId: string, schoolName: string | null) =>
  schoolId === '*' ? 'for every school' : `at ${schoolName ?? schoolId}`;

/** Lines for the list; a move (a removal followed by the same addition elsewhere) reads as one. */
export function describeChanges(changes: Change[], schoolName: (id: string) => string): ChangeItem[] {
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
    items.push({ indices: [i], text: describeChange(c, schoolName) });
  }
  return items;
}

/** One change on its own. */
export function describeChange(c: Change, schoolName: (id: string) => string): string {
  const at = (id: string) => serviceWhere(id, schoolName(id));
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
      return `Staff ${role(c.role)}s to ${ratio(c.ratio)} students`;
    case 'tier_rate':
      return `Count ${shareText(c.rate, 1)} of enrollment as needing ${tierName(c.tier)} where no screening count is loaded`;
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
