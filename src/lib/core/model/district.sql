-- District totals by tier: the overview's first reading.
CREATE OR REPLACE VIEW district_tiers AS
SELECT tier, sum(need) AS need, sum(capacity) AS capacity,
       sum(gap) AS gap,
       CASE WHEN sum(need) = 0 THEN NULL ELSE sum(capacity) / sum(need) END AS coverage,
       count(*) FILTER (WHERE has_gap) AS schools_with_gap,
       count(*) AS schools
FROM tier_gaps
GROUP BY tier;

-- District staffing by role: the district's own ratio beside the standard, over the schools
-- that reported the role (schools_not_reported says how many did not).
CREATE OR REPLACE VIEW district_staffing AS
SELECT role, role_order, any_value(recommended_ratio) AS recommended_ratio,
       sum(fte) AS fte, sum(enrollment) FILTER (WHERE reported) AS enrollment,
       sum(enrollment) FILTER (WHERE reported) / nullif(sum(fte), 0) AS students_per_fte,
       sum(fte_needed) FILTER (WHERE reported) AS fte_needed, sum(fte_gap) AS fte_gap,
       count(*) FILTER (WHERE below_standard) AS schools_below_standard,
       count(*) FILTER (WHERE NOT reported) AS schools_not_reported
FROM staffing
GROUP BY role, role_order;

-- Each service with the terms that limit who can use it. without_agreement is the one rule for
-- a community partner with no agreement (MOU, data sharing) on record: a blank counts as none,
-- and the district's own staff need none.
CREATE OR REPLACE VIEW service_terms AS
SELECT *, provider_type = 'community' AND NOT coalesce(agreement, false) AS without_agreement
FROM services;

-- Services as the resource matrix shows them: district-wide rows stand for every school.
CREATE OR REPLACE VIEW service_matrix AS
SELECT coalesce(s.school_id, sv.school_id) AS school_id, sv.school_id = '*' AS district_wide,
       sv.provider, sv.provider_type, sv.service, sv.tier, sv.capacity,
       coalesce(sv.languages, '') AS languages,
       sv.requires_diagnosis, sv.agreement, sv.without_agreement, sv.funding
FROM service_terms sv
LEFT JOIN schools s ON sv.school_id = '*';
