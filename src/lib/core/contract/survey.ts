/** The answers that count as missing and the response file's own columns, per the data contract (scales are data: survey/scales.ts). */

/** Answers that are no answer: blank is missing too. */
export const MISSING_ANSWERS = ["Don't know", 'No sé', 'N/A'];

/** Header synonyms of the response file's own columns. */
export const SURVEY_COLUMNS = {
  school: ['school_id', 'school id', 'school', 'school name', 'school code', 'escuela'],
  wave: ['wave', 'survey wave', 'round'],
  respondent: ['respondent', 'respondent id', 'response id'],
  language: ['language', 'idioma', 'survey language']
} as const;
