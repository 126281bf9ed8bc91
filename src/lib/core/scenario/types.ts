/**
 * A what-if scenario: the loaded data plus a list of changes. The changes are plain data, so a
 * scenario can be saved, duplicated, undone change by change, and written into a report.
 */
import { z } from 'zod';

const schoolId = z.string().min(1);
const role = z.string().min(1);
const tier = z.number().int().min(1).max(3);

export const changeSchema = z.discriminatedUnion('type', [
  /** Adds FTE of a role at a school (negative removes; a move is a removal and an addition). */
  z.object({ type: z.literal('fte'), school_id: schoolId, role, fte: z.number().refine((n) => n !== 0, 'must not be 0') }),
  /** Adds a provider's service. */
  z.object({
    type: z.literal('add_service'),
    school_id: z.string().min(1),
    provider: z.string().min(1),
    provider_type: z.enum(['school', 'community']),
    service: z.string().min(1),
    tier,
    capacity: z.number().int().min(0),
    requires_diagnosis: z.boolean().optional(),
    agreement: z.boolean().optional()
  }),
  /** Removes a loaded service, by its row in the services file. */
  z.object({ type: z.literal('remove_service'), row: z.number().int().positive(), label: z.string() }),
  z.object({ type: z.literal('ratio'), role, ratio: z.number().positive() }),
  z.object({ type: z.literal('tier_rate'), tier, rate: z.number().min(0).max(1) }),
  /** Sets a school's screening count for a tier. */
  z.object({ type: z.literal('screening'), school_id: schoolId, tier, students: z.number().int().min(0) })
]);

export type Change = z.infer<typeof changeSchema>;

export const scenarioSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  changes: z.array(changeSchema)
});

export type Scenario = z.infer<typeof scenarioSchema>;

/**
 * Why a change cannot be made against the loaded data, as data: `change` is its index in the
 * scenario's changes. core/present/problems.ts says it in the team's words.
 */
export type ScenarioProblem = { change: number } & (
  | { kind: 'school_not_loaded'; school_id: string }
  /** The service a removal names is at no row of the services file now. */
  | { kind: 'service_gone'; row: number; label: string }
  /** A services file loaded since holds another service at the removal's row: `now` is its label. */
  | { kind: 'service_changed'; row: number; label: string; now: string }
  | { kind: 'not_a_role'; role: string }
  /** The school would be left with `value` (below 0) FTE of the role, counting earlier changes. */
  | { kind: 'negative_fte'; school_id: string; role: string; value: number }
);

/** District figures by tier, baseline beside scenario. */
export interface TierComparison {
  tier: number;
  need: number;
  capacity: number;
  gap: number;
  coverage: number | null;
  scenario_need: number;
  scenario_capacity: number;
  scenario_gap: number;
  scenario_coverage: number | null;
}

/** Schools meeting each staffing standard, baseline beside scenario, and the cost of the change. */
export interface StaffingComparison {
  role: string;
  fte: number;
  scenario_fte: number;
  schools_meeting: number;
  scenario_schools_meeting: number;
  /** FTE added (or removed) times the role's salary; null where no salary is set. */
  cost: number | null;
}
