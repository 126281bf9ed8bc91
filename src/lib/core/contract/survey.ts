/** Survey scales and the answers that count as missing, per the data contract. */

export interface ScalePoint {
  value: number;
  en: string;
  es: string;
}

export interface Scale {
  name: string;
  points: ScalePoint[];
  /** Lowest value that counts as favourable. */
  favorableFrom: number;
}

export const SCALES: Record<string, Scale> = {
  agree5: {
    name: 'agree5',
    favorableFrom: 4,
    points: [
      { value: 1, en: 'Strongly disagree', es: 'Totalmente en desacuerdo' },
      { value: 2, en: 'Disagree', es: 'En desacuerdo' },
      { value: 3, en: 'Neither agree nor disagree', es: 'Ni de acuerdo ni en desacuerdo' },
      { value: 4, en: 'Agree', es: 'De acuerdo' },
      { value: 5, en: 'Strongly agree', es: 'Totalmente de acuerdo' }
    ]
  }
};

/** Answers that are no answer: blank is missing too. */
export const MISSING_ANSWERS = ["Don't know", 'No sé', 'N/A'];

/** Header synonyms of the response file's own columns. */
export const SURVEY_COLUMNS = {
  school: ['school_id', 'school id', 'school', 'school name', 'school code', 'escuela'],
  wave: ['wave', 'survey wave', 'round'],
  respondent: ['respondent', 'respondent id', 'response id'],
  language: ['language', 'idioma', 'survey language']
} as const;
