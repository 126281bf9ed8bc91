/**
 * Survey responses and their summary (data contract, "Surveys"), against DuckDB itself.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/lib/core/contract/settings';
import type { Engine } from '../../src/lib/core/engine/engine';
import { toCsv } from '../../src/lib/core/export/csv';
import { SURVEY_SUMMARY_COLUMNS, surveySummary } from '../../src/lib/core/model/model';
import { applySettings } from '../../src/lib/core/model/settings';
import { importSurvey } from '../../src/lib/core/survey/import';
import { parseTemplate } from '../../src/lib/core/survey/template';
import { BUILT_IN_SCALES } from '../../src/lib/core/survey/builtin-scales';
import { MAX_SCALE_POINTS } from '../../src/lib/core/survey/scales';
import { FIXTURES, fixture, text, where, openHandDistrict, resetSurvey } from '../helpers/district';

const TEMPLATES = join(import.meta.dirname, '..', '..', 'survey-templates');
const template = parseTemplate('family-midyear', readFileSync(join(TEMPLATES, 'family-midyear.csv'), 'utf8'), BUILT_IN_SCALES);
const item = (id: string) => template.items.find((i) => i.id === id)!;

let engine: Engine;
beforeAll(async () => (engine = await openHandDistrict()));
afterAll(() => engine.close());
beforeEach(() => resetSurvey(engine));

/** A response file from rows of cells, quoted as a form tool exports it. */
function responses(rows: string[][], name = 'responses.csv') {
  const cell = (c: string) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return text(name, rows.map((r) => r.map(cell).join(',')).join('\n') + '\n');
}

/** The loaded answers as `row item=value`, for one respondent row or all. */
async function answers() {
  const rows = await engine.query<{ row: number; item_id: string; value: number }>(
    `SELECT r._row AS row, a.item_id, a.value FROM survey_answers a JOIN survey_responses r USING (respondent) ORDER BY r._row, a.item_id`
  );
  return rows.map((r) => `${r.row} ${r.item_id}=${r.value}`);
}

describe('the Google Forms export of the hand district', () => {
  it('gives survey_summary.csv byte for byte', async () => {
    const outcome = await importSurvey(engine, fixture('survey/google-forms-small.csv'), template);
    expect(outcome.errors).toEqual([]);
    expect(outcome.warnings).toEqual([]);
    expect(outcome.respondents).toBe(18);
    const expected = readFileSync(join(FIXTURES, 'survey/expected_google_forms_small.csv'), 'utf8');
    expect(toCsv(await surveySummary(engine), SURVEY_SUMMARY_COLUMNS)).toBe(expected);
  });

  it('keeps each respondent\'s school and survey language', async () => {
    await importSurvey(engine, fixture('survey/google-forms-small.csv'), template);
    const rows = await engine.query<{ school_id: string; language: string; n: number }>(
      'SELECT school_id, language, count(*) AS n FROM survey_responses GROUP BY ALL ORDER BY ALL'
    );
    expect(rows).toEqual([
      { school_id: 'A', language: 'English', n: 8 },
      { school_id: 'A', language: 'Español', n: 4 },
      { school_id: 'B', language: 'English', n: 4 },
      { school_id: 'B', language: 'Español', n: 2 }
    ]);
  });
});

describe('items', () => {
  it('are found by id, by full English text and by full Spanish text', async () => {
    const outcome = await importSurvey(
      engine,
      responses([
        ['school', 'aware_1', item('aware_2').text_en, item('access_1').text_es, 'Comments'],
        ['A', '5', '4', '3', 'We like the counselor']
      ]),
      template
    );
    expect(outcome.errors).toEqual([]);
    expect(await answers()).toEqual(['2 access_1=3', '2 aware_1=5', '2 aware_2=4']);
    expect(outcome.warnings).toEqual([
      expect.objectContaining({ row: 1, message: 'items not in this file: access_2, comm_1, comm_2, satis_1, climate_1, climate_2' })
    ]);
  });

  it('match their text however it is cased or punctuated', async () => {
    const curly = item('comm_1').text_en.replace("'", '\u2019').toUpperCase();
    const outcome = await importSurvey(engine, responses([['school', curly], ['A', '4']]), template);
    expect(outcome.errors).toEqual([]);
    expect(await answers()).toEqual(['2 comm_1=4']);
  });

  it('must be there: a file with no item is an error', async () => {
    const outcome = await importSurvey(engine, responses([['school', 'How are you?'], ['A', 'fine']]), template);
    expect(where(outcome.errors)).toEqual(['responses.csv:1']);
    expect(outcome.errors[0].message).toContain('no column is an item');
  });
});

describe('answers', () => {
  it('are numbers 1–5 or the scale labels in English or Spanish, case-insensitive', async () => {
    const outcome = await importSurvey(
      engine,
      responses([
        ['school', 'aware_1', 'aware_2', 'access_1', 'access_2', 'comm_1'],
        ['A', '1', 'Disagree', 'Neither agree nor disagree', 'agree', 'STRONGLY AGREE'],
        ['A', 'Totalmente en desacuerdo', 'En desacuerdo', 'Ni de acuerdo ni en desacuerdo', 'De acuerdo', 'Totalmente de acuerdo'],
        ['A', ' 2 ', '3', '4', '5', 'strongly disagree']
      ]),
      template
    );
    expect(outcome.errors).toEqual([]);
    expect(await answers()).toEqual([
      '2 access_1=3', '2 access_2=4', '2 aware_1=1', '2 aware_2=2', '2 comm_1=5',
      '3 access_1=3', '3 access_2=4', '3 aware_1=1', '3 aware_2=2', '3 comm_1=5',
      '4 access_1=4', '4 access_2=5', '4 aware_1=2', '4 aware_2=3', '4 comm_1=1'
    ]);
  });

  it("count blank, Don't know, No sé and N/A as missing", async () => {
    const outcome = await importSurvey(
      engine,
      responses([
        ['school', 'aware_1', 'aware_2', 'access_1', 'access_2', 'comm_1'],
        ['A', '', "Don't know", 'No sé', 'N/A', '4'],
        ['A', 'n/a', 'DON\u2019T KNOW', 'no se\u0301', '  ', '5']
      ]),
      template
    );
    expect(outcome.errors).toEqual([]);
    expect(await answers()).toEqual(['2 comm_1=4', '3 comm_1=5']);
    // Both rows are respondents even with one answer each.
    expect(outcome.respondents).toBe(2);
  });

  it('report any other answer as an error at its row and item', async () => {
    const outcome = await importSurvey(
      engine,
      responses([
        ['school', 'aware_1', 'aware_2', 'climate_1'],
        ['A', '5', '4', '4'],
        ['A', 'Maybe', '4', '6'],
        ['B', '0', 'Sí', '4']
      ]),
      template
    );
    expect(where(outcome.errors)).toEqual(['responses.csv:3: aware_1', 'responses.csv:3: climate_1', 'responses.csv:4: aware_1', 'responses.csv:4: aware_2']);
    expect(outcome.errors[0].message).toContain('"Maybe"');
    expect(outcome.ok).toBe(false);
  });
});

describe('the school column', () => {
  it.each(['school', 'School ID', 'School Name', 'Escuela'])('is found by its header %j', async (header) => {
    const outcome = await importSurvey(
      engine,
      responses([
        ['Name of parent', header, 'aware_1'],
        ['Birch Middle School', 'A', '5'],
        ['Alder Elementary', 'B', '4']
      ]),
      template
    );
    expect(outcome.errors).toEqual([]);
    expect(await engine.query('SELECT _row, school_id FROM survey_responses ORDER BY _row')).toEqual([
      { _row: 2, school_id: 'A' },
      { _row: 3, school_id: 'B' }
    ]);
  });

  it('is found by its values where the header is a question, by name or by id', async () => {
    const outcome = await importSurvey(
      engine,
      responses([
        ['Timestamp', 'Which school does your child attend?', 'aware_1'],
        ['1/16/2024 7:42:13', 'Alder Elementary', '5'],
        ['1/16/2024 8:05:51', 'birch middle school', '4'],
        ['1/16/2024 8:19:02', 'C', '3'],
        ['1/16/2024 9:00:00', ' B ', '2']
      ]),
      template
    );
    expect(outcome.errors).toEqual([]);
    expect((await engine.query<{ school_id: string }>('SELECT school_id FROM survey_responses ORDER BY _row')).map((r) => r.school_id)).toEqual([
      'A',
      'B',
      'C',
      'B'
    ]);
  });

  it('reports an unknown school at its first row, with the closest name; a blank school is not scored, with a warning', async () => {
    const outcome = await importSurvey(
      engine,
      responses([
        ['Which school does your child attend?', 'aware_1'],
        ['Alder Elementary', '5'],
        ['Birch Middle School', '4'],
        ['Alder Elementry', '4'],
        ['', '3']
      ]),
      template
    );
    expect(where(outcome.errors)).toEqual(['responses.csv:4: Which school does your child attend?']);
    expect(outcome.errors[0].message).toContain('"Alder Elementry"');
    expect(outcome.errors[0].message).toContain('closest: "Alder Elementary"');
    const school = outcome.warnings.filter((w) => w.column === 'Which school does your child attend?');
    expect(where(school)).toEqual(['responses.csv:5: Which school does your child attend?']);
    expect(school[0].message).toBe('1 response names no school: not scored');
  });

  it('is an error when no column names a school', async () => {
    const outcome = await importSurvey(engine, responses([['Comment', 'aware_1'], ['Great school', '5'], ['Thanks', '4']]), template);
    expect(where(outcome.errors)).toEqual(['responses.csv:1']);
    expect(outcome.errors[0].message).toMatch(/school/);
  });
});

describe('suppression', () => {
  /** `a` respondents at A and `b` at B, each answering aware_1 with Agree and access_1 with Disagree. */
  const counts = (a: number, b: number) =>
    responses([
      ['school', 'aware_1', 'access_1'],
      ...Array.from({ length: a }, () => ['A', 'Agree', 'Disagree']),
      ...Array.from({ length: b }, () => ['B', 'Strongly agree', 'Disagree'])
    ]);

  it('withholds % favourable and mean where n is below 10, and not at exactly 10', async () => {
    expect((await importSurvey(engine, counts(10, 9), template)).errors).toEqual([]);
    expect(await surveySummary(engine)).toEqual([
      { school_id: 'A', school_name: 'Alder Elementary', construct: 'awareness', n: 10, pct_favorable: 100, mean: 4, suppressed: false },
      { school_id: 'A', school_name: 'Alder Elementary', construct: 'access', n: 10, pct_favorable: 0, mean: 2, suppressed: false },
      { school_id: 'B', school_name: 'Birch Middle School', construct: 'awareness', n: 9, pct_favorable: null, mean: null, suppressed: true },
      { school_id: 'B', school_name: 'Birch Middle School', construct: 'access', n: 9, pct_favorable: null, mean: null, suppressed: true }
    ]);
  });

  it('follows the threshold setting', async () => {
    await importSurvey(engine, counts(10, 6), template);
    await applySettings(engine, { ...DEFAULT_SETTINGS, suppressionThreshold: 6 });
    expect((await surveySummary(engine)).map((s) => [s.school_id, s.construct, s.suppressed, s.mean])).toEqual([
      ['A', 'awareness', false, 4],
      ['A', 'access', false, 2],
      ['B', 'awareness', false, 5],
      ['B', 'access', false, 2]
    ]);
    await applySettings(engine, { ...DEFAULT_SETTINGS, suppressionThreshold: 11 });
    expect((await surveySummary(engine)).map((s) => [s.school_id, s.suppressed, s.pct_favorable])).toEqual([
      ['A', true, null],
      ['A', true, null],
      ['B', true, null],
      ['B', true, null]
    ]);
  });
});

describe('the answers counted per respondent and construct, which scoring adds up', () => {
  // The same counts, taken the long way from every answer: what survey_construct_answers must hold.
  const fromAnswers = `SELECT a.respondent, r.school_id, coalesce(r.wave, '') AS wave, r.wave_order,
      coalesce(r.language_group, 'unknown') AS language_group, i.construct, i.construct_order,
      count(*)::INTEGER AS answered, count(*) FILTER (WHERE p.favorable)::INTEGER AS favorable,
      sum(a.value)::INTEGER AS total, ${Array.from({ length: MAX_SCALE_POINTS }, (_, k) => `count(*) FILTER (WHERE p.position = ${k + 1})::INTEGER AS v${k + 1}`).join(', ')}
    FROM survey_answers a JOIN survey_responses r USING (respondent) JOIN survey_items i USING (item_id)
      JOIN survey_scale_points p ON p.scale = i.scale AND p.value = a.value
    GROUP BY ALL ORDER BY respondent, construct`;
  const counted = 'SELECT * FROM survey_construct_answers ORDER BY respondent, construct';

  it('agree with the answers after loading, replacing and adding waves', async () => {
    const wave = (name: string, rows: string[][]) =>
      responses([['school', 'wave', 'language', 'aware_1', 'aware_2', 'access_1', 'climate_1'], ...rows.map((r) => [r[0], name, ...r.slice(1)])], `${name}.csv`);
    const fall = [
      ['A', 'English', '5', 'Agree', "Don't know", ''],
      ['A', 'Español', 'De acuerdo', 'No sé', '2', 'Totalmente de acuerdo'],
      ['B', '', '1', '', '', '']
    ];
    expect((await importSurvey(engine, wave('Fall', fall), template)).errors).toEqual([]);
    expect((await importSurvey(engine, wave('Winter', fall.slice(1)), template)).errors).toEqual([]);
    // The same wave again, spelled otherwise, with other answers: it replaces the first.
    expect((await importSurvey(engine, wave('fall ', [['B', 'en', 'Strongly disagree', '3', '4', '5']]), template)).errors).toEqual([]);
    const rows = await engine.query(counted);
    expect(rows.map((r) => `${r.wave} ${r.school_id} ${r.construct} ${r.answered}`)).toEqual([
      'Winter A access 1',
      'Winter A awareness 1',
      'Winter A climate 1',
      'Winter B awareness 1',
      'Fall B access 1',
      'Fall B awareness 2',
      'Fall B climate 1'
    ]);
    expect(rows).toEqual(await engine.query(fromAnswers));
  });

  it('agree with the answers of every form tool fixture', async () => {
    for (const file of ['google-forms-small.csv', 'qualtrics-small.csv', 'surveymonkey-small.csv']) {
      expect((await importSurvey(engine, fixture(`survey/${file}`), template)).errors).toEqual([]);
      expect(await engine.query(counted)).toEqual(await engine.query(fromAnswers));
    }
  });
});

describe('a failed survey import', () => {
  it('leaves the survey loaded before exactly as it was', async () => {
    expect((await importSurvey(engine, fixture('survey/google-forms-small.csv'), template)).errors).toEqual([]);
    const snapshot = () =>
      Promise.all([
        engine.query('SELECT * FROM survey_items ORDER BY item_order'),
        engine.query('SELECT * FROM survey_responses ORDER BY respondent'),
        engine.query('SELECT * FROM survey_answers ORDER BY respondent, item_id'),
        engine.query('SELECT * FROM survey_construct_answers ORDER BY respondent, construct'),
        engine.query(`SELECT * FROM input_files WHERE kind = 'survey'`),
        surveySummary(engine)
      ]);
    const before = await snapshot();
    expect(before[1]).toHaveLength(18);

    const outcome = await importSurvey(
      engine,
      responses([['school', 'aware_1'], ['A', '5'], ['B', 'Perhaps']], 'wave2.csv'),
      template
    );
    expect(where(outcome.errors)).toEqual(['wave2.csv:3: aware_1']);
    expect(await snapshot()).toEqual(before);
  });
});

describe('templates', () => {
  const header = 'id,construct,text_en,text_es,scale\n';

  it('parse the family mid-year template: 9 items, 5 constructs in order', () => {
    expect(template.items.map((i) => i.id)).toEqual(['aware_1', 'aware_2', 'access_1', 'access_2', 'comm_1', 'comm_2', 'satis_1', 'climate_1', 'climate_2']);
    expect(template.constructs).toEqual(['awareness', 'access', 'communication', 'satisfaction', 'climate']);
    expect(item('comm_1').text_en).toBe("School staff keep me informed about my child's well-being.");
  });

  it('parse the staff template with 8 items', () => {
    const staff = parseTemplate('staff', readFileSync(join(TEMPLATES, 'staff.csv'), 'utf8'), BUILT_IN_SCALES);
    expect(staff.items).toHaveLength(8);
    expect(staff.items.every((i) => i.scale === 'agree5')).toBe(true);
  });

  it('reject an unknown scale, naming the row', () => {
    expect(() => parseTemplate('mine.csv', header + 'q1,trust,I trust them.,Confío en ellos.,agree5\nq2,trust,Often?,¿A menudo?,often7\n', BUILT_IN_SCALES)).toThrow(/mine\.csv:3: scale/);
  });

  it('reject an item id used twice', () => {
    expect(() => parseTemplate('mine.csv', header + 'q1,trust,I trust them.,Confío en ellos.,agree5\nq1,trust,Again.,Otra vez.,agree5\n', BUILT_IN_SCALES)).toThrow(/"q1" appears twice/);
  });

  it('reject a bad id, a missing text and an empty template', () => {
    expect(() => parseTemplate('mine.csv', header + '1st,trust,I trust them.,Confío en ellos.,agree5\n', BUILT_IN_SCALES)).toThrow(/mine\.csv:2: id/);
    expect(() => parseTemplate('mine.csv', header + 'q1,trust,I trust them.,,agree5\n', BUILT_IN_SCALES)).toThrow(/mine\.csv:2: text_es/);
    expect(() => parseTemplate('mine.csv', header, BUILT_IN_SCALES)).toThrow(/no items/);
  });
});
