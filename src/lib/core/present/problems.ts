/** Why a scenario's change cannot be made, in the team's words: school names and role labels, not IDs. */
import type { Change, ScenarioProblem } from '../scenario/types';
import { describeChanges } from './changes';
import { roleInSentence } from './labels';
import { fte } from './numbers';

/**
 * One problem as a sentence led by the change it concerns: "Change 2: Harbor Elementary would
 * have -0.5 FTE of school psychologist". The form adding a change leads with "This change".
 */
export function problemText(p: ScenarioProblem, schoolName: (id: string) => string, lead = `Change ${p.change + 1}`): string {
  return `${lead}: ${problemBody(p, schoolName)}`;
}

function problemBody(p: ScenarioProblem, schoolName: (id: string) => string): string {
  switch (p.kind) {
    case 'school_not_loaded':
      return `school "${p.school_id}" is not loaded`;
    case 'service_gone':
      return `“${p.label}” is no longer in the loaded services`;
    case 'service_changed':
      return `row ${p.row} of the services file is now ${p.now}, not “${p.label}”`;
    case 'not_a_role':
      return `"${p.role}" is not a role`;
    case 'negative_fte':
      return `${schoolName(p.school_id)} would have ${fte(p.value)} FTE of ${roleInSentence(p.role)}`;
  }
}

/** A change's number as the list of changes shows it, where a move's two halves are one line. */
export function changeLine(changes: Change[], change: number): number {
  return describeChanges(changes, (id) => id).findIndex((item) => item.indices.includes(change)) + 1;
}
