-- School-employed mental health staff against the recommended ratios, one row for every
-- school and every role (a school with no one in a role has fte 0).
CREATE OR REPLACE VIEW staffing AS
WITH assigned AS (
  SELECT school_id, role, sum(fte) AS fte
  FROM staff
  GROUP BY school_id, role
)
SELECT s._row AS school_order, s.school_id, s.school_name, s.enrollment,
       r.role_order, r.role,
       coalesce(a.fte, 0) AS fte,
       s.enrollment / nullif(coalesce(a.fte, 0), 0) AS students_per_fte,
       r.ratio AS recommended_ratio,
       s.enrollment / r.ratio AS fte_needed,
       greatest(s.enrollment / r.ratio - coalesce(a.fte, 0), 0) AS fte_gap,
       -- The one rule for "below the standard": short of the ratio by at least 0.005 FTE, so that
       -- the shortfall reads as 0.01 FTE or more where FTE is shown to two places.
       s.enrollment / r.ratio - coalesce(a.fte, 0) >= 0.005 AS below_standard
FROM schools s
CROSS JOIN settings_role_ratio r
LEFT JOIN assigned a ON a.school_id = s.school_id AND a.role = r.role;
