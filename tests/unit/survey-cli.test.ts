/**
 * `continuum analyze --survey` still writes the contract's survey_summary.csv: for the sample
 * district byte for byte as before the survey views came (the file was saved then), and for
 * every form tool's export of the hand district's 18 families.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
});
