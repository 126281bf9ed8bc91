-- The gap model, for every school and MTSS tier (data contract, "The gap model").
-- need: the screening count where one exists, else enrollment × the tier's rate.
-- capacity: the school's own services of that tier, plus each district-wide (*) service of
-- that tier shared out in proportion to need.
CREATE OR REPLACE VIEW tier_gaps AS
WITH screened AS (
  SELECT school_id, tier, sum(students) AS students
  FROM needs
  GROUP BY school_id, tier
),
need AS (
  SELECT s._row AS school_order, s.school_id, s.school_name, r.tier,
         coalesce(sc.students::DOUBLE, s.enrollment * r.rate) AS need
  FROM schools s
  CROSS JOIN settings_tier_rate r
  LEFT JOIN screened sc ON sc.school_id = s.school_id AND sc.tier = r.tier
),
school_capacity AS (
  SELECT school_id, tier, sum(capacity)::DOUBLE AS capacity
  FROM services
  WHERE school_id <> '*'
  GROUP BY school_id, tier
),
shared_capacity AS (
  SELECT tier, sum(capacity)::DOUBLE AS capacity
  FROM services
  WHERE school_id = '*'
  GROUP BY tier
),
district_need AS (
  SELECT tier, sum(need) AS need FROM need GROUP BY tier
),
capacity AS (
  SELECT n.*,
         coalesce(c.capacity, 0)
           + coalesce(sh.capacity * n.need / nullif(d.need, 0), 0) AS capacity
  FROM need n
  LEFT JOIN school_capacity c ON c.school_id = n.school_id AND c.tier = n.tier
  LEFT JOIN shared_capacity sh ON sh.tier = n.tier
  LEFT JOIN district_need d ON d.tier = n.tier
)
SELECT school_order, school_id, school_name, tier, need, capacity,
       greatest(need - capacity, 0) AS gap,
       CASE WHEN need = 0 THEN NULL ELSE capacity / need END AS coverage
FROM capacity;
