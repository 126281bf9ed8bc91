/**
 * The workshop's decisions: priorities written as the action steps of a school improvement plan,
 * and the team's readiness on the six elements of a school–community partnership (NASP).
 */
import { z } from 'zod';

export const prioritySchema = z.object({
  id: z.string().min(1),
  /** The school it is for, or '*' for the district. */
  school_id: z.string().min(1),
  tier: z.number().int().min(1).max(3).optional(),
  goal: z.string(),
  strategy: z.string(),
  action_steps: z.string(),
  person_responsible: z.string(),
  /** When, as the team writes it (a date or "by March 2027"). */
  timeline: z.string(),
  resources: z.string(),
  measure_of_success: z.string(),
  /** The scenario that carries this priority's changes, if any. */
  scenario_id: z.string().optional()
});

export type Priority = z.infer<typeof prioritySchema>;

export const PARTNERSHIP_ELEMENTS = [
  { id: 'leadership_team', label: 'A leadership team of school and community stakeholders' },
  { id: 'resource_mapping', label: 'Ongoing assets and needs assessment (resource mapping)' },
  { id: 'service_coordinator', label: 'A designated service coordinator' },
  { id: 'shared_accountability', label: 'Clear expectations and shared accountability for community providers' },
  { id: 'professional_development', label: 'Ongoing professional development' },
  { id: 'evaluation', label: 'Regular evaluation of effectiveness' }
] as const;

export const READINESS_LEVELS = ['not started', 'beginning', 'in place', 'strong'] as const;

export const readinessSchema = z.record(z.string(), z.object({ level: z.enum(READINESS_LEVELS), note: z.string() }));
export type Readiness = z.infer<typeof readinessSchema>;
