/**
 * The few questions the report asks that src/lib/core/model/queries.ts does not: the settings the
 * figures were made with, and which needs came from screening counts.
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

/** The scales the survey's items use, first used first: each answer with a value, lowest first. */
export const SCALE_POINTS_SQL = `
  SELECT p.scale, p.label_en, p.value, p.favorable FROM survey_scale_points p
  JOIN (SELECT scale, min(item_order) AS first_item FROM survey_items GROUP BY scale) i USING (scale)
  ORDER BY i.first_item, p.position`;

/** The survey's constructs in the template's order. */
export const CONSTRUCTS_SQL = `
  SELECT construct FROM survey_items GROUP BY construct ORDER BY min(construct_order)`;

/** Each provider once, district-wide: what it offers, where, and to how many students. */
export const PROVIDER_SUMMARY_SQL = `
  SELECT provider, provider_type,
         string_agg(DISTINCT service, ';' ORDER BY service) AS services,
         string_agg(DISTINCT tier::VARCHAR, ';' ORDER BY tier::VARCHAR) AS tiers,
         count(DISTINCT school_id) FILTER (WHERE school_id <> '*') AS schools,
         bool_or(school_id = '*') AS district_wide,
         sum(capacity)::DOUBLE AS capacity,
         count(*) FILTER (WHERE requires_diagnosis) AS rows_requiring_diagnosis,
         count(*) FILTER (WHERE without_agreement) AS rows_without_agreement,
         count(*) AS rows
  FROM service_terms
  GROUP BY provider, provider_type
  ORDER BY provider_type DESC, provider`;
