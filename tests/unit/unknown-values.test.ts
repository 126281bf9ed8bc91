/**
 * The Load data page's list of unknown values (src/lib/ui/import/unknown.ts), fed with the core's
 * real problems, and the words staffing figures read in where a school did not report.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEAVE_OUT, mappingsCsv, parseMappings } from '../../src/lib/core/contract/mappings';
import { createNodeEngine } from '../../src/lib/core/engine/node';
import type { Problem } from '../../src/lib/core/import/problems';
import { isNotReported, NOT_REPORTED, schoolsNotReportedText, staffFte, staffGap, staffRatio } from '../../src/lib/core/present';
import { Session, type LoadFile } from '../../src/lib/core/session/session';
import { chosenMappings, meaningLabel, summarizeWarnings, unknownValues } from '../../src/lib/ui/import/unknown';
import { FIXTURES } from '../helpers/district';

const app = (name: string) => ({ name, data: new Uint8Array(readFileSync(join(FIXTURES, 'app', name))) });
const text = (name: string, content: string) => ({ name, data: new TextEncoder().encode(content) });

async function open() {
  return Session.open(await createNodeEngine());
}

const roster: LoadFile[] = [
  { kind: 'schools', source: app('hr-schools.csv') },
  { kind: 'staff', source: app('hr-roster.csv') },
  { kind: 'services', source: app('hr-services.csv') }
];

describe('unknown values of a real load', () => {
  it('lists each title of an HR roster once, with the suggestion where the words leave no doubt', async () => {
    const session = await open();
    try {
      const first = await session.load(roster, { replaceAll: true });
      expect(first.ok).toBe(false);
      const { unknown, other } = unknownValues(first.errors);
      expect(other).toEqual([]);
      expect(unknown.map((u) => [u.value, u.rows, u.firstRows, u.suggestion ?? ''])).toEqual([
        ['Teacher - Grade 3', 1, '2', LEAVE_OUT],
        ['School Psychologist II', 4, '3, 8, 15, …', 'school_psychologist'],
        ['Registered Nurse (RN)', 2, '4, 11', 'school_nurse'],
        ['Custodian', 3, '5, 13, 18', LEAVE_OUT],
        ['Licensed Clinical Social Worker', 1, '6', 'school_social_worker'],
        ['Teacher - Math', 1, '7', LEAVE_OUT],
        ['LCSW', 1, '10', 'school_social_worker'],
        ['Behavior Specialist', 1, '12', ''],
        ['Teacher - Science', 1, '14', LEAVE_OUT],
        ['Principal', 1, '16', LEAVE_OUT]
      ]);
      expect(unknown.every((u) => u.kind === 'staff' && u.column === 'role' && u.file === 'hr-roster.csv' && u.names === 'value')).toBe(true);
      expect(unknown[0].choices.map((c) => c.value)).toEqual(['school_psychologist', 'school_counselor', 'school_social_worker', 'school_nurse', LEAVE_OUT]);

      // Nothing without a choice is mapped; the chosen ones load, and the CSV reads back the same.
      const chosen = Object.fromEntries(unknown.map((u) => [u.key, u.suggestion ?? '']));
      expect(chosenMappings(unknown, chosen)).toHaveLength(9);
      chosen[unknown[7].key] = LEAVE_OUT;
      const mappings = chosenMappings(unknown, chosen);
      const again = await session.load(roster, { replaceAll: true, mappings });
      expect(again.errors).toEqual([]);
      expect(again.ok).toBe(true);
      expect(again.loaded.staff).toBe(9);
      expect(parseMappings('m.csv', mappingsCsv(mappings))).toEqual({ mappings, errors: [] });
      expect(meaningLabel(mappings[1])).toBe('School psychologist');
      expect(meaningLabel(mappings[0])).toBe('Leave these rows out');
    } finally {
      await session.close();
    }
  });

  it('gives a 5,000-row roster with 40 distinct titles 40 lines, never 5,000', async () => {
    const session = await open();
    try {
      const titles = Array.from({ length: 40 }, (_, i) => `Job Title ${String(i + 1).padStart(2, '0')}`);
      const rows = Array.from({ length: 5000 }, (_, i) => `${10000 + i},Name,First,HR0${(i % 3) + 1},${titles[i % 40]},1.0`);
      const big = text('roster-5000.csv', ['Employee ID,Last Name,First Name,Location Code,Job Title,FTE', ...rows].join('\r\n') + '\r\n');
      const outcome = await session.load([roster[0], { kind: 'staff', source: big }, roster[2]], { replaceAll: true });
      const { unknown, other } = unknownValues(outcome.errors);
      expect(other).toEqual([]);
      expect(unknown).toHaveLength(40);
      expect(unknown.every((u) => u.rows === 125)).toBe(true);
      expect(unknown[0].firstRows).toBe('2, 42, 82, …');
    } finally {
      await session.close();
    }
  });

  it('offers the loaded schools for a school id that is not one, suggesting the one a name can only mean', () => {
    const schools = [
      { school_id: 'HR01', school_name: 'Adams Elementary' },
      { school_id: 'HR02', school_name: 'Baker Middle School' }
    ];
    const problem: Problem = {
      file: 'staff.csv', row: 4, column: 'school_id', severity: 'error', kind: 'staff', value: 'Adams Elem.', rows: 2,
      message: 'school "Adams Elem." is not in schools.csv (2 rows: 4, 9)'
    };
    const [u] = unknownValues([problem], { schools }).unknown;
    expect(u.names).toBe('school');
    expect(u.choices.map((c) => c.value)).toEqual(['HR01', 'HR02', LEAVE_OUT]);
    expect(u.choices[0].label).toBe('Adams Elementary (HR01)');
    expect(u.suggestion).toBe('HR01');
    expect(u.firstRows).toBe('4, 9');
    expect(meaningLabel({ file: 'staff', column: 'school_id', value: 'Adams Elem.', means: 'HR01' }, schools)).toBe('Adams Elementary (HR01)');
  });

  it('keeps a survey school name open for the schools, and a row problem with the other problems', () => {
    const schools = [{ school_id: 'HC001', school_name: 'Harbor Elementary' }];
    const survey: Problem = { file: 'survey.csv', row: 3, column: 'Which school does your child attend?', mapAs: 'school', severity: 'error', kind: 'survey', value: 'Harbor Elem', rows: 5, message: '"Harbor Elem" matches no school id or name (5 rows: 3, 4, 8, …)' };
    const row: Problem = { file: 'staff.csv', row: 7, column: 'fte', severity: 'error', message: 'must be above 0 and at most 50' };
    const { unknown, other } = unknownValues([row, survey, { ...survey, row: 9 }], { schools });
    expect(other).toEqual([row]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatchObject({ kind: 'survey', column: 'school', names: 'school', suggestion: 'HC001', firstRows: '3, 4, 8, …' });
    expect(unknown[0].choices.map((c) => c.value)).toEqual(['HC001', LEAVE_OUT]);
  });
});

describe('warnings as the Load data page lists them', () => {
  it('puts what was left out first, and each file’s one note on its extra columns last', () => {
    const extras: Problem = { file: 'ccd.csv', row: 1, message: '14 columns the contract does not name are kept as extra attributes: COL_1, …', severity: 'warning', columns: Array.from({ length: 14 }, (_, i) => `COL_${i + 1}`) };
    const leftOut: Problem = { file: 'ccd.csv', row: 5, message: '1 school left out for their CCD status (Closed: 1)', severity: 'warning' };
    expect(summarizeWarnings([extras, leftOut])).toEqual([leftOut, extras]);
  });
});

describe('staffing figures where a school did not report', () => {
  const reported = { fte: 0, students_per_fte: null, fte_gap: 1.27, reported: true };
  const notReported = { fte: null, students_per_fte: null, fte_gap: 0, reported: false };

  it('reads "not reported", never 0 or "no one"', () => {
    expect(isNotReported(notReported)).toBe(true);
    expect(isNotReported({ ...notReported, reported: undefined })).toBe(true);
    expect(staffFte(notReported)).toBe(NOT_REPORTED);
    expect(staffRatio(notReported)).toBe('not reported');
    expect(staffGap(notReported)).toBe('not reported');
    expect(staffFte(reported)).toBe('0.0');
    expect(staffRatio(reported)).toBe('no one');
    expect(staffGap(reported)).toBe('1.27');
  });

  it('says how many schools did not report, and nothing where all did', () => {
    expect(schoolsNotReportedText(0)).toBe('');
    expect(schoolsNotReportedText(1)).toBe('1 school did not report');
    expect(schoolsNotReportedText(1204)).toBe('1,204 schools did not report');
  });

  it('in the model, the -9 of a CRDC file: the school page and the district row read it so', async () => {
    const session = await open();
    try {
      const outcome = await session.load(
        [
          { kind: 'schools', source: app('crdc-schools.csv') },
          { kind: 'staff', source: app('crdc-school-support.csv') },
          { kind: 'services', source: app('crdc-services.csv') }
        ],
        { replaceAll: true }
      );
      expect(outcome.errors).toEqual([]);
      const { schoolStaffing, districtStaffing } = await import('../../src/lib/core/model/queries');
      const school = await schoolStaffing(session.engine, '090000300041');
      const social = school.find((r) => r.role === 'school_social_worker')!;
      expect([staffFte(social), staffRatio(social), staffGap(social)]).toEqual([NOT_REPORTED, NOT_REPORTED, NOT_REPORTED]);
      expect(staffFte(school.find((r) => r.role === 'school_psychologist')!)).toBe('0.5');
      const district = await districtStaffing(session.engine);
      const psychologists = district.find((r) => r.role === 'school_psychologist') as (typeof district)[number] & { schools_not_reported: number };
      expect(schoolsNotReportedText(psychologists.schools_not_reported)).toBe('1 school did not report');
      expect([staffFte(psychologists), staffRatio(psychologists)]).toEqual(['0.9', '1:653']);
    } finally {
      await session.close();
    }
  });
});
