/**
 * Form tools' exports as they reach a district after other hands, loaded unedited against DuckDB
 * itself: Qualtrics' legacy and 2016 Insights layouts, a SurveyMonkey CSV re-saved by Excel for Mac,
 * Google Forms through Excel and in a Spanish-language account, Microsoft Forms' current workbook.
 * Each holds the 18 families of google-forms-small.csv, so each must score to its summary byte for
 * byte, and none may leave a name, e-mail, IP address, coordinate, id or comment in the database.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/lib/core/engine/engine';
import { toCsv } from '../../src/lib/core/export/csv';
import { isMacRoman, toUtf8 } from '../../src/lib/core/import/source';
import { SURVEY_SUMMARY_COLUMNS, surveySummary } from '../../src/lib/core/model/model';
import { BUILT_IN_SCALES } from '../../src/lib/core/survey/builtin-scales';
import { headRecords } from '../../src/lib/core/survey/head';
import { importSurvey, resolveSurveyColumns } from '../../src/lib/core/survey/import';
import { detectSurveyLayout, headerColumns, type SurveyLayout } from '../../src/lib/core/survey/layout';
import { parseTemplate } from '../../src/lib/core/survey/template';
import { continuum } from '../helpers/cli';
import { FIXTURES, everythingStored, fixture, openHandDistrict, resetSurvey, text } from '../helpers/district';

const TEMPLATES = join(import.meta.dirname, '..', '..', 'survey-templates');
const template = parseTemplate('family-midyear', readFileSync(join(TEMPLATES, 'family-midyear.csv'), 'utf8'), BUILT_IN_SCALES);
const expected = readFileSync(join(FIXTURES, 'survey/expected_google_forms_small.csv'), 'utf8');

let engine: Engine;
beforeAll(async () => (engine = await openHandDistrict()));
afterAll(() => engine.close());
beforeEach(() => resetSurvey(engine));

/** What the fixtures carry that names or locates a family, and must never be kept. */
const IDENTIFYING = [
  '@example.org', 'anonymous', 'Anonymous', 'Whitlock', 'Moreno', 'Dana', 'Luis', 'Mateo', 'Ava Brandt', '555-0142', 'social worker', 'Más información',
  '192.0.2.', '198.51.100.', '203.0.113.', '41.2871', '-72.9403', 'R_', '114298765432', '1.14299E+11', '431876502', 'Default Response Set'
];

/** The families' language groups where the file says them (a language column, or labels in each language). */
const BY_LANGUAGE = [
  { school_id: 'A', language_group: 'en', n: 8 },
  { school_id: 'A', language_group: 'es', n: 4 },
  { school_id: 'B', language_group: 'en', n: 4 },
  { school_id: 'B', language_group: 'es', n: 2 }
];
/** Qualtrics' older layouts write every choice in the survey's base language and carry no language column. */
const ALL_ENGLISH = [
  { school_id: 'A', language_group: 'en', n: 12 },
  { school_id: 'B', language_group: 'en', n: 6 }
];

const QUALTRICS_2_ROWS: SurveyLayout = { format: 'qualtrics', headerRows: 2, headerRow: 1 };
const QUALTRICS_3_ROWS: SurveyLayout = { format: 'qualtrics', headerRows: 3, headerRow: 1 };
const ONE_ROW = (format: SurveyLayout['format']): SurveyLayout => ({ format, headerRows: 1, headerRow: 0 });

const EXPORTS = [
  {
    file: 'survey/qualtrics-legacy.csv',
    layout: QUALTRICS_2_ROWS,
    warnings: ['survey/qualtrics-legacy.csv:1: Status: 1 survey preview or test response left out'],
    languages: ALL_ENGLISH
  },
  {
    file: 'survey/qualtrics-insights.csv',
    layout: QUALTRICS_3_ROWS,
    warnings: ['survey/qualtrics-insights.csv:1: Status: 1 survey preview or test response left out'],
    languages: ALL_ENGLISH
  },
  { file: 'survey/surveymonkey-mac.csv', layout: { format: 'surveymonkey', headerRows: 2, headerRow: 0 } as SurveyLayout, warnings: ['survey/surveymonkey-mac.csv:1: read as Mac Roman (not UTF-8) text'], languages: BY_LANGUAGE },
  { file: 'survey/google-forms-excel.csv', layout: ONE_ROW('google-forms'), warnings: ['survey/google-forms-excel.csv:1: read as Windows-1252 (not UTF-8) text'], languages: BY_LANGUAGE },
  { file: 'survey/google-forms-excel.xlsx', layout: ONE_ROW('google-forms'), warnings: [] as string[], languages: BY_LANGUAGE },
  { file: 'survey/google-forms-es.csv', layout: ONE_ROW('google-forms'), warnings: [], languages: BY_LANGUAGE },
  { file: 'survey/google-forms-es-download.csv', layout: ONE_ROW('google-forms'), warnings: [], languages: BY_LANGUAGE },
  { file: 'survey/microsoft-forms-2024.xlsx', layout: ONE_ROW('microsoft-forms'), warnings: [], languages: BY_LANGUAGE }
];

const shown = (w: { file: string; row: number; column?: string; message: string }) => `${w.file}:${w.row}: ${w.column ? `${w.column}: ` : ''}${w.message}`;

describe.each(EXPORTS)('$file', ({ file, layout, warnings, languages }) => {
  it('is told by its first records, as the import page first looks at it', async () => {
    expect(detectSurveyLayout(await headRecords(fixture(file)))).toEqual(layout);
  });

  it('loads unedited and scores to the plain CSV\'s summary byte for byte', async () => {
    const outcome = await importSurvey(engine, fixture(file), template);
    expect(outcome.errors).toEqual([]);
    expect(outcome.format).toBe(layout.format);
    expect(outcome.warnings.map(shown)).toEqual(warnings);
    expect(outcome.respondents).toBe(18);
    expect(toCsv(await surveySummary(engine), SURVEY_SUMMARY_COLUMNS)).toBe(expected);
    expect(await engine.query('SELECT school_id, language_group, count(*) AS n FROM survey_responses GROUP BY ALL ORDER BY ALL')).toEqual(languages);
  });

  it('keeps no name, e-mail, IP address, coordinate, id, timestamp or free text, and no staging table', async () => {
    await importSurvey(engine, fixture(file), template);
    const stored = await everythingStored(engine);
    for (const value of IDENTIFYING) expect(stored, value).not.toContain(value);
    // The timestamps, however written: 2024-01-16 07:42, 16/1/2024, 45307.32…, 1/16/24 7:38.
    for (const stamp of ['07:42:13', '7:42:13', '45307.32', '7:38']) expect(stored, stamp).not.toContain(stamp);
    const temp = await engine.query<{ table_name: string }>("SELECT table_name FROM duckdb_tables() WHERE temporary AND table_name LIKE '%survey%'");
    expect(temp).toEqual([]);
  });
});

describe('Qualtrics\' older layouts, column by column', () => {
  const columnsOf = async (file: string) => {
    const head = await headRecords(fixture(file));
    const layout = detectSurveyLayout(head);
    return { columns: headerColumns(head, layout), resolved: resolveSurveyColumns(headerColumns(head, layout), template, layout) };
  };

  it('legacy: V1…V10 are named by row 2, statements found after a bare `-`, the trailing empty column read as nothing', async () => {
    const { columns, resolved } = await columnsOf('survey/qualtrics-legacy.csv');
    expect(columns.slice(0, 10).map((c) => c.name)).toEqual([
      'ResponseID', 'ResponseSet', 'Name', 'ExternalDataReference', 'EmailAddress', 'IPAddress', 'Status', 'StartDate', 'EndDate', 'Finished'
    ]);
    expect(resolved.items.map((i) => [i.index, i.itemId])).toEqual(template.items.map((item, i) => [11 + i, item.id]));
    expect(resolved.respondent).toBe(0);
    expect(resolved.status).toBe(6);
    expect(resolved.school).toBeUndefined(); // found by its values: Q1 holds the schools' names
    const last = columns.at(-1)!;
    expect(last).toEqual({ index: 24, name: '', texts: [] });
    expect([resolved.school, resolved.wave, resolved.language, resolved.status, ...resolved.items.map((i) => i.index)]).not.toContain(24);
  });

  it('Insights 2016: the Python-dict ImportId row marks three header rows', async () => {
    const { columns, resolved } = await columnsOf('survey/qualtrics-insights.csv');
    expect(columns[12].texts[0]).toBe('Q2_1');
    expect(columns[12].statements).toContain(template.items[0].text_en);
    expect(resolved.items).toHaveLength(9);
    expect(resolved.respondent).toBe(0);
    expect(resolved.status).toBe(10);
  });

  it('a statement after a bare `-` names an item, never a school (`pre-school`)', () => {
    const head = [
      ['V1', 'V2', 'Q1', 'Q2_1'],
      ['ResponseID', 'ResponseSet', 'Name of your child\'s pre-school', `Tell us-${template.items[0].text_en}`]
    ];
    const layout = detectSurveyLayout(head);
    expect(layout).toEqual(QUALTRICS_2_ROWS);
    const resolved = resolveSurveyColumns(headerColumns(head, layout), template, layout);
    expect(resolved.school).toBeUndefined();
    expect(resolved.items).toEqual([{ index: 3, itemId: 'aware_1', scale: 'agree5' }]);
  });

  it('question text is read as the survey editor\'s HTML: tags dropped, entities read', () => {
    const items = parseTemplate('t', 'id,construct,text_en,text_es,scale\nq,c,"Staff respond quickly & kindly.",Sí,agree5\n', BUILT_IN_SCALES);
    const head = [
      ['ResponseID', 'StartDate', 'Q1_1'],
      ['ResponseID', 'StartDate', 'How do you rate<br>the school?-Staff respond quickly &amp; kindly.'],
      ["{'ImportId': 'responseId'}", "{'ImportId': 'startDate'}", "{'ImportId': 'QID1-1'}"]
    ];
    const layout = detectSurveyLayout(head);
    expect(layout).toEqual(QUALTRICS_3_ROWS);
    expect(resolveSurveyColumns(headerColumns(head, layout), items, layout).items.map((i) => i.itemId)).toEqual(['q']);
  });

  it('rows in messages are the rows a spreadsheet shows under the legacy layout\'s two header rows', async () => {
    const lines = readFileSync(join(FIXTURES, 'survey/qualtrics-legacy.csv'), 'utf8').split('\n');
    // Line 5 is the second family (line 3 is the preview); spoil its first answer.
    lines[4] = lines[4].replace('Alder Elementary,Agree,', 'Alder Elementary,Sometimes,');
    const outcome = await importSurvey(engine, text('legacy.csv', lines.join('\n')), template);
    expect(outcome.errors.map((e) => `${e.file}:${e.row}: ${e.column}`)).toEqual(['legacy.csv:5: Q2_1 (aware_1)']);
  });
});

describe('the text encoding of a file that is not UTF-8', () => {
  /** Bytes of text in a single-byte code page, from the decoder itself. */
  const encode = (encoding: 'macintosh' | 'windows-1252', s: string) => {
    const chars = [...new TextDecoder(encoding).decode(Uint8Array.from({ length: 256 }, (_, i) => i))];
    if (encoding === 'windows-1252') [...'€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ'].forEach((c, i) => (chars[0x80 + i] = c));
    return Uint8Array.from([...s].map((c) => chars.indexOf(c)));
  };
  const read = (bytes: Uint8Array) => new TextDecoder().decode(toUtf8(bytes).data);

  it.each([
    'school,comment\nA,My child’s counselor\n',
    'school,comment\nA,María says “thank you”\n',
    'school,answer\nA,No sé\n',
    'school,comment\nA,Más información en español\n'
  ])('Mac Roman is told by the characters Windows-1252 would make of it: %j', (s) => {
    const bytes = encode('macintosh', s);
    expect(isMacRoman(bytes)).toBe(true);
    expect(read(bytes)).toBe(s);
    expect(toUtf8(bytes).note).toBe('read as Mac Roman (not UTF-8) text');
  });

  it.each([
    'school_id,school_name\nA,José School\n',
    'school,comment\nA,My child’s counselor—thank you\n',
    'school,answer\nA,No sé\nB,Ñandú Español\n',
    'school,comment\nA,“Quoted” and café\n'
  ])('Windows-1252 stays Windows-1252, its 0x80–0x9F read as the code page has them: %j', (s) => {
    const bytes = encode('windows-1252', s);
    expect(isMacRoman(bytes)).toBe(false);
    expect(read(bytes)).toBe(s);
    expect(toUtf8(bytes).note).toBe('read as Windows-1252 (not UTF-8) text');
  });

  it('where both readings are as plausible, bare CR line ends (Excel for Mac\'s CSV) say Mac Roman', () => {
    // 0x92 is ’ in Windows-1252 and í in Mac Roman: `Mar’a` or `María`.
    expect(read(encode('macintosh', 'school,name\nA,María\n'))).toBe('school,name\nA,Mar’a\n');
    expect(read(encode('macintosh', 'school,name\rA,María\r'))).toBe('school,name\rA,María\r');
  });
});

describe('continuum analyze --survey with an export as published', () => {
  const TIMEOUT = 90_000;
  let temp: string;
  beforeAll(() => (temp = mkdtempSync(join(tmpdir(), 'continuum-survey-exports-'))));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));
  const hand = (f: string) => join('tests/fixtures/hand', f);

  it.each(['qualtrics-legacy.csv', 'surveymonkey-mac.csv'])(
    '%s gives the plain CSV\'s survey_summary.csv',
    async (file) => {
      const out = join(temp, file);
      const run = await continuum(
        ['analyze', '--schools', hand('schools.csv'), '--staff', hand('staff.csv'), '--services', hand('services.csv'), '--needs', hand('needs.csv'),
          '--survey', join('tests/fixtures/survey', file), '--out', out],
        TIMEOUT
      );
      expect(run.code, run.stderr).toBe(0);
      expect(readFileSync(join(out, 'survey_summary.csv'), 'utf8')).toBe(expected);
    },
    TIMEOUT
  );
});
