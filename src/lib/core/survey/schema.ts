/** Tables of the loaded survey: the template's items, one row per respondent, one per answer. */
export function surveySchemaSql(): string {
  return `
    CREATE TABLE IF NOT EXISTS survey_items (item_id VARCHAR, construct VARCHAR, construct_order INTEGER,
      item_order INTEGER, text_en VARCHAR, text_es VARCHAR, scale VARCHAR, favorable_from INTEGER);
    CREATE TABLE IF NOT EXISTS survey_responses (respondent BIGINT, _row INTEGER, school_id VARCHAR,
      wave VARCHAR, language VARCHAR);
    CREATE TABLE IF NOT EXISTS survey_answers (respondent BIGINT, item_id VARCHAR, value INTEGER);`;
}
