/** Scenario problems in the team's words; the changes themselves are described in core/present. */
import { ROLES } from '$lib/core/contract/vocabulary';
import { roleInSentence as role } from '$lib/core/present/labels';

export { serviceText, serviceWhere } from '$lib/core/present/changes';

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
