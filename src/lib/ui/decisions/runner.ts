/**
 * Engine work on the scenario schema, one piece at a time. There is one scenario schema, so a
 * comparison must not read it while another change is rebuilding it. (The pages skip queued
 * rebuilds that a newer change has overtaken.)
 */
import type { Engine } from '$lib/core/engine/engine';
import { applyScenario, checkScenario, compareStaffing, compareTiers, schoolChanges } from '$lib/core/scenario/scenario';
import type { Change, StaffingComparison, TierComparison } from '$lib/core/scenario/types';
import { serviceText, serviceWhere } from './describe';
import { servicesByRow } from '$lib/core/scenario/queries';

let chain: Promise<unknown> = Promise.resolve();

/** Runs `work` after every piece queued before it has finished. */
export function serial<T>(work: () => Promise<T>): Promise<T> {
  const run = chain.then(work, work);
  chain = run.catch(() => undefined);
  return run;
}

export interface Comparison {
  tiers: TierComparison[];
  staffing: StaffingComparison[];
  /** Schools whose gap changes at `tier`. */
  schools: ChangedSchool[];
  tier: number;
  /** How long applying the scenario and comparing it took, in milliseconds. */
  ms: number;
}

export type ChangedSchool = Awaited<ReturnType<typeof schoolChanges>>[number];

/** Builds the scenario and compares it with the baseline: everything a change can move. */
export async function compareScenario(
  engine: Engine,
  changes: Change[],
  salaries: Record<string, number | undefined>,
  tier: number
): Promise<Comparison> {
  const started = performance.now();
  await applyScenario(engine, { changes });
  const tiers = await compareTiers(engine);
  const staffing = await compareStaffing(engine, salaries);
  const schools = await schoolChanges(engine, tier);
  const ms = performance.now() - started;
  return { tiers, staffing, schools, tier, ms };
}

/**
 * checkScenario's problems, and one it cannot see: a removal names a row of the services file,
 * and a services file loaded since may hold another service at that row, or none.
 */
export async function scenarioProblems(engine: Engine, changes: Change[]): Promise<string[]> {
  const problems = await checkScenario(engine, changes);
  const removals = changes.flatMap((c, i) => (c.type === 'remove_service' ? [{ c, i }] : []));
  const rows = await servicesByRow(engine, removals.map(({ c }) => c.row));
  for (const { c, i } of removals) {
    const found = rows.get(c.row);
    const now = found && serviceText(found, serviceWhere(found.school_id, found.school_name));
    if (!now) problems.push(`change ${i + 1}: “${c.label}” is no longer in the loaded services`);
    else if (now !== c.label) problems.push(`change ${i + 1}: row ${c.row} of the services file is now ${now}, not “${c.label}”`);
  }
  return problems;
}
