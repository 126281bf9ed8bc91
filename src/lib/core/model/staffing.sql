-- School-employed mental health staff against the recommended ratios, one row for every
-- school and every role (a school with no one in a role has fte 0). A school and role whose
-- only rows have no FTE (a CRDC reserve code) is not reported: fte, students_per_fte, fte_gap
-- and below_standard are empty there, never zero.
CREATE OR REPLACE VIEW staffing AS
WITH assigned AS (
  SELECT school_id, role, sum(fte) AS fte, count(fte) = 0 AS not_reported
  FROM staff
  GROUP BY school_id, role
),
counted AS (
  SELECT s._row AS school_order, s.school_id, s.school_name, s.enrollment,
         r.role_order, r.role, r.ratio,
         NOT coalesce(a.not_reported, false) AS reported,
         CASE WHEN coalesce(a.not_reported, false) THEN NULL ELSE coalesce(a.fte, 0) END AS fte
  FROM schools s
  CROSS JOIN settings_role_ratio r
  LEFT JOIN assigned a ON a.school_id = s.school_id AND a.role = r.role
)
SELECT school_order, school_id, school_name, enrollment, role_order, role,
       fte,
       enrollment / nullif(fte, 0) AS students_per_fte,
       ratio AS recommended_ratio,
       enrollment / ratio AS fte_needed,
       -- greatest() skips a NULL: not reported must stay empty.
       CASE WHEN reported THEN greatest(enrollment / ratio - fte, 0) END AS fte_gap,
       -- The one rule for "below the standard": short of the ratio by at least 0.005 FTE, so that
       -- the shortfall reads as 0.01 FTE or more where FTE is shown to two places.
       enrollment / ratio - fte >= 0.005 AS below_standard,
       reported
FROM counted;
