/**
 * The gap model (data contract, "The gap model") as one SQL builder, for every school and tier:
 * need is the screening count where one exists, else enrollment × the tier's rate; capacity is
 * the school's own services of that tier plus each district-wide (*) service of that tier shared
 * out in proportion to need; gap = max(need − capacity, 0); coverage = capacity / need, empty
 * where need is 0. `share` is the school's part of each district-wide service (its part of the
 * district's need: the one place that rule is written), `has_gap` the rule for counting a gap.
 * The `tier_gaps` view is this with every service; the map asks it for one service type or
 * provider type, so the rule is written once.
 */
import { sqlNumber } from '../engine/engine';

export interface GapOptions {
  /** SQL condition on `services` rows that count as capacity (all by default). */
  services?: string;
  /** Only this tier (faster when a view shows one tier). */
  tier?: number;
}

/**
 * The one rule for "this school has a gap at this tier" (data contract, gap model): at least one
 * whole student unserved, so a gap that reads as 0 once rounded is never counted as one.
 */
export const HAS_GAP_SQL = 'greatest(need - capacity, 0) >= 0.5';

export function tierGapsSelect(options: GapOptions = {}): string {
  const tier = options.tier ? `WHERE r.tier = ${sqlNumber(options.tier)}` : '';
  return `
WITH screened AS (
  SELECT school_id, tier, sum(students) AS students
  FROM needs
  GROUP BY school_id, tier
),
need AS MATERIALIZED (
  SELECT s._row AS school_order, s.school_id, s.school_name, r.tier,
         coalesce(sc.students::DOUBLE, s.enrollment * r.rate) AS need
  FROM schools s
  CROSS JOIN settings_tier_rate r
  LEFT JOIN screened sc ON sc.school_id = s.school_id AND sc.tier = r.tier
  ${tier}
),
counted AS (
  SELECT school_id, tier, capacity FROM services WHERE ${options.services ?? 'TRUE'}
),
school_capacity AS (
  SELECT school_id, tier, sum(capacity)::DOUBLE AS capacity
  FROM counted WHERE school_id <> '*' GROUP BY school_id, tier
),
shared_capacity AS (
  SELECT tier, sum(capacity)::DOUBLE AS capacity
  FROM counted WHERE school_id = '*' GROUP BY tier
),
district_need AS (
  SELECT tier, sum(need) AS need FROM need GROUP BY tier
),
shares AS (
  SELECT n.*, coalesce(n.need / nullif(d.need, 0), 0) AS share
  FROM need n LEFT JOIN district_need d ON d.tier = n.tier
),
capacity AS (
  SELECT n.*,
         coalesce(c.capacity, 0) + coalesce(sh.capacity * n.share, 0) AS capacity
  FROM shares n
  LEFT JOIN school_capacity c ON c.school_id = n.school_id AND c.tier = n.tier
  LEFT JOIN shared_capacity sh ON sh.tier = n.tier
)
SELECT school_order, school_id, school_name, tier, need, share, capacity,
       greatest(need - capacity, 0) AS gap,
       CASE WHEN need = 0 THEN NULL ELSE capacity / need END AS coverage,
       ${HAS_GAP_SQL} AS has_gap
FROM capacity`;
}
