/**
 * Telling a response file's form tool from its first records, and what each column's headers
 * offer to match items by (pure functions: no database).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { detectSurveyLayout, headerColumns } from '../../src/lib/core/survey/layout';
import { inspectSurveyRecords, resolveSurveyColumns, resolveSurveyHeaders } from '../../src/lib/core/survey/import';
import { parseTemplate } from '../../src/lib/core/survey/template';
import { BUILT_IN_SCALES } from '../../src/lib/core/survey/builtin-scales';
import { headRecords } from '../../src/lib/core/survey/head';
import { FIXTURES, fixture } from '../helpers/district';

const template = parseTemplate(
  'family-midyear',
  readFileSync(join(import.meta.dirname, '..', '..', 'survey-templates', 'family-midyear.csv'), 'utf8'),
  BUILT_IN_SCALES
);
const records = (file: string) =>
  Papa.parse<string[]>(readFileSync(join(FIXTURES, file), 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data.slice(0, 4);

describe('detectSurveyLayout', () => {
  it.each([
    ['survey/google-forms-small.csv', { format: 'google-forms', headerRows: 1, headerRow: 0 }],
    ['survey/qualtrics-small.csv', { format: 'qualtrics', headerRows: 3, headerRow: 1 }],
    ['survey/surveymonkey-small.csv', { format: 'surveymonkey', headerRows: 2, headerRow: 0 }]
  ])('reads %s', (file, layout) => {
    expect(detectSurveyLayout(records(file))).toEqual(layout);
  });

  it('reads the workbooks as they come, through the same first look the importer takes', async () => {
    expect(detectSurveyLayout(await headRecords(fixture('survey/microsoft-forms-small.xlsx')))).toEqual({ format: 'microsoft-forms', headerRows: 1, headerRow: 0 });
    expect(detectSurveyLayout(await headRecords(fixture('survey/surveymonkey-small.xlsx')))).toEqual({ format: 'surveymonkey', headerRows: 2, headerRow: 0 });
    expect(detectSurveyLayout(await headRecords(fixture('survey/qualtrics-small.csv')))).toEqual({ format: 'qualtrics', headerRows: 3, headerRow: 1 });
  });

  it('tells an older Qualtrics export (ids, then labels) from one whose label row was deleted', () => {
    expect(detectSurveyLayout([['ResponseId', 'StartDate', 'Q1'], ['Response ID', 'Start Date', 'School'], ['R_1', '2027-01-09', 'A']])).toEqual({
      format: 'qualtrics',
      headerRows: 2,
      headerRow: 1
    });
    expect(detectSurveyLayout([['ResponseId', 'StartDate', 'Q1'], ['R_1', '2027-01-09', 'A']])).toEqual({ format: 'qualtrics', headerRows: 1, headerRow: 0 });
  });

  it('tells SurveyMonkey\'s second header row from a first respondent', () => {
    expect(detectSurveyLayout([['Respondent ID', 'Collector ID', 'Q'], ['', '', 'Response'], ['1142', '4318', 'A']]).headerRows).toBe(2);
    expect(detectSurveyLayout([['Respondent ID', 'Collector ID', 'Q'], ['1142', '4318', 'A']]).headerRows).toBe(1);
  });

  it('reads anything else as one header row, and copes with an empty file', () => {
    expect(detectSurveyLayout([['school', 'aware_1'], ['A', '4']])).toEqual({ format: 'plain', headerRows: 1, headerRow: 0 });
    expect(detectSurveyLayout([['Marca temporal', 'Escuela']])).toEqual({ format: 'google-forms', headerRows: 1, headerRow: 0 });
    expect(detectSurveyLayout([])).toEqual({ format: 'plain', headerRows: 1, headerRow: 0 });
  });
});

describe('headerColumns and item matching', () => {
  it('Qualtrics: a matrix statement is matched by its ` - statement` tail; columns are named by the question text', () => {
    const head = records('survey/qualtrics-small.csv');
    const columns = headerColumns(head, detectSurveyLayout(head));
    const q21 = columns.find((c) => c.texts[0] === 'Q2_1')!;
    expect(q21.texts).toContain(template.items[0].text_en);
    expect(q21.name).toBe(`Please tell us how much you agree with each statement. - ${template.items[0].text_en}`);
    const resolved = resolveSurveyColumns(columns, template, detectSurveyLayout(head));
    expect(resolved.items.map((i) => i.itemId)).toEqual(template.items.map((i) => i.id));
    expect(resolved.language).toBe(16); // UserLanguage
    expect(resolved.respondent).toBe(8); // ResponseId
    expect(resolved.status).toBe(2);
    expect(resolved.school).toBeUndefined(); // found by its values
  });

  it('SurveyMonkey: statements in row 2; a single question named by row 1 over `Response`', () => {
    const head = records('survey/surveymonkey-small.csv');
    const layout = detectSurveyLayout(head);
    const columns = headerColumns(head, layout);
    expect(columns[9]).toEqual({ index: 9, name: 'Which school does your child attend?', texts: ['Which school does your child attend?'] });
    expect(columns[11].name).toBe(template.items[1].text_en);
    const resolved = resolveSurveyColumns(columns, template, layout);
    expect(resolved.items.map((i) => [i.index, i.itemId])).toEqual(template.items.map((item, i) => [10 + i, item.id]));
    expect(resolved.respondent).toBe(0);
  });

  it('the first column that matches an item takes it; a later one is not read', () => {
    const columns = headerColumns([['aware_1', template.items[0].text_es]], { format: 'plain', headerRows: 1, headerRow: 0 });
    expect(resolveSurveyColumns(columns, template).items).toEqual([{ index: 0, itemId: 'aware_1', scale: 'agree5' }]);
  });
});

describe('inspectSurveyRecords (for the import page\'s first look)', () => {
  it('shows a Qualtrics file by its question text with the items it supplies, and its respondents only', () => {
    const look = inspectSurveyRecords(records('survey/qualtrics-small.csv'), template);
    expect(look.layout.format).toBe('qualtrics');
    expect(look.items).toBe(9);
    expect(look.columns.find((c) => c.column === 'aware_1')?.header).toContain(template.items[0].text_en);
    expect(look.rows).toHaveLength(1);
    expect(look.rows[0][2]).toBe('Survey Preview');
  });

  it.each(['survey/qualtrics-small.csv', 'survey/surveymonkey-small.csv'])('gives %s headers that read alone as the same items (for a page that re-reads them)', (file) => {
    const look = inspectSurveyRecords(records(file), template);
    expect(resolveSurveyHeaders(look.headers, template).items.map((i) => i.itemId)).toEqual(template.items.map((i) => i.id));
  });
});
