/**
 * The core session's one load path: the same checks and problems for the app and the command
 * line, and a failed load rolled back in the database, the district with it.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/lib/core/engine/node';
import { Session, type LoadFile } from '../../src/lib/core/session/session';
import { loadTemplate } from '../../src/cli/inputs';
import { surveyItemIds } from '../../src/lib/core/survey/results';
import type { SurveyTemplate } from '../../src/lib/core/survey/template';
import { file, SAMPLE, text } from '../helpers/district';

let session: Session;
let template: SurveyTemplate;
const sample = (kind: 'schools' | 'staff' | 'services' | 'needs'): LoadFile => ({ kind, source: file(join(SAMPLE, `${kind}.csv`)) });
const survey = (source = file(join(SAMPLE, 'survey-family-midyear.csv'))): LoadFile => ({ kind: 'survey', source, template });
/** Everything a load can change, in one comparable value. */
const state = async () => ({
  tables: await session.engine.query(
    `SELECT (SELECT count(*) FROM schools) AS schools, (SELECT count(*) FROM staff) AS staff, (SELECT count(*) FROM services) AS services,
            (SELECT count(*) FROM needs) AS needs, (SELECT count(*) FROM survey_responses) AS responses, (SELECT count(*) FROM survey_answers) AS answers`
  ),
  files: await session.engine.query('SELECT kind, file_name, rows FROM input_files ORDER BY kind')
});

beforeAll(async () => {
  template = await loadTemplate();
  session = await Session.open(await createNodeEngine());
  const outcome = await session.load([sample('schools'), sample('staff'), sample('services'), sample('needs'), survey()]);
  expect(outcome.errors).toEqual([]);
  expect(outcome.ok).toBe(true);
  expect(outcome.surveys).toHaveLength(1);
  // The survey page tells the template loaded by its items, in the template's order.
  expect(await surveyItemIds(session.engine)).toEqual(template.items.map((i) => i.id));
});
afterAll(() => session.close());

describe('Session.load', () => {
  it('rolls back new district files in the database when the survey beside them fails', async () => {
    const before = await state();
    const schools = text('schools.csv', 'school_id,school_name,enrollment\nZ1,Zinnia Elementary,300\n');
    const staff = text('staff.csv', 'school_id,role,fte\nZ1,school_counselor,1\n');
    const services = text('services.csv', 'school_id,provider,provider_type,service,tier,capacity\nZ1,Zinnia Clinic,community,individual_counseling,3,5\n');
    // Answers for a school the new schools file does not have: the survey fails whole.
    const badSurvey = text('survey.csv', 'school,aware_1\nWindward Elementary School,4\n');
    const outcome = await session.load([
      { kind: 'schools', source: schools },
      { kind: 'staff', source: staff },
      { kind: 'services', source: services },
      survey(badSurvey)
    ], { replaceAll: true });
    expect(outcome.ok).toBe(false);
    expect(outcome.errors.length).toBeGreaterThan(0);
    expect(outcome.errors.every((e) => e.file === 'survey.csv')).toBe(true);
    expect(outcome.loaded).toEqual({});
    expect(await state()).toEqual(before);
  });

  it('loads nothing of a batch whose district files fail, and still checks every file', async () => {
    const before = await state();
    const outcome = await session.load([
      { kind: 'staff', source: text('staff.csv', 'school_id,role,fte\nNOPE,school_counselor,1\n') },
      { kind: 'services', source: text('services.csv', 'school_id,provider,provider_type,service,tier,capacity\nNOPE,P,community,individual_counseling,9,5\n') }
    ]);
    expect(outcome.ok).toBe(false);
    expect(new Set(outcome.errors.map((e) => e.file))).toEqual(new Set(['staff.csv', 'services.csv']));
    expect(await state()).toEqual(before);
  });

  it('keeps no wave of a batch whose second survey file fails', async () => {
    const before = await state();
    const fall = text('fall.csv', 'school,wave,aware_1\nWindward Elementary School,fall,4\n');
    const broken = text('winter.csv', 'not,a,survey\n1,2,3\n');
    const outcome = await session.load([survey(fall), survey(broken)]);
    expect(outcome.ok).toBe(false);
    expect(new Set(outcome.errors.map((e) => e.file))).toEqual(new Set(['winter.csv']));
    expect(await state()).toEqual(before);
  });

  it('a scenario comparison and a load take turns on the one lock', async () => {
    const comparing = session.scenarios.compare([{ type: 'fte', school_id: 'HC001', role: 'school_counselor', fte: 1 }], {}, 3);
    const loading = session.load([sample('staff')]);
    const [comparison, loaded] = await Promise.all([comparing, loading]);
    const counselors = comparison!.staffing.find((s) => s.role === 'school_counselor')!;
    expect(counselors.scenario_fte - counselors.fte).toBeCloseTo(1, 9);
    expect(loaded.errors).toEqual([]);
  });
});
