/**
 * Response files as form tools export them (Google Forms, Microsoft Forms, Qualtrics,
 * SurveyMonkey), loaded without setup against DuckDB itself. The fixtures hold the same 18
 * families of the hand district, so each must score to the Google Forms file's summary.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/lib/core/engine/engine';
import { toCsv } from '../../src/lib/core/export/csv';
import { SURVEY_SUMMARY_COLUMNS, surveySummary } from '../../src/lib/core/model/model';
import { importSurvey } from '../../src/lib/core/survey/import';
import { parseTemplate } from '../../src/lib/core/survey/template';
import { BUILT_IN_SCALES } from '../../src/lib/core/survey/builtin-scales';
import { FIXTURES, everythingStored, fixture, text, where, openHandDistrict, resetSurvey } from '../helpers/district';

const TEMPLATES = join(import.meta.dirname, '..', '..', 'survey-templates');
const template = parseTemplate('family-midyear', readFileSync(join(TEMPLATES, 'family-midyear.csv'), 'utf8'), BUILT_IN_SCALES);
const expected = readFileSync(join(FIXTURES, 'survey/expected_google_forms_small.csv'), 'utf8');

let engine: Engine;
beforeAll(async () => (engine = await openHandDistrict()));
afterAll(() => engine.close());
beforeEach(() => resetSurvey(engine));

/** What the fixtures carry that names or locates a family, and must never be kept. */
const IDENTIFYING = [
  '@example.org', 'anonymous', 'Whitlock', 'Moreno', 'Dana', 'Mateo', 'Ava Brandt', '555-0142', 'social worker',
  '192.0.2.', '198.51.100.', '203.0.113.', '41.2871', '-72.9403', 'R_', '114298765432', '431876502'
];

const FORMATS = [
  { file: 'survey/google-forms-small.csv', format: 'google-forms', warnings: [] as string[] },
  { file: 'survey/microsoft-forms-small.xlsx', format: 'microsoft-forms', warnings: [] },
  { file: 'survey/qualtrics-small.csv', format: 'qualtrics', warnings: ['survey/qualtrics-small.csv:1: Response Type: 1 survey preview or test response left out'] },
  { file: 'survey/surveymonkey-small.csv', format: 'surveymonkey', warnings: [] },
  { file: 'survey/surveymonkey-small.xlsx', format: 'surveymonkey', warnings: [] }
];

describe.each(FORMATS)('$format export $file', ({ file, format, warnings }) => {
  it('is recognized and scores to the contract summary byte for byte', async () => {
    const outcome = await importSurvey(engine, fixture(file), template);
    expect(outcome.errors).toEqual([]);
    expect(outcome.format).toBe(format);
    expect(outcome.warnings.map((w) => `${w.file}:${w.row}: ${w.column ? `${w.column}: ` : ''}${w.message}`)).toEqual(warnings);
    expect(outcome.respondents).toBe(18);
    expect(toCsv(await surveySummary(engine), SURVEY_SUMMARY_COLUMNS)).toBe(expected);
  });

  it('knows each respondent\'s language, from a language column or from the labels used', async () => {
    await importSurvey(engine, fixture(file), template);
    expect(
      await engine.query('SELECT school_id, language_group, count(*) AS n FROM survey_responses GROUP BY ALL ORDER BY ALL')
    ).toEqual([
      { school_id: 'A', language_group: 'en', n: 8 },
      { school_id: 'A', language_group: 'es', n: 4 },
      { school_id: 'B', language_group: 'en', n: 4 },
      { school_id: 'B', language_group: 'es', n: 2 }
    ]);
  });

  it('keeps no name, e-mail, IP address, coordinate, id or free text anywhere in the database', async () => {
    await importSurvey(engine, fixture(file), template);
    const stored = await everythingStored(engine);
    for (const value of IDENTIFYING) expect(stored, value).not.toContain(value);
    const temp = await engine.query<{ table_name: string }>("SELECT table_name FROM duckdb_tables() WHERE temporary AND table_name LIKE '%survey%'");
    expect(temp).toEqual([]);
  });
});

describe('rows and columns in messages', () => {
  it('are the rows a spreadsheet shows under Qualtrics\' three header rows, the column named by its id', async () => {
    const lines = readFileSync(join(FIXTURES, 'survey/qualtrics-small.csv'), 'utf8').split('\r\n');
    // Line 6 (row 6) is the second family; spoil its first answer and its school.
    const cells = lines[5].split(',');
    cells[17] = 'Alder Elementry';
    cells[18] = 'Sometimes';
    lines[5] = cells.join(',');
    const outcome = await importSurvey(engine, text('qualtrics.csv', lines.join('\r\n')), template);
    expect(where(outcome.errors)).toEqual(['qualtrics.csv:6: Which school does your child attend?', 'qualtrics.csv:6: Q2_1 (aware_1)']);
    expect(outcome.errors[0].message).toContain('closest: "Alder Elementary"');
  });

  it('are the rows a spreadsheet shows under SurveyMonkey\'s two header rows', async () => {
    const lines = readFileSync(join(FIXTURES, 'survey/surveymonkey-small.csv'), 'utf8').split('\r\n');
    lines[3] = lines[3].replace('Alder Elementary', 'Alder Elementry');
    const outcome = await importSurvey(engine, text('monkey.csv', lines.join('\r\n')), template);
    expect(where(outcome.errors)).toEqual(['monkey.csv:4: Which school does your child attend?']);
  });
});

describe('other layouts form tools write', () => {
  const items = template.items;

  it('Google Forms grid: `Question [Statement]` headers', async () => {
    const grid = (t: string) => `How much do you agree? [${t}]`;
    const outcome = await importSurvey(
      engine,
      text('grid.csv', `Timestamp,School,${items.slice(0, 3).map((i) => `"${grid(i.text_en)}"`).join(',')}\n1/9/2027 8:00:00,Alder Elementary,Agree,Disagree,Strongly agree\n`),
      template
    );
    expect(outcome.errors).toEqual([]);
    expect(outcome.format).toBe('google-forms');
    expect(await engine.query('SELECT item_id, value FROM survey_answers ORDER BY item_id')).toEqual([
      { item_id: 'access_1', value: 5 },
      { item_id: 'aware_1', value: 4 },
      { item_id: 'aware_2', value: 2 }
    ]);
  });

  it('an older Qualtrics export with two header rows and no ImportId row, numeric answers, Spanish question text', async () => {
    const csv = [
      ['ResponseId', 'StartDate', 'UserLanguage', 'Q1', 'Q2_1', 'Q2_2'],
      ['Response ID', 'Start Date', 'User Language', 'Escuela', `Díganos si está de acuerdo - ${items[0].text_es}`, `Díganos si está de acuerdo - ${items[1].text_es}`],
      ['R_abc', '2027-01-09 08:00:00', 'ES-ES', 'Birch Middle School', '5', '4'],
      ['R_abd', '2027-01-09 08:10:00', 'EN', 'A', '2', '']
    ]
      .map((r) => r.join(','))
      .join('\n');
    const outcome = await importSurvey(engine, text('legacy.csv', csv), template);
    expect(outcome.errors).toEqual([]);
    expect(outcome.format).toBe('qualtrics');
    expect(await engine.query('SELECT _row, school_id, language, language_group FROM survey_responses ORDER BY _row')).toEqual([
      { _row: 3, school_id: 'B', language: 'ES-ES', language_group: 'es' },
      { _row: 4, school_id: 'A', language: 'EN', language_group: 'en' }
    ]);
  });

  it('SurveyMonkey with an "Other (please specify)" column under the school question', async () => {
    const csv = [
      ['Respondent ID', 'Collector ID', 'Start Date', 'Which school does your child attend?', '', 'Please rate', ''],
      ['', '', '', 'Response', 'Other (please specify)', items[0].text_en, items[7].text_en],
      ['114298765432', '431876502', '01/09/2027 08:00:00 AM', 'Alder Elementary', '', 'Agree', 'Strongly agree'],
      ['114298765433', '431876502', '01/09/2027 08:05:00 AM', 'Birch Middle School', 'the one on Elm St', 'Disagree', "Don't know"]
    ]
      .map((r) => r.join(','))
      .join('\n');
    const outcome = await importSurvey(engine, text('monkey.csv', csv), template);
    expect(outcome.errors).toEqual([]);
    expect(outcome.format).toBe('surveymonkey');
    expect(await engine.query('SELECT r._row, r.school_id, a.item_id, a.value FROM survey_answers a JOIN survey_responses r USING (respondent) ORDER BY ALL')).toEqual([
      { _row: 3, school_id: 'A', item_id: 'aware_1', value: 4 },
      { _row: 3, school_id: 'A', item_id: 'climate_1', value: 5 },
      { _row: 4, school_id: 'B', item_id: 'aware_1', value: 2 }
    ]);
    expect(await everythingStored(engine)).not.toContain('Elm St');
  });

  it('Microsoft Forms: `ID` is the respondent number, and the school comes from the form\'s question', async () => {
    const outcome = await importSurvey(
      engine,
      text('ms.csv', `ID,Start time,Completion time,Email,Name,Which school?,${items[0].id}\n1,1/9/27 8:00:00,1/9/27 8:04:00,anonymous,,Alder Elementary,5\n2,1/9/27 8:10:00,1/9/27 8:14:00,anonymous,,Birch Middle School,4\n`),
      template
    );
    expect(outcome.errors).toEqual([]);
    expect(outcome.format).toBe('microsoft-forms');
    expect((await engine.query<{ school_id: string }>('SELECT school_id FROM survey_responses ORDER BY _row')).map((r) => r.school_id)).toEqual(['A', 'B']);
  });
});

describe('language groups', () => {
  const csv = (language: string) => `school,language,aware_1\nA,${language},4\n`;
  it.each([
    ['English', 'en'], ['en', 'en'], ['EN', 'en'], ['en-US', 'en'], ['Inglés', 'en'],
    ['Español', 'es'], ['Espanol', 'es'], ['Spanish', 'es'], ['es', 'es'], ['ES-ES', 'es'], ['es-MX', 'es'],
    ['Tiếng Việt', 'other'], ['Kreyòl', 'other']
  ])('%j is %s', async (language, group) => {
    expect((await importSurvey(engine, text('lang.csv', csv(language)), template)).errors).toEqual([]);
    // Another language's cell is not kept: a form's "Other" box there takes any text.
    const kept = group === 'other' ? null : language;
    expect(await engine.query('SELECT language, language_group FROM survey_responses')).toEqual([{ language: kept, language_group: group }]);
  });

  it('are told by the labels where no language column says, and unknown where numbers or both languages are used', async () => {
    const outcome = await importSurvey(
      engine,
      text('labels.csv', 'school,aware_1,aware_2\nA,De acuerdo,No sé\nA,Agree,\nA,4,5\nA,Agree,De acuerdo\nA,N/A,3\n'),
      template
    );
    expect(outcome.errors).toEqual([]);
    expect(await engine.query('SELECT _row, language_group FROM survey_responses ORDER BY _row')).toEqual([
      { _row: 2, language_group: 'es' },
      { _row: 3, language_group: 'en' },
      { _row: 4, language_group: null },
      { _row: 5, language_group: null },
      { _row: 6, language_group: null }
    ]);
  });
});
