/**
 * `continuum analyze --survey` still writes the contract's survey_summary.csv: for the sample
 * district byte for byte as before the survey views came (the file was saved then), and for
 * every form tool's export of the hand district's 18 families; with --scales, a district's own scales.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { continuum, SAMPLE_INPUTS } from '../helpers/cli';
import { FIXTURES } from '../helpers/district';

const TIMEOUT = 90_000;
const analyze = (args: string[]) => continuum(['analyze', ...args], TIMEOUT);

let temp: string;
beforeAll(() => (temp = mkdtempSync(join(tmpdir(), 'continuum-survey-cli-'))));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('continuum analyze --survey', () => {
  it(
    'gives the sample district\'s survey_summary.csv exactly as the contract wrote it',
    async () => {
      const out = join(temp, 'sample');
      const run = await analyze([
        ...SAMPLE_INPUTS,
        '--out', out
      ]);
      expect(run.stderr).not.toMatch(/^\s+at\s/m);
      expect(run.code).toBe(0);
      expect(readFileSync(join(out, 'survey_summary.csv'), 'utf8')).toBe(readFileSync(join(FIXTURES, 'survey/expected_sample_survey_summary.csv'), 'utf8'));
    },
    TIMEOUT
  );

  it(
    'reads a Qualtrics export and a SurveyMonkey workbook with no option, to the same summary',
    async () => {
      const expected = readFileSync(join(FIXTURES, 'survey/expected_google_forms_small.csv'), 'utf8');
      for (const file of ['qualtrics-small.csv', 'surveymonkey-small.xlsx']) {
        const out = join(temp, file);
        const hand = (f: string) => join('tests/fixtures/hand', f);
        const run = await analyze([
          '--schools', hand('schools.csv'), '--staff', hand('staff.csv'), '--services', hand('services.csv'), '--needs', hand('needs.csv'),
          '--survey', join('tests/fixtures/survey', file), '--out', out
        ]);
        expect(run.code, run.stderr).toBe(0);
        expect(readFileSync(join(out, 'survey_summary.csv'), 'utf8')).toBe(expected);
      }
    },
    TIMEOUT * 2
  );

  const hand = (f: string) => join('tests/fixtures/hand', f);
  const district = ['--schools', hand('schools.csv'), '--staff', hand('staff.csv'), '--services', hand('services.csv'), '--needs', hand('needs.csv')];
  const survey = (f: string) => join('tests/fixtures/survey', f);

  it(
    'scores a template on a district\'s own scales with --scales',
    async () => {
      const out = join(temp, 'district-scales');
      const run = await analyze([
        ...district, '--survey', survey('district-survey.csv'), '--template', survey('district-template.csv'), '--scales', survey('district-scales.csv'), '--out', out
      ]);
      expect(run.code, run.stderr).toBe(0);
      expect(readFileSync(join(out, 'survey_summary.csv'), 'utf8')).toBe(readFileSync(join(FIXTURES, 'survey/expected_district_survey_summary.csv'), 'utf8'));
    },
    TIMEOUT
  );

  it(
    'refuses a bad scales file at its row and column, and a template whose scale it lacks, writing nothing',
    async () => {
      const bad = join(temp, 'bad-scales.csv');
      writeFileSync(bad, 'scale,value,label_en,label_es,also,favorable\nfavorably4,1,Very unfavorably,Muy desfavorablemente,,no\nfavorably4,2,Somewhat,Algo,,sometimes\n');
      const out = join(temp, 'bad');
      const run = await analyze([...district, '--survey', survey('district-survey.csv'), '--template', survey('district-template.csv'), '--scales', bad, '--out', out]);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe('continuum: bad-scales.csv:3: favorable: favorable is yes or no\n');
      const none = await analyze([...district, '--survey', survey('district-survey.csv'), '--template', survey('district-template.csv'), '--out', out]);
      expect(none.code).toBe(1);
      expect(none.stderr).toMatch(/^continuum: district-template\.csv:4: scale: scale must be one of agree5, frequency5, satisfied5, yes_no\n$/);
      expect(existsSync(out)).toBe(false);
    },
    TIMEOUT
  );
});
