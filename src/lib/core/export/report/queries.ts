/**
 * The few questions the report asks that src/lib/core/model/queries.ts does not: every school's
 * providers in one query (not 127), the settings the figures were made with, and which needs came
 * from screening counts.
 */

/** Schools in file order, with what a report's heading shows. */
export const SCHOOLS_SQL = `
  SELECT school_id, school_name, level, enrollment FROM schools ORDER BY _row`;

/** (school, tier) pairs whose need is a screening count rather than enrollment × rate. */
export const SCREENED_SQL = `
  SELECT DISTINCT school_id, tier FROM needs`;

export const RATIOS_SQL = `
  SELECT role, ratio FROM settings_role_ratio ORDER BY role_order`;

export const TIER_RATES_SQL = `
  SELECT tier, rate FROM settings_tier_rate ORDER BY tier`;

export const THRESHOLD_SQL = `
  SELECT min_n FROM settings_survey`;

/** The survey's constructs in the template's order. */
export const CONSTRUCTS_SQL = `
  SELECT construct FROM survey_items GROUP BY construct ORDER BY min(construct_order)`;

/**
 * Every school's providers, its own and the district-wide ones. A district-wide row's capacity
 * here is the school's share of it, as the gap model shares it out (in proportion to need), so a
 * school's providers add up to its capacity in tier_gaps; `shared_from` keeps the whole figure.
 */
export const SCHOOL_PROVIDERS_SQL = `
  WITH district_need AS (SELECT tier, sum(need) AS need FROM tier_gaps GROUP BY tier)
  SELECT m.school_id, m.provider, m.provider_type, m.service, m.tier,
         CASE WHEN m.district_wide THEN coalesce(m.capacity * g.need / nullif(d.need, 0), 0)
              ELSE m.capacity END::DOUBLE AS capacity,
         m.district_wide,
         CASE WHEN m.district_wide THEN m.capacity END AS shared_from,
         m.languages, m.requires_diagnosis, m.agreement, m.funding
  FROM service_matrix m
  JOIN schools s ON s.school_id = m.school_id
  LEFT JOIN tier_gaps g ON g.school_id = m.school_id AND g.tier = m.tier
  LEFT JOIN district_need d ON d.tier = m.tier
  ORDER BY s._row, m.tier, m.provider_type DESC, m.provider, m.service`;

/** Each provider once, district-wide: what it offers, where, and to how many students. */
export const PROVIDER_SUMMARY_SQL = `
  SELECT provider, provider_type,
         string_agg(DISTINCT service, ';' ORDER BY service) AS services,
         string_agg(DISTINCT tier::VARCHAR, ';' ORDER BY tier::VARCHAR) AS tiers,
         count(DISTINCT school_id) FILTER (WHERE school_id <> '*') AS schools,
         bool_or(school_id = '*') AS district_wide,
         sum(capacity)::DOUBLE AS capacity,
         count(*) FILTER (WHERE requires_diagnosis) AS rows_requiring_diagnosis,
         count(*) FILTER (WHERE provider_type = 'community' AND NOT coalesce(agreement, false)) AS rows_without_agreement,
         count(*) AS rows
  FROM services
  GROUP BY provider, provider_type
  ORDER BY provider_type DESC, provider`;
