/**
 * A template built from the survey file itself, as the app builds it: the answers found per
 * column with a suggested scale, a new scale named from the answers found, the unmatched answers
 * mapped, then the downloaded template, scales and mappings CSVs given to the real command line,
 * which must score exactly what the district's hand-written files score.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mappingsCsv } from '../../src/lib/core/contract/mappings';
import { createNodeEngine } from '../../src/lib/core/engine/node';
import type { Engine } from '../../src/lib/core/engine/engine';
import { BUILT_IN_SCALES } from '../../src/lib/core/survey/builtin-scales';
import { itemIds, scaleFromAnswers, scalesCsv, suggestScale, surveyColumns, templateCsv } from '../../src/lib/core/survey/builder';
import { mergeScales, parseScales } from '../../src/lib/core/survey/scales';
import { parseTemplate } from '../../src/lib/core/survey/template';
import { continuum } from '../helpers/cli';
import { FIXTURES, file } from '../helpers/district';

let engine: Engine;
let temp: string;
beforeAll(async () => {
  engine = await createNodeEngine();
  temp = mkdtempSync(join(tmpdir(), 'continuum-builder-'));
});
afterAll(async () => {
  await engine.close();
  rmSync(temp, { recursive: true, force: true });
});

describe('building a template from the survey file', () => {
  it('suggests the scale whose labels every answer is on, and none where an answer is on no scale', () => {
    expect(suggestScale(['Agree', 'Strongly agree', 'Muy de acuerdo', "Don't know"], BUILT_IN_SCALES)).toBe('agree5');
    expect(suggestScale(['Never', 'A veces', 'Always'], BUILT_IN_SCALES)).toBe('frequency5');
    expect(suggestScale(['Sí', 'No'], BUILT_IN_SCALES)).toBe('yes_no');
    expect(suggestScale(['Always', 'Usually'], BUILT_IN_SCALES)).toBeUndefined();
    // Bare numbers fit many scales: the one with fewest points that holds them all.
    expect(suggestScale(['1', '0'], BUILT_IN_SCALES)).toBe('yes_no');
  });

  it('lists each column with the answers found in it, and gives the same summary through the CLI as the hand-written template and scales', async () => {
    const source = file(join(FIXTURES, 'survey/district-survey.csv'));
    const columns = await surveyColumns(engine, source, BUILT_IN_SCALES);
    expect(columns.map((c) => [c.header, c.role ?? c.suggestedScale ?? null, c.distinct])).toEqual([
      ['school', 'school', 2],
      ['know_1', 'agree5', 7],
      ['talk_1', null, 8],
      ['center_1', null, 9]
    ]);
    const talk = columns[2].answers.map((a) => a.text);
    expect(talk).toContain('Usually');

    // The team's choices: a construct and a scale per question; new scales from the answers
    // found (the district counts only "Always" as favorable, and writes "Usually" for "Often");
    // "Unfamiliar" mapped to no answer.
    const often5 = scaleFromAnswers('often5', [
      { text: 'Never', text_es: 'Nunca' },
      { text: 'Rarely', text_es: 'Casi nunca' },
      { text: 'Sometimes', text_es: 'A veces' },
      { text: 'Often', text_es: 'Casi siempre', also: ['Usually'] },
      { text: 'Always', text_es: 'Siempre', favorable: true }
    ]);
    const favorably4 = scaleFromAnswers('favorably4', [
      { text: 'Very unfavorably', text_es: 'Muy desfavorablemente' },
      { text: 'Somewhat unfavorably', text_es: 'Algo desfavorablemente' },
      { text: 'Somewhat favorably', text_es: 'Algo favorablemente', favorable: true },
      { text: 'Very favorably', text_es: 'Muy favorablemente', favorable: true },
      { text: 'Unfamiliar (N/A)', text_es: 'No lo conozco (N/A)', noAnswer: true }
    ]);
    const constructs = ['referrals', 'providers', 'center'];
    const ids = itemIds(constructs);
    const items = [
      { id: ids[0], construct: 'referrals', text_en: 'know_1', text_es: '', scale: 'agree5' },
      { id: ids[1], construct: 'providers', text_en: 'talk_1', text_es: '', scale: 'often5' },
      { id: ids[2], construct: 'center', text_en: 'center_1', text_es: '', scale: 'favorably4' }
    ];
    const paths = { template: join(temp, 'built-template.csv'), scales: join(temp, 'built-scales.csv'), mappings: join(temp, 'built-mappings.csv') };
    writeFileSync(paths.template, templateCsv(items));
    writeFileSync(paths.scales, scalesCsv([often5, favorably4]));
    writeFileSync(paths.mappings, mappingsCsv([{ file: 'survey', column: ids[2], value: 'Unfamiliar', means: 'missing' }]));
    // What was downloaded reads back as written.
    const scales = mergeScales(BUILT_IN_SCALES, parseScales('built-scales.csv', readFileSync(paths.scales, 'utf8')));
    expect(parseTemplate('built-template.csv', readFileSync(paths.template, 'utf8'), scales).items.map((i) => i.scale)).toEqual(['agree5', 'often5', 'favorably4']);

    const hand = (f: string) => join('tests/fixtures/hand', f);
    const out = join(temp, 'out');
    const run = await continuum([
      'analyze', '--schools', hand('schools.csv'), '--staff', hand('staff.csv'), '--services', hand('services.csv'), '--needs', hand('needs.csv'),
      '--survey', join('tests/fixtures/survey', 'district-survey.csv'), '--template', paths.template, '--scales', paths.scales, '--mappings', paths.mappings,
      '--out', out
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(out, 'survey_summary.csv'), 'utf8')).toBe(readFileSync(join(FIXTURES, 'survey/expected_district_survey_summary.csv'), 'utf8'));
  }, 120_000);

  it('shows no answers for a column of free text', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `A,Agree,Comment number ${i}`).join('\n');
    const columns = await surveyColumns(engine, { name: 'free.csv', data: new TextEncoder().encode(`school,aware_1,comments\n${rows}\n`) }, BUILT_IN_SCALES);
    expect(columns[2]).toMatchObject({ header: 'comments', distinct: 30, answers: [] });
  });
});
