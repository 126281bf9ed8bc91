import { z } from 'zod';
import { ROLES } from './vocabulary';

/** The smallest suppression threshold a user may set: never below 5 respondents. */
export const MIN_SUPPRESSION_THRESHOLD = 5;

const ratios = Object.fromEntries(ROLES.map((r) => [r.role, z.number().positive()])) as Record<
  string,
  z.ZodNumber
>;

export const settingsSchema = z.object({
  /** Recommended students per FTE, by role. */
  ratios: z.object(ratios),
  /** Share of enrollment that needs each tier where no screening count exists. */
  tierRates: z.object({
    1: z.number().min(0).max(1),
    2: z.number().min(0).max(1),
    3: z.number().min(0).max(1)
  }),
  /** Survey cells with fewer respondents than this are withheld. */
  suppressionThreshold: z.number().int().min(MIN_SUPPRESSION_THRESHOLD),
  /** Annual cost of one FTE by role, for the cost of a scenario; a role without one has no cost. */
  salaries: z.record(z.string(), z.number().positive()).default({})
});

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  ratios: Object.fromEntries(ROLES.map((r) => [r.role, r.ratio])),
  tierRates: { 1: 1, 2: 0.15, 3: 0.05 },
  suppressionThreshold: 10,
  salaries: {}
};
