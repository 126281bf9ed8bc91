/**
 * The real command line (`node bin/continuum.js`), run as a user runs it from the repository.
 * Each run starts DuckDB's WebAssembly, a few seconds: the runs here are few and each does a lot.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { continuum, SAMPLE_INPUTS } from '../helpers/cli';
import { FIXTURES } from '../helpers/district';

const TIMEOUT = 60_000;

const lines = (text: string) => text.split('\n').filter(Boolean);
const csvLines = (path: string) => lines(readFileSync(path, 'utf8'));
const NO_STACK = /^\s+at\s/m;

let temp: string;
beforeAll(() => (temp = mkdtempSync(join(tmpdir(), 'continuum-cli-'))));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('continuum analyze', () => {
  it(
    'analyzes the sample district, survey included, into exactly the three files',
    async () => {
      const out = join(temp, 'sample');
      const run = await continuum([
        'analyze',
        ...SAMPLE_INPUTS,
        '--out', out
      ]);
      expect(run.stderr).not.toMatch(NO_STACK);
      expect(run.code).toBe(0);
      expect(readdirSync(out).sort()).toEqual(['staffing.csv', 'survey_summary.csv', 'tier_gaps.csv']);

      const gaps = csvLines(join(out, 'tier_gaps.csv'));
      expect(gaps[0]).toBe('school_id,school_name,tier,need,capacity,gap,coverage');
      expect(gaps).toHaveLength(1 + 127 * 3);
      expect(gaps.slice(1, 4).map((l) => l.split(',')[2])).toEqual(['1', '2', '3']);

      const staffing = csvLines(join(out, 'staffing.csv'));
      expect(staffing[0]).toBe('school_id,school_name,role,fte,students_per_fte,recommended_ratio,fte_needed,fte_gap');
      expect(staffing).toHaveLength(1 + 127 * 4);

      const survey = csvLines(join(out, 'survey_summary.csv'));
      expect(survey[0]).toBe('school_id,school_name,construct,n,pct_favorable,mean,suppressed');
      // 125 schools with responses × 5 constructs; the 4 small schools are withheld (sample-data/README.md).
      expect(survey).toHaveLength(1 + 125 * 5);
      const withheld = survey.filter((l) => l.endsWith(',,,true')).map((l) => l.split(',')[0]);
      expect([...new Set(withheld)]).toEqual(['HC044', 'HC064', 'HC111', 'HC122']);
      expect(withheld).toHaveLength(20);
      // Numbers are plain decimals.
      expect([...gaps, ...staffing, ...survey].join('\n')).not.toMatch(/\d[eE][+-]?\d|\d\.\d{7}/);
    },
    TIMEOUT
  );

  it(
    'reports every problem of the bad fixtures as FILE:ROW: column: message, exits 1 and creates no --out folder',
    async () => {
      const out = join(temp, 'never-created');
      const run = await continuum([
        'analyze',
        '--schools', 'tests/fixtures/excel/schools.csv',
        '--staff', 'tests/fixtures/bad/staff.csv',
        '--services', 'tests/fixtures/bad/services.csv',
        '--out', out
      ]);
      expect(run.code).toBe(1);
      expect(existsSync(out)).toBe(false);
      expect(run.stdout).toBe('');
      expect(run.stderr).not.toMatch(NO_STACK);
      const errors = lines(run.stderr).filter((l) => !/: warning: /.test(l));
      expect(errors.map((l) => l.replace(/^([^:]+:\d+: [a-z_]+): .+$/, '$1'))).toEqual([
        'tests/fixtures/bad/staff.csv:3: school_id',
        'tests/fixtures/bad/staff.csv:4: role',
        'tests/fixtures/bad/staff.csv:5: fte',
        'tests/fixtures/bad/staff.csv:6: fte',
        'tests/fixtures/bad/staff.csv:7: fte',
        'tests/fixtures/bad/services.csv:3: tier',
        'tests/fixtures/bad/services.csv:4: capacity',
        'tests/fixtures/bad/services.csv:5: provider_type',
        'tests/fixtures/bad/services.csv:6: requires_diagnosis',
        'tests/fixtures/bad/services.csv:7: school_id'
      ]);
      // Each line carries its message after the column.
      expect(errors[0]).toMatch(/^tests\/fixtures\/bad\/staff\.csv:3: school_id: .*S09/);
      expect(errors[5]).toMatch(/: tier: .*"4"/);
    },
    TIMEOUT
  );

  it(
    'leaves an existing --out folder untouched when the input is invalid',
    async () => {
      const out = join(temp, 'existing');
      mkdirSync(out);
      writeFileSync(join(out, 'tier_gaps.csv'), 'last week\n');
      writeFileSync(join(out, 'notes.txt'), 'mine\n');
      const run = await continuum([
        'analyze',
        '--schools', 'tests/fixtures/bad/schools.csv',
        '--staff', 'tests/fixtures/hand/staff.csv',
        '--services', 'tests/fixtures/hand/services.csv',
        '--out', out
      ]);
      expect(run.code).toBe(1);
      expect(run.stderr).not.toMatch(NO_STACK);
      for (const expected of [
        'tests/fixtures/bad/schools.csv:4: school_name: ',
        'tests/fixtures/bad/schools.csv:5: enrollment: ',
        'tests/fixtures/bad/schools.csv:6: enrollment: ',
        'tests/fixtures/bad/schools.csv:8: school_id: ',
        'tests/fixtures/bad/schools.csv:9: longitude: ',
        'tests/fixtures/bad/schools.csv:10: latitude: ',
        'tests/fixtures/bad/schools.csv:11: frl_pct: '
      ]) {
        expect(lines(run.stderr).some((l) => l.startsWith(expected)), expected).toBe(true);
      }
      expect(readdirSync(out).sort()).toEqual(['notes.txt', 'tier_gaps.csv']);
      expect(readFileSync(join(out, 'tier_gaps.csv'), 'utf8')).toBe('last week\n');
      expect(readdirSync(temp).filter((n) => n.startsWith('.continuum-'))).toEqual([]);
    },
    TIMEOUT
  );

  it(
    'is a usage error (exit 2) without --out, and writes nothing',
    async () => {
      const run = await continuum(['analyze', '--schools', 'sample-data/schools.csv', '--staff', 'sample-data/staff.csv', '--services', 'sample-data/services.csv']);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/missing --out/);
      expect(run.stderr).toMatch(/Usage:/);
      expect(run.stderr).not.toMatch(NO_STACK);
    },
    TIMEOUT
  );

  it(
    'analyzes a public-layout schools file (HIFLD) with matching staff and services',
    async () => {
      const inputs = join(temp, 'hifld');
      mkdirSync(inputs);
      writeFileSync(join(inputs, 'staff.csv'), 'NCESID,Position,FTE\n090000200021,School Psychologist,0.5\n090000200033,Counselor,1\n');
      writeFileSync(
        join(inputs, 'services.csv'),
        'school_id,provider,provider_type,service,tier,capacity\n090000200021,Aspen Team,school,group counseling,2,30\n*,County Crisis,community,crisis intervention,3,100\n'
      );
      const out = join(temp, 'hifld-out');
      const run = await continuum([
        'analyze',
        '--schools', join(FIXTURES, 'public/hifld-public-schools.csv'),
        '--staff', join(inputs, 'staff.csv'),
        '--services', join(inputs, 'services.csv'),
        '--out', out
      ]);
      expect(run.stderr).not.toMatch(NO_STACK);
      expect(run.code).toBe(0);
      // Warnings only: the TYPE header, the NOT REPORTED level, the unused columns.
      expect(lines(run.stderr).every((l) => l.includes(': warning: '))).toBe(true);
      expect(run.stderr).toContain('hifld-public-schools.csv:10: level: warning: ');

      const gaps = csvLines(join(out, 'tier_gaps.csv'));
      expect(gaps).toHaveLength(1 + 10 * 3);
      expect(gaps[1]).toBe('090000200021,ASPEN HOLLOW ELEMENTARY SCHOOL,1,386,0,386,0');
      expect(gaps[2]).toBe('090000200021,ASPEN HOLLOW ELEMENTARY SCHOOL,2,57.9,30,27.9,0.518135');
      const staffing = csvLines(join(out, 'staffing.csv'));
      expect(staffing).toHaveLength(1 + 10 * 4);
      expect(staffing[1]).toBe('090000200021,ASPEN HOLLOW ELEMENTARY SCHOOL,school_psychologist,0.5,772,500,0.772,0.272');
      expect(existsSync(join(out, 'survey_summary.csv'))).toBe(false);
    },
    TIMEOUT
  );
});
