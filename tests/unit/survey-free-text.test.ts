/**
 * Free text in a survey export never reaches an output. Exports laid out as Google Forms,
 * Microsoft Forms, Qualtrics and SurveyMonkey write them (the fixtures of tests/fixtures/survey/)
 * carry names, e-mail addresses, phone numbers, respondent ids, IP addresses, coordinates,
 * comments and "Other (please specify)" answers, each cell with a marker of its own. Once the
 * export is loaded, no table holds a marker, and no file the product writes does: analyze's CSVs
 * (from the core and from the command line) and every report in every format, the district's
 * and each school's, read back with every ZIP (DOCX, XLSX, the all-schools ZIP) opened.
 * Text typed into the "Other" choice of the language question, which Google Forms writes into
 * the language column itself, is free text too.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import Papa from 'papaparse';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadTemplate } from '../../src/cli/inputs';
import { DEFAULT_SETTINGS } from '../../src/lib/core/contract/settings';
import type { Engine } from '../../src/lib/core/engine/engine';
import { saveWorkspaceFile } from '../../src/lib/core/export/workspace-file';
import { importSurvey } from '../../src/lib/core/survey/import';
import { CLEAR_SURVEY_SQL } from '../../src/lib/core/survey/schema';
import type { SurveyTemplate } from '../../src/lib/core/survey/template';
import { continuum } from '../helpers/cli';
import { everythingStored, FIXTURES, fixture, load, openEngine } from '../helpers/district';
import { entriesHolding, everyExport, unpacked } from '../helpers/exports';

const MADE = new Date('2027-03-01T12:00:00Z');
const HAND = ['schools', 'staff', 'services', 'needs'] as const;

let made = 0;
/** A string found nowhere else: a cell holding it is found wherever it goes. */
const marker = () => `ZQX${String(++made).padStart(4, '0')}Q`;

type Rows = string[][];
/** A response file as a user picks it. */
type Export = { name: string; data: Uint8Array };
const csv = (rows: Rows) => Papa.unparse(rows, { newline: '\r\n' }) + '\r\n';
const readCsv = (path: string): Rows => Papa.parse<string[]>(readFileSync(join(FIXTURES, path), 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;

/** Adds a marker to every record's cell in the named columns (`headerRows` rows head the file). */
function marked(rows: Rows, headerRows: number, columns: number[]): Rows {
  return rows.map((row, r) => (r < headerRows ? row : row.map((cell, c) => (columns.includes(c) ? `${cell} ${marker()}`.trim() : cell))));
}

/** Inserts a column at `at`: its header rows, then a value per record. */
function withColumn(rows: Rows, at: number, header: string[], value: () => string): Rows {
  return rows.map((row, r) => [...row.slice(0, at), r < header.length ? header[r] : value(), ...row.slice(at)]);
}

const indexOf = (rows: Rows, headerRow: number, ...names: string[]) => names.map((n) => rows[headerRow].indexOf(n));

/** Google Forms: one header row; the form also asked for an e-mail, a name, a phone number, a family id and comments. */
function googleForms(): Export {
  let rows = readCsv('survey/google-forms-small.csv');
  rows = withColumn(rows, 1, ['Email Address'], () => `${marker()}@example.org`);
  // One family chose "Other" for the language and typed into it.
  const language = rows[0].indexOf('Survey language');
  rows[4][language] = `Kreyòl, call Marie ${marker()} at 555-0199`;
  for (const [header, value] of [
    ['What is your name?', marker],
    ['Phone number', () => `555-0142 ${marker()}`],
    ['Respondent ID', marker],
    ['Is there anything else you would like to tell us about support for your child?', () => `My son ${marker()} needs help.`]
  ] as const) {
    rows = withColumn(rows, rows[0].length, [header], value);
  }
  return { name: 'google-forms.csv', data: new TextEncoder().encode(csv(rows)) };
}

/** Qualtrics: three header rows; identifying columns, the comment, and "Other" text entries for the school and the statements. */
function qualtrics(): Export {
  let rows = readCsv('survey/qualtrics-small.csv');
  const identifying = indexOf(rows, 0, 'IPAddress', 'ResponseId', 'RecipientLastName', 'RecipientFirstName', 'RecipientEmail', 'ExternalReference', 'LocationLatitude', 'LocationLongitude', 'Q3');
  rows = marked(rows, 3, identifying);
  const matrix = 'Please tell us how much you agree with each statement.';
  rows = withColumn(rows, rows[0].indexOf('Q1') + 1, ['Q1_4_TEXT', 'Which school does your child attend? - Other (please specify) - Text', '{"ImportId":"QID1_4_TEXT"}'], marker);
  rows = withColumn(rows, rows[0].indexOf('Q2_9') + 1, ['Q2_10_TEXT', `${matrix} - Other (please specify) - Text`, '{"ImportId":"QID2_10_TEXT"}'], marker);
  return { name: 'qualtrics.csv', data: new TextEncoder().encode('\uFEFF' + csv(rows)) };
}

/** SurveyMonkey: two header rows; identifying columns, the comment, and "Other (please specify)" under the school question and the matrix. */
function surveyMonkey(): Export {
  let rows = readCsv('survey/surveymonkey-small.csv');
  rows = marked(rows, 2, indexOf(rows, 0, 'Respondent ID', 'Collector ID', 'IP Address', 'Email Address', 'First Name', 'Last Name', 'Custom Data 1'));
  rows = marked(rows, 2, indexOf(rows, 1, 'Open-Ended Response'));
  const school = rows[1].indexOf('Response');
  rows = withColumn(rows, school + 1, ['', 'Other (please specify)'], marker);
  rows = withColumn(rows, school + 11, ['', 'Other (please specify)'], () => `Not sure, ask ${marker()}`);
  return { name: 'surveymonkey.csv', data: new TextEncoder().encode(csv(rows)) };
}

/** Microsoft Forms: a workbook; the respondent number, the signed-in e-mail and name, and the comment. */
async function microsoftForms(): Promise<Export> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(join(FIXTURES, 'survey/microsoft-forms-small.xlsx'));
  const sheet = book.worksheets[0];
  const columns = [1, 4, 5, sheet.columnCount];
  sheet.eachRow((row, r) => {
    if (r > 1) for (const c of columns) row.getCell(c).value = `${row.getCell(c).text} ${marker()}`.trim();
  });
  return { name: 'microsoft-forms.xlsx', data: new Uint8Array(await book.xlsx.writeBuffer()) };
}

/** The markers a file holds: every one made while writing it. */
function markersOf(build: () => Export | Promise<Export>) {
  return async () => {
    const first = made + 1;
    const source = await build();
    return { source, markers: Array.from({ length: made - first + 1 }, (_, i) => `ZQX${String(first + i).padStart(4, '0')}Q`) };
  };
}

const LAYOUTS = [
  { layout: 'Google Forms', build: markersOf(googleForms) },
  { layout: 'Qualtrics', build: markersOf(qualtrics) },
  { layout: 'SurveyMonkey', build: markersOf(surveyMonkey) },
  { layout: 'Microsoft Forms', build: markersOf(microsoftForms) }
];

let engine: Engine;
let template: SurveyTemplate;
let temp: string;
beforeAll(async () => {
  engine = await openEngine();
  template = await loadTemplate();
  temp = mkdtempSync(join(tmpdir(), 'continuum-free-text-'));
  expect((await load(engine, Object.fromEntries(HAND.map((k) => [k, fixture(`hand/${k}.csv`)])))).errors).toEqual([]);
});
afterAll(async () => {
  rmSync(temp, { recursive: true, force: true });
  await engine.close();
});
beforeEach(() => engine.exec(CLEAR_SURVEY_SQL));

/** The hand district's files, as options of the command line. */
const handOptions = () => HAND.flatMap((k) => [`--${k}`, join(FIXTURES, 'hand', `${k}.csv`)]);

/** Which markers are found in which files. */
function found(texts: Record<string, string>, markers: string[]): string[] {
  return markers.flatMap((m) => entriesHolding(texts, m).map((entry) => `${m} in ${entry}`));
}

describe.each(LAYOUTS)('a $layout export with free text', ({ build }) => {
  it('loads, and no table and no file written from it holds any of its free text', async () => {
    const { source, markers } = await build();
    expect(markers).not.toEqual([]);
    // Each marker is in the file as written, so a missing one below was left out, not never there.
    const input = unpacked({ [source.name]: source.data });
    expect(markers.filter((m) => entriesHolding(input, m).length === 0)).toEqual([]);

    const outcome = await importSurvey(engine, source, template);
    expect(outcome.errors).toEqual([]);
    expect(outcome.respondents).toBe(18);
    const stored = await everythingStored(engine);
    expect(markers.filter((m) => stored.includes(m))).toEqual([]);
    expect(found(unpacked(await everyExport(engine, MADE)), markers)).toEqual([]);
  });
});

describe('the workspace file', () => {
  it('holds the survey file as it was loaded, byte for byte, and no free text anywhere else', async () => {
    // By design: the workspace file keeps the files as loaded, so that it opens to the same figures
    // on another computer (workspace-file.ts). What it adds to them, the manifest, holds none of it.
    const { source, markers } = await LAYOUTS[2].build();
    const saved = unzipSync(
      saveWorkspaceFile({
        settings: DEFAULT_SETTINGS,
        mappings: {},
        scenarios: [],
        priorities: [],
        readiness: {},
        files: [
          ...HAND.map((kind) => ({ kind, name: `${kind}.csv`, data: new Uint8Array(readFileSync(join(FIXTURES, 'hand', `${kind}.csv`))) })),
          { kind: 'survey' as const, name: source.name, data: source.data, template: template.name, wave: 'mid-year' }
        ]
      })
    );
    const holding = [...new Set(markers.flatMap((m) => entriesHolding(unpacked(saved), m)))];
    expect(holding).toEqual(['files/5-surveymonkey.csv']);
    expect(saved['files/5-surveymonkey.csv']).toEqual(source.data);
  });
});

describe('a survey answer written as free text', () => {
  it('stops the import, so it is stored nowhere and no file is written', async () => {
    // The error quotes the cell, so that the user can find it in the file; nothing keeps it.
    const rows = readCsv('survey/google-forms-small.csv');
    const free = marker();
    rows[5][3] = `Agree, but please call ${free} about my daughter`;
    const file = join(temp, 'free-text-answer.csv');
    writeFileSync(file, csv(rows));
    const outcome = await importSurvey(engine, { name: 'free-text-answer.csv', data: new Uint8Array(readFileSync(file)) }, template);
    expect(outcome.errors.map((e) => `${e.row}: ${e.column}`)).toEqual(['6: aware_1']);
    expect(await everythingStored(engine)).not.toContain(free);

    const out = join(temp, 'refused');
    const run = await continuum(['analyze', ...handOptions(), '--survey', file, '--out', out], 90_000);
    expect(run.code).toBe(1);
    expect(() => readdirSync(out)).toThrow();
  }, 90_000);
});

/** Every file under a folder, by its path there. */
function filesUnder(dir: string): Record<string, Uint8Array> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => [join(e.parentPath, e.name).slice(dir.length + 1), new Uint8Array(readFileSync(join(e.parentPath, e.name)))])
  );
}

describe('the command line', () => {
  it('writes no free text into analyze\'s files or the reports, and prints none', async () => {
    // The same core writes these as above: one export (the one with the most free-text columns) shows the command line adds nothing.
    const { source, markers } = await LAYOUTS[2].build();
    const file = join(temp, source.name);
    writeFileSync(file, source.data);
    const out = join(temp, 'out');
    const runs = await Promise.all(
      ['analyze', 'report'].map((command) => continuum([command, ...handOptions(), '--survey', file, '--out', join(out, command)], 120_000))
    );
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const written = unpacked(filesUnder(out));
    expect(Object.keys(written)).toContain('analyze/survey_summary.csv');
    expect(Object.keys(written)).toContain('report/district.docx/word/document.xml');
    expect(found({ ...written, printed: runs.map((r) => r.stdout + r.stderr).join('\n') }, markers)).toEqual([]);
  }, 120_000);
});
