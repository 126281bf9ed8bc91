/**
 * Tables of the loaded survey: the template's items, one row per respondent, one per answer.
 * A respondent row keeps only the school, the wave and the language: nothing that names anyone.
 * `language_group` is 'en', 'es' or 'other' (from the language column, or else from the labels
 * the answers used), NULL where unknown. `wave_order` is the order the waves were first loaded.
 */
export function surveySchemaSql(): string {
  return `
    CREATE TABLE IF NOT EXISTS survey_items (item_id VARCHAR, construct VARCHAR, construct_order INTEGER,
      item_order INTEGER, text_en VARCHAR, text_es VARCHAR, scale VARCHAR, favorable_from INTEGER);
    CREATE TABLE IF NOT EXISTS survey_responses (respondent BIGINT, _row INTEGER, school_id VARCHAR,
      wave VARCHAR, language VARCHAR, language_group VARCHAR, wave_order INTEGER, source_file VARCHAR);
    CREATE TABLE IF NOT EXISTS survey_answers (respondent BIGINT, item_id VARCHAR, value INTEGER);`;
}
