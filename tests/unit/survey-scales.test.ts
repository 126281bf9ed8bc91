/**
 * Scales as data (data contract, "Surveys", **Scales**): the built-in scales file, a district's
 * own scales beside it, templates that mix scales, and the scores they give, against DuckDB.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/lib/core/engine/engine';
import { toCsv } from '../../src/lib/core/export/csv';
import { SURVEY_SUMMARY_COLUMNS, surveySummary } from '../../src/lib/core/model/model';
import { buildReport } from '../../src/lib/core/export/report/model';
import { favorableAnswersText, scaleRangeText } from '../../src/lib/core/present';
import { BUILT_IN_SCALES } from '../../src/lib/core/survey/builtin-scales';
import { importSurvey } from '../../src/lib/core/survey/import';
import { surveyBySchool, surveyScaleLabels, type ResultCell } from '../../src/lib/core/survey/results';
import { mergeScales, parseScales, type Scale } from '../../src/lib/core/survey/scales';
import { parseTemplate } from '../../src/lib/core/survey/template';
import { FIXTURES, fixture, text, openHandDistrict, resetSurvey } from '../helpers/district';

const TEMPLATES = join(import.meta.dirname, '..', '..', 'survey-templates');
const SCALES_HEADER = 'scale,value,label_en,label_es,also,favorable\n';
const TEMPLATE_HEADER = 'id,construct,text_en,text_es,scale\n';

/** A scale as `value label_en / label_es [also…] +` (+ where favorable), lowest first, then its no-answer labels. */
function described(scale: Scale): string[] {
  const also = (a: string[]) => (a.length ? ` [${a.join('; ')}]` : '');
  return [
    ...scale.points.map((p) => `${p.value} ${p.en} / ${p.es}${also(p.also)}${p.favorable ? ' +' : ''}`),
    ...scale.noAnswer.map((l) => `none ${l.en} / ${l.es}${also(l.also)}`)
  ];
}

describe('survey-templates/scales.csv', () => {
  it('holds the contract\'s four built-in scales, every label in English and Spanish', () => {
    expect(BUILT_IN_SCALES).toEqual(parseScales('scales.csv', readFileSync(join(TEMPLATES, 'scales.csv'), 'utf8')));
    expect(Object.keys(BUILT_IN_SCALES)).toEqual(['agree5', 'frequency5', 'satisfied5', 'yes_no']);
    expect(described(BUILT_IN_SCALES.agree5)).toEqual([
      '1 Strongly disagree / Totalmente en desacuerdo [Muy en desacuerdo; Completamente en desacuerdo]',
      '2 Disagree / En desacuerdo',
      '3 Neither agree nor disagree / Ni de acuerdo ni en desacuerdo [Neutral; Neither agree or disagree]',
      '4 Agree / De acuerdo +',
      '5 Strongly agree / Totalmente de acuerdo [Muy de acuerdo; Completamente de acuerdo] +'
    ]);
    expect(described(BUILT_IN_SCALES.frequency5)).toEqual([
      '1 Never / Nunca',
      '2 Rarely / Casi nunca',
      '3 Sometimes / A veces',
      '4 Often / Casi siempre +',
      '5 Always / Siempre +'
    ]);
    expect(described(BUILT_IN_SCALES.satisfied5)).toEqual([
      '1 Very dissatisfied / Muy insatisfecho',
      '2 Dissatisfied / Insatisfecho',
      '3 Neither satisfied nor dissatisfied / Ni satisfecho ni insatisfecho',
      '4 Satisfied / Satisfecho +',
      '5 Very satisfied / Muy satisfecho +'
    ]);
    // Lowest value first: No is the first point, whatever order the file lists them in.
    expect(described(BUILT_IN_SCALES.yes_no)).toEqual(['0 No / No', '1 Yes / Sí +']);
  });
});

describe('a scales file', () => {
  const refused = (body: string) => () => parseScales('mine.csv', SCALES_HEADER + body);

  it('is refused at the row and column of its first mistake', () => {
    expect(refused('often7,1,Never,Nunca,,no\noften7,one,Rarely,Casi nunca,,no\n')).toThrow(/^mine\.csv:3: value: a value is a whole number/);
    expect(refused('often7,1.5,Never,Nunca,,no\n')).toThrow(/^mine\.csv:2: value: /);
    expect(refused('often7,1,Never,Nunca,,maybe\n')).toThrow(/^mine\.csv:2: favorable: favorable is yes or no/);
    expect(refused('often7,1,Never,Nunca,,\n')).toThrow(/^mine\.csv:2: favorable: favorable is yes or no/);
    expect(refused('often7,1,Never,,,no\n')).toThrow(/^mine\.csv:2: label_es: is required/);
    expect(refused('7often,1,Never,Nunca,,no\n')).toThrow(/^mine\.csv:2: scale: /);
    expect(refused('often7,1,Never,Nunca,,no\noften7,,Not sure,No sé bien,,yes\n')).toThrow(/^mine\.csv:3: favorable: a label that means no answer is never favorable/);
  });

  it('is refused where one spelling or one value names two answers of a scale', () => {
    expect(refused('often7,1,Never,Nunca,,no\noften7,1,Rarely,Casi nunca,,no\n')).toThrow(/^mine\.csv:3: value: "1" is already an answer of often7 \(row 2\)/);
    expect(refused('often7,1,Never,Nunca,,no\noften7,2,Rarely,Casi nunca,NEVER,no\n')).toThrow(/^mine\.csv:3: also: "NEVER" is already an answer of often7/);
    // One answer may be spelled the same in both languages, and two scales may share a label.
    expect(() => parseScales('mine.csv', SCALES_HEADER + 'mine,1,No,No,,no\nmine,2,Yes,Sí,,yes\nother,1,No,No,,no\n')).not.toThrow();
  });

  it('is refused without the contract\'s header or without an answer that has a value', () => {
    expect(() => parseScales('mine.csv', 'scale,value,label\nx,1,One\n')).toThrow(/^mine\.csv:1: the header is scale,value,label_en,label_es,also,favorable/);
    expect(refused('often7,,Not sure,No sé bien,,no\n')).toThrow(/^mine\.csv: scale often7 has no answer with a value/);
  });

  it('adds scales beside the built-in ones and replaces one of the same name', () => {
    const own = parseScales('district-scales.csv', readFileSync(join(FIXTURES, 'survey/district-scales.csv'), 'utf8'));
    const scales = mergeScales(BUILT_IN_SCALES, own);
    expect(Object.keys(scales)).toEqual(['agree5', 'frequency5', 'satisfied5', 'yes_no', 'favorably4']);
    expect(described(scales.favorably4).at(-1)).toBe('none Unfamiliar (N/A) / No lo conozco (N/A) [Unfamiliar]');
    expect(scales.frequency5.points.filter((p) => p.favorable).map((p) => p.value)).toEqual([5]);
    expect(scales.agree5).toBe(BUILT_IN_SCALES.agree5);
  });

  it('makes a template naming a scale it does not define fail at that item', () => {
    const template = readFileSync(join(FIXTURES, 'survey/district-template.csv'), 'utf8');
    expect(() => parseTemplate('district-template.csv', template, BUILT_IN_SCALES)).toThrow(/^district-template\.csv:4: scale: scale must be one of agree5, frequency5, satisfied5, yes_no/);
  });
});

let engine: Engine;
beforeAll(async () => (engine = await openHandDistrict()));
afterAll(() => engine.close());
beforeEach(() => resetSurvey(engine));

function csv(name: string, rows: string[][]) {
  return text(name, rows.map((r) => r.join(',')).join('\n') + '\n');
}

/** pct_favorable and mean of the summary, rounded as the export writes them, with n and suppressed. */
async function summary() {
  const rows = await surveySummary(engine);
  const round = (x: number | null) => (x === null ? null : Number(x.toFixed(6)));
  return rows.map((r) => [r.school_id, r.construct, r.n, round(r.pct_favorable), round(r.mean), r.suppressed]);
}

describe('a Spanish survey that says Muy de acuerdo and Muy en desacuerdo', () => {
  it('loads with no problem and scores them 5 and 1', async () => {
    const template = parseTemplate('family-midyear', readFileSync(join(TEMPLATES, 'family-midyear.csv'), 'utf8'), BUILT_IN_SCALES);
    const outcome = await importSurvey(
      engine,
      csv('encuesta.csv', [
        ['school', 'aware_1', 'aware_2', 'access_1'],
        ['A', 'Muy de acuerdo', 'Muy en desacuerdo', 'Completamente de acuerdo'],
        ['A', 'muy en desacuerdo', 'MUY DE ACUERDO', 'Completamente en desacuerdo']
      ]),
      template
    );
    expect(outcome.errors).toEqual([]);
    expect(outcome.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/^items not in this file/)]);
    const values = await engine.query<{ row: number; item_id: string; value: number }>(
      'SELECT r._row AS row, a.item_id, a.value FROM survey_answers a JOIN survey_responses r USING (respondent) ORDER BY row, item_id'
    );
    expect(values.map((v) => `${v.row} ${v.item_id}=${v.value}`)).toEqual(['2 access_1=5', '2 aware_1=5', '2 aware_2=1', '3 access_1=1', '3 aware_1=1', '3 aware_2=5']);
  });
});

describe('a template that mixes agree5, frequency5 and yes_no items', () => {
  // referrals mixes three scales in one construct; providers and met are one scale each.
  const template = parseTemplate(
    'mixed.csv',
    TEMPLATE_HEADER +
      [
        'k1,referrals,I know how to refer a student.,Sé cómo referir a un estudiante.,agree5',
        'k2,referrals,I use the referral process.,Uso el proceso de referencia.,frequency5',
        'k3,referrals,I made a referral this year.,Hice una referencia este año.,yes_no',
        't1,providers,I talk with community providers.,Hablo con proveedores comunitarios.,frequency5',
        'm1,met,I have met our community provider.,Conocí a nuestro proveedor comunitario.,yes_no'
      ].join('\n'),
    BUILT_IN_SCALES
  );
  const answers = [
    ['school', 'k1', 'k2', 'k3', 't1', 'm1'],
    ['A', 'Strongly agree', 'Always', 'Yes', 'Often', 'Sí'],
    ['A', 'Agree', 'Often', 'No', 'Never', 'No'],
    ['A', 'Disagree', 'Sometimes', 'Yes', 'Sometimes', 'Yes'],
    ['A', 'Muy de acuerdo', 'Casi siempre', 'Sí', 'Rarely', '1'],
    ['A', 'Muy en desacuerdo', 'Nunca', '0', 'Always', '0'],
    ['A', '3', '3', '', 'A veces', ''],
    ['A', '', '', 'Yes', '', 'Yes'],
    ['A', 'N/A', "Don't know", 'No sé', 'Never', 'No'],
    ['A', 'Neutral', 'Rarely', 'No', 'Casi nunca', 'Sí'],
    ['A', 'De acuerdo', 'Siempre', 'Yes', 'Often', 'Yes'],
    ['A', 'Agree', 'Sometimes', 'No', 'Sometimes', 'No'],
    ['B', 'Agree', 'Always', 'Yes', 'Always', 'Yes'],
    ['B', '', '', '', '', '']
  ];

  it('scores each answer on its own scale, one construct across scales and each alone', async () => {
    const outcome = await importSurvey(engine, csv('mixed.csv', answers), template);
    expect(outcome.errors).toEqual([]);
    // By hand, school A. referrals: the 8th family answered none of k1–k3, so n = 10;
    // 27 answers, 14 favorable (4–5, 4–5, Yes), values summing to 66.
    // providers: 10 answers 4 1 3 2 5 3 1 2 4 3, favorable 4 and 5: 3 of them, sum 28.
    // met: 10 answers, 6 Yes (1), 4 No (0): the mean is the share saying yes.
    expect(await summary()).toEqual([
      ['A', 'referrals', 10, 51.851852, 2.444444, false],
      ['A', 'providers', 10, 30, 2.8, false],
      ['A', 'met', 10, 60, 0.6, false],
      ['B', 'referrals', 1, null, null, true],
      ['B', 'providers', 1, null, null, true],
      ['B', 'met', 1, null, null, true]
    ]);
  });

  it('counts each point by its place in its scale, so a 0/1 scale has two shares', async () => {
    expect((await importSurvey(engine, csv('mixed.csv', answers), template)).errors).toEqual([]);
    const bySchool = await surveyBySchool(engine, '');
    const shares = (construct: string) => {
      const cell: ResultCell | undefined = bySchool.find((c) => c.construct === construct)?.rows.find((r) => r.key === 'A')?.cell;
      return cell?.shown ? cell.shares.map((s) => Number(s.toFixed(6))) : cell;
    };
    expect(shares('met')).toEqual([0.4, 0.6]);
    expect(shares('providers')).toEqual([0.2, 0.2, 0.3, 0.2, 0.1]);
    // referrals: k1 and k2 by value, k3's No and Yes at the first two places. Of 27 answers,
    // place 1: k1 1, k2 1, No ×4 = 6; place 2: k1 1, k2 1, Yes ×5 = 7; place 3: 2 + 3; place 4: 3 + 2; place 5: 2 + 2.
    expect(shares('referrals')).toEqual([6, 7, 5, 5, 4].map((n) => Number((n / 27).toFixed(6))));
  });

  it('names the points of the first item\'s scale for the bars', async () => {
    expect((await importSurvey(engine, csv('mixed.csv', answers), template)).errors).toEqual([]);
    expect(await surveyScaleLabels(engine)).toEqual(['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree']);
  });

  it('reports an answer on no scale with what its own scale accepts', async () => {
    const outcome = await importSurvey(engine, csv('mixed.csv', [answers[0], ['A', 'Agree', 'Often', 'Maybe', 'Always', 'Yes']]), template);
    expect(outcome.errors.map((e) => `${e.row} ${e.column}: ${e.message}`)).toEqual([
      '2 k3: "Maybe" is not an answer on the scale (1 row: 2): answers are 0–1 or its labels in English or Spanish; Don\'t know, No sé, N/A or blank for no answer'
    ]);
  });
});

describe('a district\'s own scales file', () => {
  const scales = mergeScales(BUILT_IN_SCALES, parseScales('district-scales.csv', readFileSync(join(FIXTURES, 'survey/district-scales.csv'), 'utf8')));
  const template = parseTemplate('district-template.csv', readFileSync(join(FIXTURES, 'survey/district-template.csv'), 'utf8'), scales);

  it('scores its own scale, a blank-valued label as no answer, and its frequency5 in place of the built-in', async () => {
    const outcome = await importSurvey(engine, fixture('survey/district-survey.csv'), template);
    expect(outcome.errors).toEqual([]);
    expect(outcome.warnings).toEqual([]);
    expect(toCsv(await surveySummary(engine), SURVEY_SUMMARY_COLUMNS)).toBe(readFileSync(join(FIXTURES, 'survey/expected_district_survey_summary.csv'), 'utf8'));
  });

  it('names its no-answer labels among what the scale accepts', async () => {
    const outcome = await importSurvey(engine, csv('district.csv', [['school', 'center_1'], ['A', 'Not sure']]), template);
    expect(outcome.errors.map((e) => e.message)).toEqual([
      '"Not sure" is not an answer on the scale (1 row: 2): answers are 1–4 or its labels in English or Spanish; Don\'t know, No sé, N/A, Unfamiliar (N/A) or blank for no answer'
    ]);
  });

  it('gives the report the words of its scales for what favorable and the mean mean', async () => {
    expect((await importSurvey(engine, fixture('survey/district-survey.csv'), template)).errors).toEqual([]);
    const { survey } = await buildReport(engine, { made: new Date('2027-01-15T00:00:00Z') });
    expect(survey?.scales).toEqual([
      { favorable: ['Agree', 'Strongly agree'], low: 1, high: 5 },
      { favorable: ['Always'], low: 1, high: 5 },
      { favorable: ['Somewhat favorably', 'Very favorably'], low: 1, high: 4 }
    ]);
    expect(favorableAnswersText(survey!.scales)).toBe('agree or strongly agree; always; somewhat favorably or very favorably');
    expect(scaleRangeText(survey!.scales)).toBe('a 1–5 or 1–4 scale');
    expect(favorableAnswersText([{ favorable: ['Agree', 'Strongly agree'], low: 1, high: 5 }])).toBe('agree or strongly agree');
  });
});
