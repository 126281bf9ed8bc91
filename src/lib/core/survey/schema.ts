import { MAX_SCALE_POINTS } from './scales';

/**
 * Tables of the loaded survey: the template's items, the answers with a value of the scales they
 * name (`position` a point's place in its scale, from 1), one row per respondent, one per answer.
 * A respondent row keeps only the school, the wave and the language: nothing that names anyone.
 * `language_group` is 'en', 'es' or 'other' (from the language column, or else from the labels
 * the answers used), NULL where unknown. `wave_order` is the order the waves were first loaded.
 *
 * `survey_construct_answers` is derived from the other two as they are loaded, for scoring: one
 * row per respondent and construct answered, with the respondent's school, wave ('' where none)
 * and language group ('unknown' where none), and their answers counted (see answers.ts).
 */
export function surveySchemaSql(): string {
  // A respondent's count at one point is at most the construct's items: two bytes hold it, and
  // eleven such columns take no more room than the five four-byte ones of a 1–5 scale did.
  const points = Array.from({ length: MAX_SCALE_POINTS }, (_, p) => `v${p + 1} USMALLINT`).join(', ');
  return `
    CREATE TABLE IF NOT EXISTS survey_items (item_id VARCHAR, construct VARCHAR, construct_order INTEGER,
      item_order INTEGER, text_en VARCHAR, text_es VARCHAR, scale VARCHAR);
    CREATE TABLE IF NOT EXISTS survey_scale_points (scale VARCHAR, position INTEGER, value INTEGER,
      label_en VARCHAR, label_es VARCHAR, favorable BOOLEAN);
    CREATE TABLE IF NOT EXISTS survey_responses (respondent BIGINT, _row INTEGER, school_id VARCHAR,
      wave VARCHAR, language VARCHAR, language_group VARCHAR, wave_order INTEGER, source_file VARCHAR);
    CREATE TABLE IF NOT EXISTS survey_answers (respondent BIGINT, item_id VARCHAR, value INTEGER);
    CREATE TABLE IF NOT EXISTS survey_construct_answers (respondent BIGINT, school_id VARCHAR, wave VARCHAR,
      wave_order INTEGER, language_group VARCHAR, construct VARCHAR, construct_order INTEGER,
      answered INTEGER, favorable INTEGER, total INTEGER, ${points});`;
}

/** Empties every survey table. */
export const CLEAR_SURVEY_SQL = 'DELETE FROM survey_construct_answers; DELETE FROM survey_answers; DELETE FROM survey_responses; DELETE FROM survey_items; DELETE FROM survey_scale_points;';
